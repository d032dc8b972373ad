import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../testing/app.js';
import { engineUnderTest } from '../testing/database.js';
import { createTestPractice } from '../testing/factories.js';
import { auditEvents, practices } from './schema/index.js';
import { queryRows } from './transactions.js';

describe(`row-level security (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('shows a query that forgets its practice filter only its own practice', async () => {
    const [mine, other] = [await createTestPractice(app), await createTestPractice(app)];
    const rows = await app.platform.transactor.inPractice(mine.id, (tx) => tx.select().from(practices));
    expect(rows.map((row) => row.id)).toEqual([mine.id]);
    const events = await app.platform.transactor.inPractice(mine.id, (tx) =>
      tx.select({ practiceId: auditEvents.practiceId }).from(auditEvents),
    );
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((event) => event.practiceId))).toEqual(new Set([mine.id]));
    expect(events.some((event) => event.practiceId === other.id)).toBe(false);
  });

  it('refuses an insert into another practice', async () => {
    const [mine, other] = [await createTestPractice(app), await createTestPractice(app)];
    const attempt = app.platform.transactor.inPractice(mine.id, (tx) =>
      tx.insert(auditEvents).values({
        practiceId: other.id,
        at: new Date(),
        actorType: 'system',
        action: 'test.cross_practice',
        outcome: 'success',
      }),
    );
    await expect(attempt).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('refuses to move a row into another practice by update', async () => {
    const [mine, other] = [await createTestPractice(app), await createTestPractice(app)];
    const attempt = app.platform.transactor.inPractice(mine.id, (tx) =>
      tx.update(practices).set({ id: other.id }).where(sql`${practices.id} = ${mine.id}`),
    );
    await expect(attempt).rejects.toMatchObject({
      cause: { code: expect.stringMatching(/^(42501|23505)$/) },
    });
  });

  it('sees nothing at all without a practice in the transaction', async () => {
    await createTestPractice(app);
    const rows = await app.platform.transactor.inPractice(randomUUID(), (tx) => tx.select().from(practices));
    expect(rows).toEqual([]);
  });

  it('runs tenant work as the app role, which owns no table', async () => {
    const [row] = await app.platform.transactor.inPractice(randomUUID(), (tx) =>
      queryRows<{ role: string; owned: string | number; bypass: boolean }>(
        tx,
        sql`select current_user as role,
                   (select count(*) from pg_tables where tableowner = current_user) as owned,
                   (select rolbypassrls from pg_roles where rolname = current_user) as bypass`,
      ),
    );
    expect(row).toEqual({ role: 'rehabit_app', owned: expect.anything(), bypass: false });
    expect(Number(row?.owned)).toBe(0);
  });

  it('keeps the audit trail append-only for the app role', async () => {
    const practice = await createTestPractice(app);
    const update = app.platform.transactor.inPractice(practice.id, (tx) =>
      tx.update(auditEvents).set({ action: 'tampered' }),
    );
    await expect(update).rejects.toMatchObject({ cause: { code: '42501' } });
    const remove = app.platform.transactor.inPractice(practice.id, (tx) => tx.delete(auditEvents));
    await expect(remove).rejects.toMatchObject({ cause: { code: '42501' } });
  });

  it('gives the app role no access to deployment secrets or the job queue contents', async () => {
    const practice = await createTestPractice(app);
    for (const table of ['deployment_secrets', 'jobs', 'job_schedules']) {
      const read = app.platform.transactor.inPractice(practice.id, (tx) =>
        queryRows(tx, sql`select * from ${sql.identifier(table)} limit 1`),
      );
      await expect(read).rejects.toMatchObject({ cause: { code: '42501' } });
    }
  });

  it('enables and forces row-level security on every table that carries practice_id', async () => {
    const rows = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ table: string; enabled: boolean; forced: boolean }>(
        tx,
        sql`select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind = 'r'
              and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'practice_id'
                           and not a.attisdropped) or c.relname = 'practices')`,
      ),
    );
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row, row.table).toMatchObject({ enabled: true, forced: true });
  });
});
