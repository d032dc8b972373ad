import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clinicalCaller } from './clients.policy.js';
import { presentClient, presentClientSummary } from './clients.presenter.js';
import {
  clientIdParams,
  clientListQuery,
  clientListSchema,
  clientSchema,
  createClientBody,
  diagnosisCodesQuery,
  diagnosisCodesSchema,
  updateClientBody,
} from './clients.schema.js';
import type { ClientsService } from './clients.service.js';
import { searchDiagnosisCodes } from './diagnosis-codes.js';

export interface ClientsRoutesOptions {
  clients: ClientsService;
}

const tags = ['clients'];

/** The practice's clients: owners, practitioners and API keys; every read and change is audited. */
export const clientsRoutes: FastifyPluginAsyncZod<ClientsRoutesOptions> = async (app, { clients }) => {
  app.post(
    '/api/v1/clients',
    {
      schema: {
        tags,
        summary: 'Add a client',
        body: createClientBody,
        response: { 201: clientSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentClient(await clients.create(clinicalCaller(request), request.body))),
  );

  app.get(
    '/api/v1/clients',
    {
      schema: {
        tags,
        summary: 'List clients: search by name, or find by exact email, mobile or national identifier',
        querystring: clientListQuery,
        response: { 200: clientListSchema },
      },
    },
    async (request) => {
      const { rows, total } = await clients.list(clinicalCaller(request), request.query);
      return { items: rows.map(presentClientSummary), total };
    },
  );

  app.get(
    '/api/v1/clients/:id',
    {
      schema: { tags, summary: 'A client', params: clientIdParams, response: { 200: clientSchema } },
    },
    async (request) => presentClient(await clients.get(clinicalCaller(request), request.params.id)),
  );

  app.patch(
    '/api/v1/clients/:id',
    {
      schema: {
        tags,
        summary: "Change a client's fields; null clears an optional one",
        params: clientIdParams,
        body: updateClientBody,
        response: { 200: clientSchema },
      },
    },
    async (request) =>
      presentClient(await clients.update(clinicalCaller(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/clients/:id/archive',
    {
      schema: { tags, summary: 'Archive a client', params: clientIdParams, response: { 200: clientSchema } },
    },
    async (request) => presentClient(await clients.archive(clinicalCaller(request), request.params.id)),
  );

  app.post(
    '/api/v1/clients/:id/restore',
    {
      schema: {
        tags,
        summary: 'Bring an archived client back',
        params: clientIdParams,
        response: { 200: clientSchema },
      },
    },
    async (request) => presentClient(await clients.restore(clinicalCaller(request), request.params.id)),
  );

  app.get(
    '/api/v1/diagnosis-codes',
    {
      schema: {
        tags,
        summary: 'Common musculoskeletal ICD-10 codes, for autocomplete',
        querystring: diagnosisCodesQuery,
        response: { 200: diagnosisCodesSchema },
      },
    },
    async (request) => {
      clinicalCaller(request);
      const { q, lang, limit } = request.query;
      return { items: searchDiagnosisCodes(q, lang, limit) };
    },
  );
};
