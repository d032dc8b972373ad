import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

// Authenticator data flags (WebAuthn §6.1).
const UP = 0x01;
const UV = 0x04;
const BE = 0x08;
const BS = 0x10;
const AT = 0x40;
// COSE: EC2 key type, ES256, curve P-256.
const COSE_EC2 = 2;
const COSE_ES256 = -7;
const COSE_P256 = 1;

/** One discoverable credential held by the authenticator. */
export interface SoftwareCredential {
  id: string;
  rpId: string;
  userHandle: string;
  privateKey: KeyObject;
  counter: number;
}

/** What a test may bend to play a broken or hostile client. */
export interface CeremonyOverrides {
  origin?: string;
  challenge?: string;
  rpId?: string;
  type?: string;
  userVerified?: boolean;
  /** The signature counter to report (defaults to one more than the last). */
  counter?: number;
  /** Authenticate with this credential rather than the newest one for the RP. */
  credentialId?: string;
  /** The user handle to report (defaults to the one given at registration). */
  userHandle?: string;
}

const sha256 = (data: Uint8Array | string) => new Uint8Array(createHash('sha256').update(data).digest());

function uint32(value: number) {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function concat(...parts: Uint8Array[]) {
  return new Uint8Array(Buffer.concat(parts));
}

function clientData(type: string, challenge: string, origin: string) {
  return new TextEncoder().encode(JSON.stringify({ type, challenge, origin, crossOrigin: false }));
}

function cosePublicKey(publicKey: KeyObject) {
  const jwk = publicKey.export({ format: 'jwk' });
  if (!jwk.x || !jwk.y) throw new Error('not an EC public key');
  return isoCBOR.encode(
    new Map<number, number | Uint8Array>([
      [1, COSE_EC2],
      [3, COSE_ES256],
      [-1, COSE_P256],
      [-2, isoBase64URL.toBuffer(jwk.x)],
      [-3, isoBase64URL.toBuffer(jwk.y)],
    ]),
  );
}

/**
 * A real WebAuthn authenticator in software, as a browser and a platform authenticator would answer:
 * ES256 keys, "none" attestation, discoverable credentials (so assertions carry the user handle),
 * synced (backup eligible and backed up) like a phone's passkeys. It refuses to register a second
 * credential for an account that lists one of its credentials in excludeCredentials.
 */
export class SoftwareAuthenticator {
  readonly credentials: SoftwareCredential[] = [];

  constructor(readonly origin: string) {}

  /** navigator.credentials.create(): a new credential for the options' RP and user. */
  register(
    options: PublicKeyCredentialCreationOptionsJSON,
    overrides: CeremonyOverrides = {},
  ): RegistrationResponseJSON {
    const rpId = overrides.rpId ?? options.rp.id ?? new URL(this.origin).hostname;
    const excluded = new Set((options.excludeCredentials ?? []).map((credential) => credential.id));
    if (this.credentials.some((credential) => excluded.has(credential.id))) {
      throw new Error('InvalidStateError: this authenticator already holds a credential for the account');
    }
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rawId = new Uint8Array(randomBytes(32));
    const id = isoBase64URL.fromBuffer(rawId);
    const credential: SoftwareCredential = {
      id,
      rpId,
      userHandle: options.user.id,
      privateKey,
      counter: overrides.counter ?? 0,
    };
    const flags = UP | AT | BE | BS | (overrides.userVerified === false ? 0 : UV);
    const attestedCredentialData = concat(
      new Uint8Array(16), // AAGUID: none given with "none" attestation
      new Uint8Array([rawId.length >> 8, rawId.length & 0xff]),
      rawId,
      cosePublicKey(publicKey),
    );
    const authData = concat(
      sha256(rpId),
      new Uint8Array([flags]),
      uint32(credential.counter),
      attestedCredentialData,
    );
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Uint8Array | Map<string, string>>([
        ['fmt', 'none'],
        ['attStmt', new Map<string, string>()],
        ['authData', authData],
      ]),
    );
    this.credentials.push(credential);
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(
          clientData(
            overrides.type ?? 'webauthn.create',
            overrides.challenge ?? options.challenge,
            overrides.origin ?? this.origin,
          ),
        ),
        attestationObject: isoBase64URL.fromBuffer(attestationObject),
        transports: ['internal', 'hybrid'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: { credProps: { rk: true } },
    };
  }

  /** navigator.credentials.get(): an assertion signed by a held credential for the options' RP. */
  authenticate(
    options: PublicKeyCredentialRequestOptionsJSON,
    overrides: CeremonyOverrides = {},
  ): AuthenticationResponseJSON {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const allowed = options.allowCredentials?.map((credential) => credential.id);
    const candidates = this.credentials.filter(
      (credential) =>
        (overrides.credentialId ? credential.id === overrides.credentialId : credential.rpId === rpId) &&
        (!allowed || allowed.length === 0 || allowed.includes(credential.id)),
    );
    const credential = candidates.at(-1);
    if (!credential) throw new Error('NotAllowedError: no credential for this RP');
    credential.counter = overrides.counter ?? credential.counter + 1;
    const flags = UP | BE | BS | (overrides.userVerified === false ? 0 : UV);
    const authData = concat(
      sha256(overrides.rpId ?? rpId),
      new Uint8Array([flags]),
      uint32(credential.counter),
    );
    const clientDataJSON = clientData(
      overrides.type ?? 'webauthn.get',
      overrides.challenge ?? options.challenge,
      overrides.origin ?? this.origin,
    );
    // ES256 signatures are DER-encoded ECDSA over authenticatorData ‖ SHA-256(clientDataJSON).
    const signature = sign('sha256', concat(authData, sha256(clientDataJSON)), credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON: isoBase64URL.fromBuffer(clientDataJSON),
        authenticatorData: isoBase64URL.fromBuffer(authData),
        signature: isoBase64URL.fromBuffer(new Uint8Array(signature)),
        userHandle: overrides.userHandle ?? credential.userHandle,
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }
}
