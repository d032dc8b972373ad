import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const statusSchema = z.object({ status: z.enum(['ok', 'unavailable']) });
const PING_TIMEOUT_MS = 2000;

/** Liveness answers while the process runs; readiness only while the database answers too. */
export const healthRoutes: FastifyPluginAsyncZod<{ ping: () => Promise<void> }> = async (app, options) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'The process is running', response: { 200: statusSchema } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers',
        response: { 200: statusSchema, 503: statusSchema },
      },
    },
    async (request, reply) => {
      let timeout: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          options.ping(),
          new Promise((_, reject) => {
            timeout = setTimeout(() => reject(new Error('database ping timed out')), PING_TIMEOUT_MS);
          }),
        ]);
        return { status: 'ok' as const };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return reply.status(503).send({ status: 'unavailable' as const });
      } finally {
        clearTimeout(timeout);
      }
    },
  );
};
