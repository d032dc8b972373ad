import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, sessionCookieOf, signIn, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { FakeClock } from '../../testing/clock.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import {
  auditActions,
  createExercise,
  mediaFilesOf,
  memberOf,
  png,
  upload,
} from '../exercises/exercises.testkit.js';
import { CLOSED_PRACTICES_JOB } from './erasure.module.js';
import { ledgerRowsOf, rowsAboutClient } from './erasure.testkit.js';

const DAY = 24 * 60 * 60 * 1000;
const close = (app: FastifyInstance, account: TestAccount, payload: unknown = { confirm: true }) =>
  as(app, account, { method: 'POST', url: '/api/v1/practice/closure', payload: payload as object });
const cancel = (app: FastifyInstance, account: TestAccount) =>
  as(app, account, { method: 'DELETE', url: '/api/v1/practice/closure' });
const closureOf = (app: FastifyInstance, account: TestAccount) =>
  as(app, account, { method: 'GET', url: '/api/v1/practice/closure' });

/** Rows the practice still has in each table with practice_id, besides what erasure keeps on purpose. */
async function leftoverRows(app: FastifyInstance, practiceId: string) {
  return app.platform.transactor.asSystem(async (tx) => {
    const tables = await queryRows<{ table: string }>(
      tx,
      sql`select distinct table_name as table from information_schema.columns
          where table_schema = 'public' and column_name = 'practice_id'
            and table_name not in ('data_keys', 'audit_events', 'audit_seals', 'audit_anchors', 'erasure_ledger')`,
    );
    const left: Record<string, number> = {};
    for (const { table } of tables) {
      const [row] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from ${sql.identifier(table)} where practice_id = ${practiceId}`,
      );
      if ((row?.n ?? 0) > 0) left[table] = row?.n ?? 0;
    }
    return left;
  });
}

// Clocks start at the real time: parallel workers share the test database, and another worker's daily
// job (on the real clock) must not find these practices' grace long over.
const start = new Date(Math.floor(Date.now() / 1000) * 1000);
const requestedAt = start.toISOString();
const eraseAfter = new Date(start.getTime() + 30 * 24 * 60 * 60 * 1000).toISOString();

describe('closing a practice', () => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  const clock = new FakeClock(start);
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://rehabit.test' }, clock });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  it('schedules erasure after the grace period and mails the owner the date, without client data', async () => {
    const owner = await signUp(app, { practiceName: 'Physio Nord' });
    await createClient(app, owner, { firstName: 'Clothilde', lastName: 'Marker' });
    const response = await close(app, owner);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({
      scheduled: true,
      requestedAt,
      eraseAfter,
    });
    expect((await closureOf(app, owner)).json().eraseAfter).toBe(eraseAfter);
    await app.platform.jobs.runDue();
    await smtp.waitFor(owner.email);
    // The sign-up's verification mail went to the same address: pick the closure notice.
    const mail = await vi.waitFor(() => {
      const found = smtp.received.find((m) => m.to.includes(owner.email) && m.raw.includes('erased'));
      if (!found) throw new Error('no closure mail yet');
      return found;
    });
    expect(mail.raw).toContain(eraseAfter.slice(0, 10));
    expect(mail.raw).toContain('Physio Nord');
    expect(mail.raw).toContain('http://rehabit.test/practice');
    expect(mail.raw).not.toContain('Clothilde');
    expect(await auditActions(app, owner.practiceId)).toContain('practice.closure_schedule practice');
    // Asking again keeps the first date.
    expect((await close(app, owner)).json().eraseAfter).toBe(eraseAfter);
    // Members still sign in while the practice is closing (the owner must be able to cancel).
    expect((await signIn(app, { email: owner.email, password: owner.password })).statusCode).toBe(200);
  });

  it('is the owner’s: others may see it, not start or cancel it; confirm: true is required', async () => {
    const owner = await signUp(app);
    const practitioner = await memberOf(app, owner, 'practitioner');
    expect((await close(app, practitioner)).statusCode).toBe(403);
    expect((await close(app, owner, {})).statusCode).toBe(400);
    expect((await close(app, owner, { confirm: false })).json().error.code).toBe('validation_failed');
    expect((await closureOf(app, practitioner)).json()).toEqual({
      scheduled: false,
      requestedAt: null,
      eraseAfter: null,
    });
    expect((await close(app, owner)).statusCode).toBe(202);
    expect((await closureOf(app, practitioner)).json().scheduled).toBe(true);
    expect((await cancel(app, practitioner)).statusCode).toBe(403);
  });

  it('can be cancelled within the grace period', async () => {
    const owner = await signUp(app);
    expect((await close(app, owner)).statusCode).toBe(202);
    expect((await cancel(app, owner)).statusCode).toBe(204);
    expect((await closureOf(app, owner)).json().scheduled).toBe(false);
    const again = await cancel(app, owner);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('closure_not_scheduled');
    expect(await auditActions(app, owner.practiceId)).toContain('practice.closure_cancel practice');
  });
});

describe('the daily erasure of closed practices', () => {
  let app: FastifyInstance;
  const clock = new FakeClock(start);
  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());

  it('erases a practice once its grace has passed: clients, members, rows, media and keys; the closure can no longer be cancelled', async () => {
    const owner = await signUp(app);
    const colleague = await memberOf(app, owner, 'practitioner');
    const client = await createClient(app, owner, { email: 'closing@example.org' });
    const exercise = await createExercise(app, owner);
    expect(
      (await upload(app, owner, exercise.id, { data: png(), contentType: 'image/png' })).statusCode,
    ).toBe(201);
    const bystander = await signUp(app);
    const kept = await createClient(app, bystander);
    expect((await close(app, owner)).statusCode).toBe(202);

    clock.advance(29 * DAY);
    await app.platform.transactor.inPractice(owner.practiceId, (tx) =>
      app.platform.jobs.enqueue(tx, CLOSED_PRACTICES_JOB, {}),
    );
    await app.platform.jobs.runDue();
    expect((await rowsAboutClient(app, client.id))['clients.id']).toBe(1);

    clock.advance(1 * DAY + 1000);
    // A month on, the session has long expired: the owner signs in again (that still works) to cancel.
    const again = await signIn(app, { email: owner.email, password: owner.password });
    expect(again.statusCode).toBe(200);
    const late = await cancel(app, {
      ...owner,
      cookie: sessionCookieOf(again),
      csrfToken: again.json().csrfToken,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('closure_grace_over');
    await app.platform.transactor.inPractice(owner.practiceId, (tx) =>
      app.platform.jobs.enqueue(tx, CLOSED_PRACTICES_JOB, {}),
    );
    await app.platform.jobs.runDue();

    expect(Object.entries(await rowsAboutClient(app, client.id)).filter(([, n]) => n > 0)).toEqual([]);
    expect(await leftoverRows(app, owner.practiceId)).toEqual({});
    expect(mediaFilesOf(app, owner.practiceId)).toEqual([]);
    const keys = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ status: string; wrapped_key: string }>(
        tx,
        sql`select status, wrapped_key from data_keys where practice_id = ${owner.practiceId}`,
      ),
    );
    expect(keys.length).toBeGreaterThan(1);
    for (const key of keys) expect(key).toEqual({ status: 'destroyed', wrapped_key: '' });
    const [practice] = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ name: string; erased_at: unknown }>(
        tx,
        sql`select name, erased_at from practices where id = ${owner.practiceId}`,
      ),
    );
    expect(practice?.erased_at).toBeTruthy();
    expect(practice?.name).toBe('Erased practice');
    for (const member of [owner, colleague])
      expect((await signIn(app, { email: member.email, password: member.password })).statusCode).toBe(401);
    expect(await ledgerRowsOf(app, owner.practiceId)).toMatchObject([
      { kind: 'practice', actor_type: 'system' },
    ]);
    expect(await ledgerRowsOf(app, client.id)).toMatchObject([
      { kind: 'client', practice_id: owner.practiceId },
    ]);
    // Another practice is untouched.
    expect((await rowsAboutClient(app, kept.id))['clients.id']).toBe(1);
    expect((await signIn(app, { email: bystander.email, password: bystander.password })).statusCode).toBe(
      200,
    );
  });
});
