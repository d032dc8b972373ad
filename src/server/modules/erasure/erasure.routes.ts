import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { erasureCaller } from './erasure.policy.js';
import { clientErasureSchema, clientIdParams, closureSchema, confirmBody } from './erasure.schema.js';
import type { ErasureService } from './erasure.service.js';

export interface ErasureRoutesOptions {
  erasure: ErasureService;
}

/** Erasing a client, and closing the practice (erased as a whole after a grace period). */
export const erasureRoutes: FastifyPluginAsyncZod<ErasureRoutesOptions> = async (app, { erasure }) => {
  app.post(
    '/api/v1/clients/:id/erasure',
    {
      schema: {
        tags: ['clients'],
        summary:
          'Erase a client for good (owner): their rows, media and data key; the erasure ledger keeps ids only',
        params: clientIdParams,
        body: confirmBody,
        response: { 202: clientErasureSchema },
      },
    },
    async (request, reply) => {
      const erased = await erasure.eraseClient(erasureCaller(request), request.params.id);
      return reply.status(202).send({ clientId: erased.clientId, erasedAt: erased.erasedAt.toISOString() });
    },
  );

  app.get(
    '/api/v1/practice/closure',
    {
      schema: {
        tags: ['practice'],
        summary: 'Whether the practice is closing, and when it will be erased',
        response: { 200: closureSchema },
      },
    },
    async (request) => erasure.closure(erasureCaller(request)),
  );

  app.post(
    '/api/v1/practice/closure',
    {
      schema: {
        tags: ['practice'],
        summary:
          'Close the practice (owner): everything is erased after the grace period; the owner is mailed the date',
        body: confirmBody,
        response: { 202: closureSchema },
      },
    },
    async (request, reply) => reply.status(202).send(await erasure.scheduleClosure(erasureCaller(request))),
  );

  app.delete(
    '/api/v1/practice/closure',
    {
      schema: {
        tags: ['practice'],
        summary: 'Cancel the closure while the grace period lasts (owner)',
      },
    },
    async (request, reply) => {
      await erasure.cancelClosure(erasureCaller(request));
      return reply.status(204).send();
    },
  );
};
