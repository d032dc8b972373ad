import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestOrigin } from '../../platform/auth-context/auth-context.js';
import { patientSessionSchema } from './patient-access.schema.js';
import type { PatientAccessService } from './patient-access.service.js';
import { requirePatient } from './patient-auth.js';
import type { PatientPasskeysService } from './patient-passkeys.service.js';

export interface PatientPasskeysRoutesOptions {
  passkeys: PatientPasskeysService;
  access: PatientAccessService;
}

const tags = ['patient app'];
// The WebAuthn JSON is checked by @simplewebauthn/server; here only its outline.
const credentialJson = z
  .object({ id: z.string().max(1024), rawId: z.string().max(1024), type: z.literal('public-key') })
  .passthrough();
const options = z
  .record(z.string(), z.unknown())
  .describe('WebAuthn options JSON for @simplewebauthn/browser');
// The options are plain JSON already; the cast only tells the schema's record type so.
const asJson = (value: object) => value as unknown as Record<string, unknown>;

/** Passkeys on the client's devices: add one after a code sign-in, then sign in with it alone. */
export const patientPasskeysRoutes: FastifyPluginAsyncZod<PatientPasskeysRoutesOptions> = async (
  app,
  { passkeys, access },
) => {
  app.post(
    '/api/v1/patient/passkeys/options',
    { schema: { tags, summary: 'Options to add a passkey on this device', response: { 200: options } } },
    async (request) => asJson(await passkeys.registrationOptions(await requirePatient(request, access))),
  );

  app.post(
    '/api/v1/patient/passkeys',
    {
      schema: {
        tags,
        summary:
          'Keep the passkey this device made; from then on it opens the app without code or year of birth',
        body: z.object({ response: credentialJson }),
        response: { 201: z.object({ id: z.uuid(), createdAt: z.date() }) },
      },
    },
    async (request, reply) => {
      const patient = await requirePatient(request, access);
      const response = request.body.response as unknown as RegistrationResponseJSON;
      return reply.status(201).send(await passkeys.register(patient, response, requestOrigin(request)));
    },
  );

  app.post(
    '/api/v1/patient/passkey/options',
    {
      schema: {
        tags,
        summary: "Options to sign in with one of the device's passkeys",
        response: { 200: options },
      },
    },
    async (request) => asJson(await passkeys.authenticationOptions(requestOrigin(request))),
  );

  app.post(
    '/api/v1/patient/passkey/sessions',
    {
      schema: {
        tags,
        summary:
          'Sign in with a passkey alone; 401 invalid_passkey once the practice signed the devices out or rotated the code',
        body: z.object({ response: credentialJson }),
        response: { 201: patientSessionSchema },
      },
    },
    async (request, reply) => {
      const response = request.body.response as unknown as AuthenticationResponseJSON;
      return reply.status(201).send(await passkeys.signIn(response, requestOrigin(request)));
    },
  );
};
