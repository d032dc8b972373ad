import { z } from 'zod';
import type { PasskeyRow } from './passkeys.repo.js';

const base64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*={0,2}$/, 'Expected base64url.');

export const passkeyName = z.string().trim().min(1, 'Give the passkey a name.').max(100);

const transports = z.array(z.string().max(32)).max(10);
const extensionOutputs = z
  .object({
    appid: z.boolean().optional(),
    credProps: z.object({ rk: z.boolean().optional() }).optional(),
    hmacCreateSecret: z.boolean().optional(),
  })
  .describe('clientExtensionResults (other outputs are ignored)');
const attachment = z.enum(['platform', 'cross-platform']).optional();

/** RegistrationResponseJSON, as @simplewebauthn/browser's startRegistration() answers it. */
export const registrationResponse = z
  .object({
    id: base64url(1400),
    rawId: base64url(1400),
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: base64url(8192),
      attestationObject: base64url(65536),
      authenticatorData: base64url(65536).optional(),
      transports: transports.optional(),
      publicKeyAlgorithm: z.number().int().optional(),
      publicKey: base64url(8192).optional(),
    }),
    authenticatorAttachment: attachment,
    clientExtensionResults: extensionOutputs,
  })
  .describe('RegistrationResponseJSON');

/** AuthenticationResponseJSON, as @simplewebauthn/browser's startAuthentication() answers it. */
export const authenticationResponse = z
  .object({
    id: base64url(1400),
    rawId: base64url(1400),
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: base64url(8192),
      authenticatorData: base64url(65536),
      signature: base64url(8192),
      userHandle: base64url(128).optional(),
    }),
    authenticatorAttachment: attachment,
    clientExtensionResults: extensionOutputs,
  })
  .describe('AuthenticationResponseJSON');

const credentialDescriptor = z.object({
  id: z.string(),
  type: z.string(),
  transports: transports.optional(),
});
const extensionInputs = z.object({ credProps: z.boolean().optional() }).optional();
const hints = z.array(z.enum(['hybrid', 'security-key', 'client-device'])).optional();
const userVerification = z.enum(['required', 'preferred', 'discouraged']).optional();

export const creationOptionsSchema = z
  .object({
    rp: z.object({ name: z.string(), id: z.string().optional() }),
    user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
    challenge: z.string(),
    pubKeyCredParams: z.array(z.object({ alg: z.number().int(), type: z.literal('public-key') })),
    timeout: z.number().int().optional(),
    excludeCredentials: z.array(credentialDescriptor).optional(),
    authenticatorSelection: z
      .object({
        authenticatorAttachment: attachment,
        requireResidentKey: z.boolean().optional(),
        residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
        userVerification,
      })
      .optional(),
    hints,
    attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']).optional(),
    extensions: extensionInputs,
  })
  .describe('PublicKeyCredentialCreationOptionsJSON');

export const requestOptionsSchema = z
  .object({
    challenge: z.string(),
    timeout: z.number().int().optional(),
    rpId: z.string().optional(),
    allowCredentials: z.array(credentialDescriptor).optional(),
    userVerification,
    hints,
    extensions: extensionInputs,
  })
  .describe('PublicKeyCredentialRequestOptionsJSON');

export const passkeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    backedUp: z.boolean().describe('synced to the provider’s cloud (survives losing the device)'),
  })
  .describe('Passkey');

export type PresentedPasskey = z.infer<typeof passkeySchema>;

/** What the API shows of a passkey: never its key, counter or credential id. */
export const presentPasskey = (row: PasskeyRow): PresentedPasskey => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  backedUp: row.backedUp,
});
