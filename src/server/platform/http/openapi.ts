import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** The OpenAPI document is generated from the zod schemas on the routes; nothing is written by hand. */
export async function registerOpenApi(app: FastifyInstance, options: { publicUrl: URL; version: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rehabit API',
        version: options.version,
        description: 'Home exercise programs, outcome measures, messaging and telehealth for rehabilitation.',
      },
      servers: [{ url: options.publicUrl.origin }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
