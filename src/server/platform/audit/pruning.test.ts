import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { auditAnchors, auditEvents, auditSeals } from '../../db/schema/index.js';
import { yearsBefore } from '../../modules/retention/retention.policy.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest, testDatabase } from '../../testing/database.js';
import { pruneChainPrefix } from './audit.repo.js';
import { sealedChainAt } from './audit.testkit.js';
import { pruneAuditChains } from './prune.js';
import { verifyAuditChains } from './verify.js';

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;

describe(`pruning the audit trail (${engineUnderTest()})`, () => {
  const clock = new FakeClock(new Date());
  const cutoff = yearsBefore(clock.now(), 6);
  const old = (ms = DAY) => new Date(cutoff.getTime() - ms);
  const young = (ms = DAY) => new Date(cutoff.getTime() + ms);
  let app: FastifyInstance;
  let database: DatabaseHandle;
  beforeAll(async () => {
    app = await buildTestApp({ clock });
    database = await testDatabase();
  });
  afterAll(() => app.close());

  const chainAt = (times: Date[], practiceId?: string) =>
    sealedChainAt(app.platform.transactor, times, practiceId);

  // The owner's connection (a superuser in tests): not fenced by grants, the tamperer the chain is for.
  const linksOf = (practiceId: string) =>
    database.db
      .select({
        seq: auditSeals.seq,
        hash: auditSeals.hash,
        eventId: auditSeals.eventId,
        action: auditEvents.action,
      })
      .from(auditSeals)
      .leftJoin(auditEvents, eq(auditEvents.id, auditSeals.eventId))
      .where(eq(auditSeals.practiceId, practiceId))
      .orderBy(asc(auditSeals.seq));
  const anchorsOf = (practiceId: string) =>
    database.db
      .select()
      .from(auditAnchors)
      .where(eq(auditAnchors.practiceId, practiceId))
      .orderBy(auditAnchors.seq);
  const removeLink = async (practiceId: string, seq: number) => {
    const link = (await linksOf(practiceId)).find((row) => row.seq === seq);
    await database.db
      .delete(auditSeals)
      .where(and(eq(auditSeals.practiceId, practiceId), eq(auditSeals.seq, seq)));
    await database.db.delete(auditEvents).where(eq(auditEvents.id, link?.eventId ?? 0n));
  };
  const prune = (practiceId: string, dryRun = false) =>
    pruneAuditChains(app.platform.transactor, { cutoff, practiceId, dryRun });
  const brokenOf = async (practiceId: string) =>
    (await verifyAuditChains(app.platform.transactor)).broken.find((link) => link.practiceId === practiceId);

  it('prunes entries a second past the limit, keeps the one exactly at it, and verify starts at the anchor', async () => {
    const practiceId = await chainAt([old(), old(SECOND), cutoff, young(SECOND)]);
    const [, second] = await linksOf(practiceId);

    expect(await prune(practiceId)).toEqual({ events: 2, chains: 1, brokenChains: 0 });

    expect((await linksOf(practiceId)).map((link) => [link.seq, link.action])).toEqual([
      [3, 'client.read.3'],
      [4, 'client.read.4'],
    ]);
    expect(await anchorsOf(practiceId)).toEqual([
      expect.objectContaining({ seq: 2, hash: second?.hash, pruned: 2, cutoff, digest: expect.any(String) }),
    ]);
    const verification = await verifyAuditChains(app.platform.transactor);
    expect(verification.broken.find((link) => link.practiceId === practiceId)).toBeUndefined();
    expect(verification.prunedEvents).toBeGreaterThanOrEqual(2);
  });

  it('a dry run counts the same entries and deletes nothing', async () => {
    const practiceId = await chainAt([old(), old(SECOND), cutoff]);
    expect(await prune(practiceId, true)).toEqual({ events: 2, chains: 1, brokenChains: 0 });
    expect(await linksOf(practiceId)).toHaveLength(3);
    expect(await anchorsOf(practiceId)).toEqual([]);
  });

  it('goes on from the anchor once a chain is pruned to its end, and prunes again later', async () => {
    const practiceId = await chainAt([old(3 * DAY), old(2 * DAY)]);
    expect((await prune(practiceId)).events).toBe(2);
    expect(await linksOf(practiceId)).toEqual([]);
    await chainAt([old(), young()], practiceId);
    expect((await linksOf(practiceId)).map((link) => link.seq)).toEqual([3, 4]);
    expect(await brokenOf(practiceId)).toBeUndefined();

    expect((await prune(practiceId)).events).toBe(1);
    expect((await anchorsOf(practiceId)).map((anchor) => [anchor.seq, anchor.pruned])).toEqual([
      [2, 2],
      [3, 1],
    ]);
    expect(await brokenOf(practiceId)).toBeUndefined();
  });

  it('verify still catches an entry deleted after the anchor', async () => {
    const practiceId = await chainAt([old(), old(), young(), young(), young()]);
    await prune(practiceId);
    await removeLink(practiceId, 4);
    expect(await brokenOf(practiceId)).toMatchObject({ seq: 4, problem: 'link_missing' });
  });

  it('verify catches young entries deleted without an anchor', async () => {
    const practiceId = await chainAt([young(), young(), young()]);
    expect((await prune(practiceId)).events).toBe(0);
    await removeLink(practiceId, 1);
    await removeLink(practiceId, 2);
    expect(await brokenOf(practiceId)).toMatchObject({ seq: 1, problem: 'link_missing' });
  });

  it.each([
    ['its hash', sql`hash = md5(hash) || md5(hash)`],
    ['its count', sql`pruned = pruned + 1, seq = seq + 1`],
    ['its time', sql`pruned_at = pruned_at - interval '1 day'`],
    ['its cutoff', sql`cutoff = cutoff + interval '1 year'`],
  ])('verify catches an anchor altered in %s, even when no link is left after it', async (_, change) => {
    const practiceId = await chainAt([old(), old()]);
    await prune(practiceId);
    await database.db.execute(sql`update audit_anchors set ${change} where practice_id = ${practiceId}`);
    expect(await brokenOf(practiceId)).toMatchObject({
      seq: expect.any(Number),
      eventId: null,
      problem: 'anchor_altered',
    });
  });

  it('verify catches a deleted anchor', async () => {
    const practiceId = await chainAt([old(), old(), young()]);
    await prune(practiceId);
    await database.db.delete(auditAnchors).where(eq(auditAnchors.practiceId, practiceId));
    expect(await brokenOf(practiceId)).toMatchObject({ seq: 1, problem: 'link_missing' });
  });

  it('never prunes a tampered entry away: pruning stops before it and verify still reports it', async () => {
    const practiceId = await chainAt([old(3 * DAY), old(2 * DAY), old(), young()]);
    const [, tampered] = await linksOf(practiceId);
    await database.db
      .update(auditEvents)
      .set({ actorId: randomUUID() })
      .where(eq(auditEvents.id, tampered?.eventId ?? 0n));
    expect(await prune(practiceId)).toEqual({ events: 1, chains: 1, brokenChains: 1 });
    expect(await brokenOf(practiceId)).toMatchObject({ seq: 2, problem: 'event_altered' });
  });

  describe('the pruning function itself (the one path to deletion)', () => {
    const call = (practiceId: string, at: Date, seq: number, hash: string) =>
      app.platform.transactor.asSystem((tx) => pruneChainPrefix(tx, practiceId, at, { seq, hash }));
    const refusal = (message: RegExp) => ({ cause: { message: expect.stringMatching(message) } });

    it('refuses a cutoff less than a year ago, whatever the caller asks', async () => {
      const practiceId = await chainAt([old()]);
      const [first] = await linksOf(practiceId);
      await expect(
        call(practiceId, new Date(Date.now() - 300 * DAY), 1, first?.hash ?? ''),
      ).rejects.toMatchObject(refusal(/not pruned before they are a year old/));
    });

    it('refuses a run that reaches an entry not older than the cutoff, or ends elsewhere than checked', async () => {
      const practiceId = await chainAt([old(), old(), cutoff]);
      const [, second, third] = await linksOf(practiceId);
      await expect(call(practiceId, cutoff, 3, third?.hash ?? '')).rejects.toMatchObject(
        refusal(/unbroken prefix of an audit chain older than the cutoff/),
      );
      await expect(call(practiceId, cutoff, 2, third?.hash ?? '')).rejects.toMatchObject(
        refusal(/end at the link the caller checked/),
      );
      await expect(call(practiceId, cutoff, 0, second?.hash ?? '')).rejects.toMatchObject(
        refusal(/must end after the chain's anchor/),
      );
      expect(await linksOf(practiceId)).toHaveLength(3);
      expect(await anchorsOf(practiceId)).toEqual([]);
    });

    it('refuses to prune across a gap, so a hole cannot be turned into an anchor', async () => {
      const practiceId = await chainAt([old(3 * DAY), old(2 * DAY), old()]);
      const links = await linksOf(practiceId);
      await removeLink(practiceId, 2);
      await expect(call(practiceId, cutoff, 3, links[2]?.hash ?? '')).rejects.toMatchObject(
        refusal(/unbroken prefix/),
      );
      expect((await linksOf(practiceId)).map((link) => link.seq)).toEqual([1, 3]);
    });

    it('is the only way: the system role cannot delete or edit audit rows or write anchors, the tenant role cannot call it', async () => {
      const practiceId = await chainAt([old()]);
      const [first] = await linksOf(practiceId);
      const asSystem = (statement: ReturnType<typeof sql>) =>
        app.platform.transactor.asSystem((tx) => tx.execute(statement));
      const denied = { cause: { code: '42501' } };
      await expect(
        asSystem(sql`delete from audit_events where practice_id = ${practiceId}`),
      ).rejects.toMatchObject(denied);
      await expect(
        asSystem(sql`delete from audit_seals where practice_id = ${practiceId}`),
      ).rejects.toMatchObject(denied);
      await expect(
        asSystem(sql`update audit_events set action = 'x' where practice_id = ${practiceId}`),
      ).rejects.toMatchObject(denied);
      await expect(
        asSystem(sql`insert into audit_anchors (practice_id, seq, hash, pruned, cutoff, pruned_at, digest)
                     values (${practiceId}, 1, 'x', 1, now(), now(), 'x')`),
      ).rejects.toMatchObject(denied);
      await expect(
        app.platform.transactor.inPractice(practiceId, (tx) =>
          pruneChainPrefix(tx, practiceId, cutoff, { seq: 1, hash: first?.hash ?? '' }),
        ),
      ).rejects.toMatchObject(denied);
      expect(await linksOf(practiceId)).toHaveLength(1);
    });
  });
});
