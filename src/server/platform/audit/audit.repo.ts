import { and, asc, eq, gt, gte, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { auditAnchors, auditEvents, auditSeals } from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';
import type { ChainPoint } from './chain.js';

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

// Chains are keyed and ordered as the unique indexes of seals and anchors are: ordering by seq alone
// sorts every link of the chain instead of reading the index backwards from its end.
const NO_PRACTICE = sql`'00000000-0000-0000-0000-000000000000'::uuid`;
const keyOf = (column: PgColumn | SQL) => sql`coalesce(${column}, ${NO_PRACTICE})`;
const chainOf = (column: PgColumn, practiceId: string | null) =>
  sql`${keyOf(column)} = ${keyOf(sql`${practiceId}::uuid`)}`;

/** The last link of a practice's chain (null practice: the deployment's own chain), or the anchor of a pruned one. */
export async function findChainHead(tx: Tx, practiceId: string | null): Promise<ChainPoint | undefined> {
  const [head] = await queryRows<{ seq: string | number; hash: string }>(
    tx,
    sql`select seq, hash from (
          (select ${auditSeals.seq} as seq, ${auditSeals.hash} as hash from ${auditSeals}
            where ${chainOf(auditSeals.practiceId, practiceId)}
            order by ${keyOf(auditSeals.practiceId)} desc, ${auditSeals.seq} desc limit 1)
          union all
          (select ${auditAnchors.seq}, ${auditAnchors.hash} from ${auditAnchors}
            where ${chainOf(auditAnchors.practiceId, practiceId)}
            order by ${keyOf(auditAnchors.practiceId)} desc, ${auditAnchors.seq} desc limit 1)
        ) heads order by seq desc limit 1`,
  );
  return head ? { seq: Number(head.seq), hash: head.hash } : undefined;
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

/** Every chain with a link or an anchor (a chain pruned to its end has only its anchors). */
export async function listChains(tx: Tx): Promise<(string | null)[]> {
  const rows = await queryRows<{ practice_id: string | null }>(
    tx,
    sql`select ${auditSeals.practiceId} as practice_id from ${auditSeals}
        union select ${auditAnchors.practiceId} from ${auditAnchors}`,
  );
  return rows.map((row) => row.practice_id);
}

/** One page of a chain's links with the events they seal (event null when its row is gone). */
export async function listChainLinks(tx: Tx, practiceId: string | null, afterSeq: number, limit: number) {
  return tx
    .select({ seal: auditSeals, event: auditEvents })
    .from(auditSeals)
    .leftJoin(auditEvents, eq(auditEvents.id, auditSeals.eventId))
    .where(and(chainOf(auditSeals.practiceId, practiceId), gt(auditSeals.seq, afterSeq)))
    .orderBy(asc(keyOf(auditSeals.practiceId)), asc(auditSeals.seq))
    .limit(limit);
}

export type AuditAnchorRow = typeof auditAnchors.$inferSelect;

/** A chain's anchors, oldest first: one per pruning. */
export async function listAnchors(tx: Tx, practiceId: string | null): Promise<AuditAnchorRow[]> {
  return tx
    .select()
    .from(auditAnchors)
    .where(chainOf(auditAnchors.practiceId, practiceId))
    .orderBy(asc(keyOf(auditAnchors.practiceId)), asc(auditAnchors.seq));
}

// The pruning function takes this lock exclusively: a walk under it shared never sees a half-pruned chain.
const PRUNE_LOCK_KEY = 727_003;

/** Holds off pruning until this transaction ends, so the chains read stay whole. */
export async function holdOffPruning(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${PRUNE_LOCK_KEY})`);
}

/** Makes this transaction the only one pruning, so the anchor it reads is the one the function finds. */
export async function lockPruning(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${PRUNE_LOCK_KEY})`);
}

/**
 * Chains whose first link left (after any pruning) seals an event older than the cutoff: the only ones
 * pruning could shorten. A loose scan of the chain index, one probe per chain, not a scan of every link.
 */
export async function findChainsStartingBefore(
  tx: Tx,
  cutoff: Date,
  practiceId?: string,
): Promise<(string | null)[]> {
  const first = (after: SQL | undefined) => sql`
    select ${auditSeals.practiceId} as practice_id, ${auditSeals.eventId} as event_id,
           ${keyOf(auditSeals.practiceId)} as key
      from ${auditSeals}
     where ${after ?? sql`true`}
     order by ${keyOf(auditSeals.practiceId)}, ${auditSeals.seq} limit 1`;
  const heads =
    practiceId === undefined
      ? sql`with recursive heads as (
              (${first(undefined)})
              union all
              select n.* from heads
                cross join lateral (${first(sql`${keyOf(auditSeals.practiceId)} > heads.key`)}) n
            ) select practice_id, event_id from heads`
      : first(chainOf(auditSeals.practiceId, practiceId));
  const rows = await queryRows<{ practice_id: string | null }>(
    tx,
    sql`select h.practice_id from (${heads}) h
          join ${auditEvents} e on e.id = h.event_id
        where e.at < ${cutoff}`,
  );
  return rows.map((row) => row.practice_id);
}

/**
 * Deletes a chain's links after its anchor through `through` (and their events) and writes the new
 * anchor, through the database's pruning function: it refuses anything but an unbroken prefix older than
 * the cutoff. Answers how many links went.
 */
export async function pruneChainPrefix(
  tx: Tx,
  practiceId: string | null,
  cutoff: Date,
  through: ChainPoint,
): Promise<number> {
  const [row] = await queryRows<{ pruned: string | number }>(
    tx,
    sql`select rehabit_prune_audit_chain(${practiceId}::uuid, ${cutoff}, ${through.seq}, ${through.hash}) as pruned`,
  );
  return Number(row?.pruned ?? 0);
}

export async function countUnsealedEvents(tx: Tx): Promise<number> {
  const [row] = await queryRows<{ count: string | number }>(
    tx,
    sql`select count(*) as count from ${auditEvents}
        where not exists (select 1 from ${auditSeals} where ${auditSeals.eventId} = ${auditEvents.id})`,
  );
  return Number(row?.count ?? 0);
}
