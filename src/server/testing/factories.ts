import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Practice } from '../modules/practices/practices.service.js';

/** A new practice for one test: tests isolate by practice, never by truncating tables. */
export async function createTestPractice(
  app: FastifyInstance,
  overrides: { country?: string } = {},
): Promise<Practice> {
  return app.platform.practices.create(
    { name: `Test Practice ${randomUUID().slice(0, 8)}`, country: overrides.country ?? 'GB' },
    { ip: '127.0.0.1', userAgent: 'vitest' },
  );
}
