import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestOrigin } from '../../platform/auth-context/auth-context.js';
import { clinicalCaller } from '../clients/clients.policy.js';
import type { PatientAccessService } from '../patient/patient-access.service.js';
import { requirePatient } from '../patient/patient-auth.js';
import {
  clientIdParams,
  contactPreferencesBody,
  contactPreferencesSchema,
  invitationBody,
  invitationSchema,
} from './client-invitations.schema.js';
import type { ClientInvitationsService } from './client-invitations.service.js';

export interface ClientInvitationsRoutesOptions {
  invitations: ClientInvitationsService;
  access: PatientAccessService;
}

// Each invitation is a mail or a paid text message to a client: a brake on floods, per address.
const inviteLimit = { rateLimit: { max: 100, timeWindow: '1 hour' } };

/** Inviting a client to the patient app by mail or SMS, and the client's refusal or consent per channel. */
export const clientInvitationsRoutes: FastifyPluginAsyncZod<ClientInvitationsRoutesOptions> = async (
  app,
  { invitations, access },
) => {
  app.post(
    '/api/v1/clients/:id/invitations',
    {
      config: inviteLimit,
      schema: {
        tags: ['clients'],
        summary: "Send the client's access code and the patient app's link by email or SMS",
        params: clientIdParams,
        body: invitationBody,
        response: { 202: invitationSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await invitations.invite(clinicalCaller(request), request.params.id, request.body.channel)),
  );

  app.get(
    '/api/v1/clients/:id/contact-preferences',
    {
      schema: {
        tags: ['clients'],
        summary: 'Whether the client accepts email and SMS, and since when they refused',
        params: clientIdParams,
        response: { 200: contactPreferencesSchema },
      },
    },
    async (request) => invitations.preferences(clinicalCaller(request), request.params.id),
  );

  app.put(
    '/api/v1/clients/:id/contact-preferences',
    {
      schema: {
        tags: ['clients'],
        summary:
          "Record the client's refusal of, or consent to, email and SMS; nothing is sent on a refused channel",
        params: clientIdParams,
        body: contactPreferencesBody,
        response: { 200: contactPreferencesSchema },
      },
    },
    async (request) => invitations.setPreferences(clinicalCaller(request), request.params.id, request.body),
  );

  app.get(
    '/api/v1/patient/contact-preferences',
    {
      schema: {
        tags: ['patient app'],
        summary: 'Whether the practice may reach me by email and SMS',
        response: { 200: contactPreferencesSchema },
      },
    },
    async (request) =>
      invitations.patientPreferences(await requirePatient(request, access), requestOrigin(request)),
  );

  app.put(
    '/api/v1/patient/contact-preferences',
    {
      schema: {
        tags: ['patient app'],
        summary: 'Refuse (or accept again) email and SMS from the practice',
        body: contactPreferencesBody,
        response: { 200: contactPreferencesSchema },
      },
    },
    async (request) =>
      invitations.setPatientPreferences(
        await requirePatient(request, access),
        request.body,
        requestOrigin(request),
      ),
  );
};
