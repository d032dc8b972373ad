import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { auditEvents, auditSeals } from '../../db/schema/index.js';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest, testDatabase } from '../../testing/database.js';
import { createTestPractice } from '../../testing/factories.js';
import { sealPendingAuditEvents } from './sealer.js';
import { verifyAuditChains } from './verify.js';

describe(`audit trail (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let database: DatabaseHandle;
  beforeAll(async () => {
    app = await buildTestApp();
    database = await testDatabase();
  });
  afterAll(() => app.close());

  const record = (practiceId: string, action: string) =>
    app.platform.transactor.inPractice(practiceId, (tx) =>
      app.platform.audit.record(tx, {
        practiceId,
        actor: { type: 'practitioner', id: randomUUID() },
        action,
        subject: { type: 'client', id: randomUUID() },
        outcome: 'success',
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0',
      }),
    );

  const eventsOf = (practiceId: string) =>
    database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.practiceId, practiceId))
      .orderBy(auditEvents.id);

  const chainOf = async (practiceId: string) => {
    await sealPendingAuditEvents(app.platform.transactor, app.platform.clock);
    const result = await verifyAuditChains(app.platform.transactor);
    return { ...result, brokenHere: result.broken.find((link) => link.practiceId === practiceId) };
  };

  it('writes an entry only when the transaction it belongs to commits', async () => {
    const { id } = await createTestPractice(app);
    await expect(
      app.platform.transactor.inPractice(id, async (tx) => {
        await app.platform.audit.record(tx, {
          practiceId: id,
          actor: { type: 'system' },
          action: 'client.read',
          outcome: 'success',
        });
        throw new Error('the read failed');
      }),
    ).rejects.toThrow('the read failed');
    expect((await eventsOf(id)).map((event) => event.action)).toEqual(['practice.create']);
  });

  it('keeps who, what, when and from where', async () => {
    const { id } = await createTestPractice(app);
    await record(id, 'client.read');
    const [, event] = await eventsOf(id);
    expect(event).toMatchObject({
      practiceId: id,
      actorType: 'practitioner',
      action: 'client.read',
      subjectType: 'client',
      outcome: 'success',
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
    });
    expect(event?.at).toBeInstanceOf(Date);
  });

  it("links a practice's events into one unbroken chain, also when written concurrently", async () => {
    const { id } = await createTestPractice(app);
    await Promise.all(Array.from({ length: 25 }, (_, n) => record(id, `client.read.${n}`)));
    const result = await chainOf(id);
    expect(result.brokenHere).toBeUndefined();
    const seals = await database.db
      .select({ seq: auditSeals.seq })
      .from(auditSeals)
      .where(eq(auditSeals.practiceId, id))
      .orderBy(auditSeals.seq);
    expect(seals.map((seal) => seal.seq)).toEqual(Array.from({ length: 26 }, (_, n) => n + 1));
  });

  it('reports the first broken link when a superuser edits a sealed event', async () => {
    const { id } = await createTestPractice(app);
    for (const action of ['client.read', 'client.update', 'client.read']) await record(id, action);
    expect((await chainOf(id)).brokenHere).toBeUndefined();
    const [, , edited] = await eventsOf(id);
    // The database owner is not fenced by grants: this is the tamperer the chain exists for.
    await database.db
      .update(auditEvents)
      .set({ actorId: randomUUID() })
      .where(eq(auditEvents.id, edited?.id ?? 0n));
    expect((await chainOf(id)).brokenHere).toEqual({
      practiceId: id,
      seq: 3,
      eventId: edited?.id.toString(),
      problem: 'event_altered',
    });
  });

  it('reports the first broken link when a superuser deletes a sealed event', async () => {
    const { id } = await createTestPractice(app);
    for (const action of ['client.read', 'client.update']) await record(id, action);
    await chainOf(id);
    const [, deleted] = await eventsOf(id);
    await database.db.delete(auditEvents).where(eq(auditEvents.id, deleted?.id ?? 0n));
    expect((await chainOf(id)).brokenHere).toMatchObject({ seq: 2, problem: 'event_deleted' });
  });

  it('reports a missing link when a superuser deletes both an event and its seal', async () => {
    const { id } = await createTestPractice(app);
    for (const action of ['a.one', 'a.two', 'a.three']) await record(id, action);
    await chainOf(id);
    const [, removed] = await eventsOf(id);
    await database.db.delete(auditSeals).where(and(eq(auditSeals.practiceId, id), eq(auditSeals.seq, 2)));
    await database.db.delete(auditEvents).where(eq(auditEvents.id, removed?.id ?? 0n));
    expect((await chainOf(id)).brokenHere).toMatchObject({ seq: 2, problem: 'link_missing' });
  });

  it('counts events not sealed yet instead of calling them verified', async () => {
    const { id } = await createTestPractice(app);
    await record(id, 'client.read');
    const before = await verifyAuditChains(app.platform.transactor);
    expect(before.unsealedEvents).toBeGreaterThanOrEqual(2);
    await sealPendingAuditEvents(app.platform.transactor, app.platform.clock);
    const [row] = await database.db
      .select({ unsealed: sql<number>`count(*)` })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.practiceId, id),
          sql`not exists (select 1 from ${auditSeals} where ${auditSeals.eventId} = ${auditEvents.id})`,
        ),
      );
    expect(Number(row?.unsealed)).toBe(0);
  });
});
