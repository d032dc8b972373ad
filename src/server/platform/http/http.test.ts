import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type DatabaseHandle, openDatabase } from '../../db/client.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { engineUnderTest, testDatabaseUrl } from '../../testing/database.js';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';

const CRASH_MARKER = `MARKER-${randomUUID()}`;

/** Routes of this test, registered on the real app the way modules register theirs. */
const testRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();
  const thing = z.object({
    name: z.string().min(1),
    sets: z.number().int().positive(),
    items: z.array(z.object({ reps: z.number().int() })),
  });
  app.post('/api/v1/test-http/things', { schema: { body: thing } }, async (request, reply) =>
    reply.status(201).send({ name: request.body.name }),
  );
  app.get(
    '/api/v1/test-http/things',
    { schema: { querystring: z.object({ limit: z.coerce.number().int().max(100) }) } },
    async (request) => ({ limit: request.query.limit }),
  );
  app.get('/api/v1/test-http/crash', async () => {
    throw new Error(`could not handle ${CRASH_MARKER}`);
  });
  app.get('/api/v1/test-http/locked', async () => {
    throw new AppError('locked', 429, 'Too many attempts. Try again in a minute.', undefined, {
      'retry-after': '60',
    });
  });
  app.get(
    '/api/v1/test-http/presented',
    { schema: { response: { 200: z.object({ id: z.string() }) } } },
    // A handler that returns more than it declares: the response schema is the second guard.
    async () => ({ id: 'c-1', email: 'ada@example.org' }) as { id: string },
  );
  app.get(
    '/api/v1/test-http/misshapen',
    { schema: { response: { 200: z.object({ id: z.string() }) } } },
    async () => ({ id: 7 }) as unknown as { id: string },
  );
};

const buildAppWithTestRoutes = (logs: LogCapture) =>
  buildTestApp({ logs, extra: { extraRoutes: [testRoutes] } });

describe(`error responses (${engineUnderTest()})`, () => {
  const logs = new LogCapture();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildAppWithTestRoutes(logs);
  });
  afterAll(() => app.close());

  it('answers an unknown API path with 404 not_found and a message', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('answers a body that is not JSON with 400 invalid_json', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-http/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "squats",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
  });

  it('answers an empty body declared as JSON with 400 invalid_json', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-http/things',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_json');
  });

  it('answers a content type the route does not accept with 415', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-http/things',
      headers: { 'content-type': 'application/xml' },
      payload: '<thing/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
  });

  it('answers a body that breaks the schema with 400 validation_failed naming each bad field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-http/things',
      payload: { name: '', sets: 'three', items: [{ reps: 10 }, { reps: 'ten' }] },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    expect(error.message).toEqual(expect.any(String));
    expect(error.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
      'items.1.reps',
      'name',
      'sets',
    ]);
    for (const detail of error.details) expect(detail.message).toEqual(expect.any(String));
  });

  it('names the query parameter that breaks the schema', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-http/things?limit=1000' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'limit' }] });
  });

  it('accepts a body that fits the schema', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-http/things',
      payload: { name: 'squats', sets: 3, items: [{ reps: 10 }] },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ name: 'squats' });
  });

  it('answers an unexpected error with 500 internal_error, hiding its text and stack', async () => {
    const mark = logs.lines.length;
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-http/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(response.body).not.toContain(CRASH_MARKER);
    expect(response.body).not.toContain('could not handle');
    expect(response.body).not.toMatch(/\bat .*\.ts:\d+/);
    const logged = logs.lines.slice(mark).join('');
    expect(logged).toContain('request failed');
    expect(logged).not.toContain(CRASH_MARKER);
  });

  it('answers an AppError with its own status, code, message and headers', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-http/locked' });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('60');
    expect(response.json()).toEqual({
      error: { code: 'locked', message: 'Too many attempts. Try again in a minute.' },
    });
  });

  it('drops fields a handler returns beyond its response schema', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-http/presented' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: 'c-1' });
  });

  it('answers a response that breaks its schema with 500 internal_error and logs it', async () => {
    const mark = logs.lines.length;
    const response = await app.inject({ method: 'GET', url: '/api/v1/test-http/misshapen' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('internal_error');
    expect(logs.lines.slice(mark).join('')).toContain('request failed');
  });
});

describe(`health (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('answers /healthz with 200 ok', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 ok while the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe(`health without a database (${engineUnderTest()})`, () => {
  let database: DatabaseHandle;
  let app: FastifyInstance;
  beforeAll(async () => {
    // A real database of the engine under test that stops answering: opened, migrated, then closed.
    database = await openDatabase({
      databaseUrl: testDatabaseUrl(),
      embeddedDir: 'memory://',
      log: createLogger({ logLevel: 'silent' }),
    });
    await database.migrate();
    app = await buildTestApp({ database });
    await database.close();
  });
  afterAll(() => app.close());

  it('answers /readyz with 503 unavailable', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable' });
  });

  it('still answers /healthz with 200 ok', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe(`API documentation (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildAppWithTestRoutes(new LogCapture());
  });
  afterAll(() => app.close());

  it('serves an OpenAPI 3 document listing the health routes', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('Rehabit API');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    expect(document.paths['/readyz'].get.responses).toHaveProperty('503');
  });

  it('describes request bodies from the zod schemas on the routes', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const body =
      document.paths['/api/v1/test-http/things'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['name', 'sets', 'items']));
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['name', 'sets', 'items']));
  });

  it('documents the error shape as the 4xx and 5xx answer of every route', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const operation of [
      document.paths['/healthz'].get,
      document.paths['/api/v1/test-http/things'].post,
    ]) {
      for (const status of ['4XX', '5XX']) {
        const schema = operation.responses[status].content['application/json'].schema;
        expect(schema.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
      }
    }
    expect(
      document.paths['/readyz'].get.responses['503'].content['application/json'].schema.properties,
    ).toHaveProperty('status');
  });

  it('leaves hidden routes out of the document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(document.paths)).not.toContain('/api/openapi.json');
    expect(Object.keys(document.paths)).not.toContain('/app');
  });

  it('serves the browsable documentation at /api/docs/', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
  });
});
