import { and, asc, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import { auditEvents, auditSeals } from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEvent = typeof auditEvents.$inferInsert;
export type AuditSealRow = typeof auditSeals.$inferInsert;

export async function insertAuditEvent(tx: Tx, event: NewAuditEvent): Promise<void> {
  await tx.insert(auditEvents).values(event);
}

/** Committed events without a seal, oldest id first; only recent ones, so the scan stays small. */
export async function findUnsealedEvents(tx: Tx, since: Date, limit: number): Promise<AuditEventRow[]> {
  return tx
    .select()
    .from(auditEvents)
    .where(
      and(
        gte(auditEvents.recordedAt, since),
        sql`not exists (select 1 from ${auditSeals} where ${auditSeals.eventId} = ${auditEvents.id})`,
      ),
    )
    .orderBy(asc(auditEvents.id))
    .limit(limit);
}

const chainOf = (practiceId: string | null) =>
  practiceId === null ? isNull(auditSeals.practiceId) : eq(auditSeals.practiceId, practiceId);

/** The last link of a practice's chain (null practice: the deployment's own chain). */
export async function findChainHead(tx: Tx, practiceId: string | null) {
  const [head] = await tx
    .select({ seq: auditSeals.seq, hash: auditSeals.hash })
    .from(auditSeals)
    .where(chainOf(practiceId))
    .orderBy(desc(auditSeals.seq))
    .limit(1);
  return head;
}

export async function insertSeals(tx: Tx, seals: AuditSealRow[]): Promise<void> {
  if (seals.length > 0) await tx.insert(auditSeals).values(seals);
}

/** Tries the cluster-wide sealer lock for this transaction; false when another node is sealing. */
export async function tryLockSealer(tx: Tx, lockKey: number): Promise<boolean> {
  const [row] = await queryRows<{ locked: boolean }>(
    tx,
    sql`select pg_try_advisory_xact_lock(${lockKey}) as locked`,
  );
  return row?.locked === true;
}

export async function listChains(tx: Tx): Promise<(string | null)[]> {
  const rows = await tx.selectDistinct({ practiceId: auditSeals.practiceId }).from(auditSeals);
  return rows.map((row) => row.practiceId);
}

/** One page of a chain's links with the events they seal (event null when its row is gone). */
export async function listChainLinks(tx: Tx, practiceId: string | null, afterSeq: number, limit: number) {
  return tx
    .select({ seal: auditSeals, event: auditEvents })
    .from(auditSeals)
    .leftJoin(auditEvents, eq(auditEvents.id, auditSeals.eventId))
    .where(and(chainOf(practiceId), gt(auditSeals.seq, afterSeq)))
    .orderBy(asc(auditSeals.seq))
    .limit(limit);
}

export async function countUnsealedEvents(tx: Tx): Promise<number> {
  const [row] = await queryRows<{ count: string | number }>(
    tx,
    sql`select count(*) as count from ${auditEvents}
        where not exists (select 1 from ${auditSeals} where ${auditSeals.eventId} = ${auditEvents.id})`,
  );
  return Number(row?.count ?? 0);
}
