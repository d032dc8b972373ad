import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { errorResponseSchema } from './error-handler.js';

/**
 * Every documented route can answer with the error shape of API.md; the document says so without
 * each route repeating it. Only the document changes: the routes' serialization stays as declared.
 */
const withErrorResponses: typeof jsonSchemaTransform = (document) => {
  const { schema } = document;
  if (!schema || schema.hide) return jsonSchemaTransform(document);
  const response = { '4xx': errorResponseSchema, '5xx': errorResponseSchema, ...(schema.response as object) };
  return jsonSchemaTransform({ ...document, schema: { ...schema, response } });
};

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
    transform: withErrorResponses,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
