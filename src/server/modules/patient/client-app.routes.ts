import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicalCaller } from '../clients/clients.policy.js';
import { adherenceQuery, adherenceSchema, overviewQuery, overviewSchema } from './adherence.schema.js';
import type { AdherenceService } from './adherence.service.js';
import type { createAdherenceOverview } from './adherence-overview.js';
import { appAccessSchema, clientIdParams, signedOutSchema } from './patient-access.schema.js';
import type { PatientAccessService } from './patient-access.service.js';

export interface ClientAppRoutesOptions {
  access: PatientAccessService;
  adherence: AdherenceService;
  overview: ReturnType<typeof createAdherenceOverview>;
}

const tags = ['clients'];

/** The practitioner's side of a client's app: adherence, signed-in devices, a locked code. */
export const clientAppRoutes: FastifyPluginAsyncZod<ClientAppRoutesOptions> = async (
  app,
  { access, adherence, overview },
) => {
  app.get(
    '/api/v1/clients/:id/adherence',
    {
      schema: {
        tags,
        summary: "The client's logged exercises over a period and their adherence against the program",
        params: clientIdParams,
        querystring: adherenceQuery,
        response: { 200: adherenceSchema },
      },
    },
    async (request) => adherence.forPractitioner(clinicalCaller(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/adherence-overview',
    {
      schema: {
        tags,
        summary: 'Every active client with a program: last day with a log and adherence over the last days',
        querystring: overviewQuery,
        response: { 200: overviewSchema },
      },
    },
    async (request) => overview(clinicalCaller(request), request.query),
  );

  app.get(
    '/api/v1/clients/:id/app-access',
    {
      schema: {
        tags,
        summary: "The devices signed in to the client's app, and whether the access code is locked",
        params: clientIdParams,
        response: { 200: appAccessSchema },
      },
    },
    async (request) => access.accessOf(clinicalCaller(request), request.params.id),
  );

  app.delete(
    '/api/v1/clients/:id/app-sessions',
    {
      schema: {
        tags,
        summary: "Sign every device out of the client's app (a lost phone); the access code stays",
        params: clientIdParams,
        response: { 200: signedOutSchema },
      },
    },
    async (request) => access.signOutDevices(clinicalCaller(request), request.params.id),
  );
};
