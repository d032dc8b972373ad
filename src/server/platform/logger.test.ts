import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jobs } from '../db/schema/index.js';
import { createTransactor } from '../db/transactions.js';
import { buildTestApp, LogCapture } from '../testing/app.js';
import { engineUnderTest, testDatabase } from '../testing/database.js';
import { AppError, notFound } from './errors.js';
import { createLogger, serializeError } from './logger.js';

const newMarker = () => `MARKER-${randomUUID()}`;

/** The database error a unique violation on a value raises, caught. */
async function duplicateDedupeKeyError(value: string): Promise<unknown> {
  const transactor = createTransactor((await testDatabase()).db);
  const job = () => ({
    id: randomUUID(),
    kind: `logger-test-${randomUUID()}`,
    runAt: new Date(),
    dedupeKey: value,
  });
  try {
    await transactor.asSystem(async (tx) => {
      await tx.insert(jobs).values(job());
      await tx.insert(jobs).values(job());
    });
  } catch (error) {
    return error;
  }
  throw new Error('expected a unique violation');
}

describe(`serializeError (${engineUnderTest()})`, () => {
  it('withholds the message of an error of unknown authorship', () => {
    const marker = newMarker();
    const serialized = serializeError(new Error(`could not save ${marker}`));
    expect(serialized).toMatchObject({ type: 'Error', message: '[withheld: may quote data]' });
    expect(JSON.stringify(serialized)).not.toContain(marker);
  });

  it('keeps the stack frames of a withheld error', () => {
    const serialized = serializeError(new TypeError('x'));
    expect(serialized.type).toBe('TypeError');
    expect(serialized.stack).toEqual(
      expect.arrayContaining([expect.stringMatching(/^at .*logger\.test\.ts:\d+:\d+/)]),
    );
  });

  it('drops message lines that look like stack frames', () => {
    const marker = newMarker();
    const serialized = serializeError(
      new Error(`my knee hurts\n    at ${marker} (home.js:1:2)\nat ${marker}`),
    );
    expect(JSON.stringify(serialized)).not.toContain(marker);
    expect((serialized.stack as string[]).length).toBeGreaterThan(0);
  });

  it('keeps the code, status and message of an AppError', () => {
    expect(serializeError(new AppError('locked', 429, 'Too many attempts.'))).toMatchObject({
      type: 'AppError',
      code: 'locked',
      statusCode: 429,
      message: 'Too many attempts.',
    });
  });

  it("keeps the message of Fastify's own errors", () => {
    const error = Object.assign(new Error('Body is not valid JSON'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    expect(serializeError(error)).toMatchObject({
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      message: 'Body is not valid JSON',
    });
  });

  it('keeps the code, constraint and table of a database error but not the values it quotes', async () => {
    const marker = newMarker();
    const serialized = serializeError(await duplicateDedupeKeyError(marker));
    expect(serialized).toMatchObject({ code: '23505', constraint: 'jobs_dedupe_key_unique', table: 'jobs' });
    expect(serialized.message).toBe('[withheld: may quote data]');
    expect(JSON.stringify(serialized)).not.toContain(marker);
  });

  it('names only the type of a thrown non-error', () => {
    const marker = newMarker();
    expect(serializeError(marker)).toEqual({ type: 'string' });
    expect(serializeError({ email: marker })).toEqual({ type: 'object' });
  });
});

describe('log redaction', () => {
  const logWith = (fields: Record<string, unknown>) => {
    const logs = new LogCapture();
    createLogger({ logLevel: 'info' }, logs).info(fields, 'something happened');
    return logs.text;
  };

  it('censors a sensitive key at the top level', () => {
    const marker = newMarker();
    const text = logWith({ email: marker, clientId: 'c-1' });
    expect(text).not.toContain(marker);
    expect(JSON.parse(text)).toMatchObject({ email: '[redacted]', clientId: 'c-1' });
  });

  it('censors sensitive keys nested inside other objects', () => {
    const marker = newMarker();
    const text = logWith({
      client: { email: marker, firstName: marker, id: 'c-1' },
      request: { body: { comment: marker } },
      deep: { er: { still: { nationalId: marker } } },
    });
    expect(text).not.toContain(marker);
    expect(JSON.parse(text)).toMatchObject({
      client: { email: '[redacted]', firstName: '[redacted]', id: 'c-1' },
    });
  });

  it('censors sensitive keys inside arrays', () => {
    const marker = newMarker();
    const text = logWith({ clients: [{ email: marker }, { mobile: marker }] });
    expect(text).not.toContain(marker);
  });

  it('censors credential headers', () => {
    const marker = newMarker();
    const text = logWith({
      headers: { authorization: `Bearer ${marker}`, cookie: `sid=${marker}`, 'set-cookie': `sid=${marker}` },
    });
    expect(text).not.toContain(marker);
    expect(JSON.parse(text).headers).toEqual({
      authorization: '[redacted]',
      cookie: '[redacted]',
      'set-cookie': '[redacted]',
    });
  });
});

describe(`request logs and responses carry no personal data (${engineUnderTest()})`, () => {
  const logs = new LogCapture();
  let app: FastifyInstance;
  beforeAll(async () => {
    const testRoutes: FastifyPluginAsync = async (plain) => {
      const routes = plain.withTypeProvider<ZodTypeProvider>();
      const client = z.object({
        email: z.email(),
        firstName: z.string().max(5),
        comment: z.string(),
        yearOfBirth: z.number(),
      });
      routes.post('/api/v1/test-logging/clients', { schema: { body: client } }, async (request, reply) => {
        // A careless handler that logs what it was given: redaction must still catch it.
        request.log.info({ client: request.body, headers: request.headers }, 'test route saw a client');
        return reply.status(204).send();
      });
      routes.post(
        '/api/v1/test-logging/uuid-cast',
        { schema: { body: z.object({ id: z.string() }) } },
        async (request) =>
          routes.platform.transactor.asSystem((tx) => tx.execute(sql`select ${request.body.id}::uuid as id`)),
      );
      routes.post(
        '/api/v1/test-logging/duplicate',
        { schema: { body: z.object({ comment: z.string() }) } },
        async (request) => {
          throw await duplicateDedupeKeyError(request.body.comment);
        },
      );
      routes.get('/api/v1/test-logging/missing', async () => {
        throw notFound();
      });
    };
    app = await buildTestApp({ logs, extra: { extraRoutes: [testRoutes] } });
  });
  afterAll(() => app.close());

  /** The log text written since the mark (the log is shared by the tests of this block). */
  const linesSince = (mark: number) => logs.lines.slice(mark).join('');

  it('logs the path of a request but not its query string', async () => {
    const marker = newMarker();
    const mark = logs.lines.length;
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/test-logging/missing?q=${marker}&email=${marker}`,
      headers: { authorization: `Basic ${marker}`, cookie: `sid=${marker}` },
    });
    expect(response.statusCode).toBe(404);
    const logged = linesSince(mark);
    expect(logged).toContain('/api/v1/test-logging/missing');
    expect(logged).toContain('not_found');
    expect(logged).not.toContain(marker);
    expect(response.body).not.toContain(marker);
  });

  it('keeps body fields and credential headers out of the log even when a handler logs them', async () => {
    const marker = newMarker();
    const mark = logs.lines.length;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-logging/clients',
      headers: { authorization: `Basic ${marker}`, cookie: `sid=${marker}` },
      payload: { email: `${marker}@example.org`, firstName: 'Ada', comment: marker, yearOfBirth: 1970 },
    });
    expect(response.statusCode).toBe(204);
    const logged = linesSince(mark);
    expect(logged).toContain('test route saw a client');
    expect(logged).toContain('[redacted]');
    expect(logged).not.toContain(marker);
  });

  it('keeps rejected field values out of the log and the validation answer', async () => {
    const marker = newMarker();
    const mark = logs.lines.length;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-logging/clients',
      payload: { email: marker, firstName: marker, comment: 7, yearOfBirth: marker },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
    expect(response.body).not.toContain(marker);
    const logged = linesSince(mark);
    expect(logged).toContain('validation_failed');
    expect(logged).not.toContain(marker);
  });

  it('logs a failed query by its code without the parameters it quotes', async () => {
    const marker = newMarker();
    const mark = logs.lines.length;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-logging/uuid-cast',
      payload: { id: marker },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('internal_error');
    expect(response.body).not.toContain(marker);
    const logged = linesSince(mark);
    expect(logged).toContain('/api/v1/test-logging/uuid-cast');
    expect(logged).toContain('22P02');
    expect(logged).not.toContain(marker);
  });

  it('logs a constraint violation by its code and constraint without the duplicate value', async () => {
    const marker = newMarker();
    const mark = logs.lines.length;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/test-logging/duplicate',
      payload: { comment: marker },
    });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain(marker);
    const logged = linesSince(mark);
    expect(logged).toContain('23505');
    expect(logged).toContain('jobs_dedupe_key_unique');
    expect(logged).not.toContain(marker);
  });
});
