import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  forbidden,
  requestOrigin,
  requirePracticeCaller,
  requirePractitioner,
} from '../../platform/auth-context/auth-context.js';
import {
  apiKeyIdParams,
  apiKeyListSchema,
  apiKeyNameBody,
  createdApiKeySchema,
  currentApiKeySchema,
} from './api-keys.schema.js';
import type { ApiKeySummary, ApiKeysService, KeyManager } from './api-keys.service.js';

export interface ApiKeysRoutesOptions {
  apiKeys: ApiKeysService;
}

const tags = ['api-keys'];

/** Keys are managed by a signed-in member; a key managing keys would let a leaked key outlive its revocation. */
function manager(request: FastifyRequest): KeyManager {
  if (request.principal?.kind === 'api_key')
    throw forbidden('An API key cannot manage API keys; sign in instead.');
  const principal = requirePractitioner(request);
  return {
    practiceId: principal.practiceId,
    practitionerId: principal.practitionerId,
    role: principal.role,
    ...requestOrigin(request),
  };
}

const presentApiKey = (key: ApiKeySummary) => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  createdAt: key.createdAt.toISOString(),
  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
  createdBy: key.createdBy,
});

/** The practice's API keys for integrations (owners), and the key's own check for an integration. */
export const apiKeysRoutes: FastifyPluginAsyncZod<ApiKeysRoutesOptions> = async (app, { apiKeys }) => {
  app.post(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key (owner); the key is shown in this answer only',
        body: apiKeyNameBody,
        response: { 201: createdApiKeySchema },
      },
    },
    async (request, reply) => {
      const created = await apiKeys.create(manager(request), request.body.name);
      return reply.status(201).send({ ...created, createdAt: created.createdAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/api-keys',
    {
      schema: {
        tags,
        summary: "The practice's working API keys (owner), newest first; never the keys themselves",
        response: { 200: apiKeyListSchema },
      },
    },
    async (request) => ({ items: (await apiKeys.list(manager(request))).map(presentApiKey) }),
  );

  app.get(
    '/api/v1/api-keys/current',
    {
      schema: {
        tags,
        summary: 'The API key of this request (bearer only), for an integration to check its key works',
        response: { 200: currentApiKeySchema },
      },
    },
    async (request) => {
      const caller = requirePracticeCaller(request);
      if (caller.kind !== 'api_key') throw forbidden('This address answers API keys only.');
      return apiKeys.current(caller);
    },
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API key (owner); it stops working at once',
        params: apiKeyIdParams,
      },
    },
    async (request, reply) => {
      await apiKeys.revoke(manager(request), request.params.id);
      return reply.status(204).send();
    },
  );
};
