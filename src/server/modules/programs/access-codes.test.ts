import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { saveProgram } from '../../testing/programs.js';
import {
  ACCESS_CODE_INDEX,
  formatAccessCode,
  generateAccessCode,
  normaliseAccessCode,
} from './access-codes.js';
import { findAccessCodeByIndex } from './programs.repo.js';

describe('access code format', () => {
  it('is ten lowercase letters, read in two groups of five and typed in any case, spacing or dashes', () => {
    const code = generateAccessCode();
    expect(code).toMatch(/^[a-z]{10}$/);
    expect(formatAccessCode('abcdefghij')).toBe('abcde fghij');
    expect(normaliseAccessCode(' ABCDE-fghij ')).toBe('abcdefghij');
    expect(normaliseAccessCode('abcde fghij')).toBe('abcdefghij');
    expect(normaliseAccessCode('abcde1fghij')).toBeUndefined();
    expect(normaliseAccessCode('abcdefghi')).toBeUndefined();
  });
});

describe(`access codes (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  /** Where a blind index of the code leads, as the patient app will look it up (across practices). */
  const resolveCode = (code: string) =>
    app.platform.transactor.asSystem((tx) =>
      findAccessCodeByIndex(tx, app.platform.cipher.blindIndex(ACCESS_CODE_INDEX, code)),
    );

  it('keeps one access code per client, stored only encrypted and blind-indexed', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const first = await saveProgram(app, owner, client.id);
    const second = await saveProgram(app, owner, client.id);
    expect(second.accessCode).toBe(first.accessCode);
    expect(
      normaliseAccessCode(`${first.accessCode.slice(0, 5).toUpperCase()}-${first.accessCode.slice(5)}`),
    ).toBe(first.accessCode);
    expect(await resolveCode(first.accessCode)).toEqual({
      practiceId: owner.practiceId,
      clientId: client.id,
    });
    const rows = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ row: string }>(
        tx,
        sql`select a::text as row from access_codes a where a.client_id = ${client.id}
            union all select v::text from program_versions v where v.practice_id = ${owner.practiceId}
            union all select e::text from audit_events e where e.practice_id = ${owner.practiceId}`,
      ),
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const { row } of rows) expect(row).not.toContain(first.accessCode);
  });

  it('rotates the access code: the old one stops resolving, the new one leads to the client', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const { accessCode: old } = await saveProgram(app, owner, client.id);
    const rotated = await as(app, owner, { method: 'POST', url: `/api/v1/clients/${client.id}/access-code` });
    expect(rotated.statusCode).toBe(200);
    const { accessCode } = rotated.json();
    expect(accessCode).toMatch(/^[a-z]{10}$/);
    expect(accessCode).not.toBe(old);
    expect(await resolveCode(old)).toBeUndefined();
    expect(await resolveCode(accessCode)).toEqual({ practiceId: owner.practiceId, clientId: client.id });
    const read = await as(app, owner, { url: `/api/v1/clients/${client.id}/program` });
    expect(read.json().accessCode).toBe(accessCode);
  });
});
