import { sql } from 'drizzle-orm';
import { bigint, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Who did what to which record, when and from where. Append-only: the app role may insert and read,
 * never update or delete. practice_id is null for deployment-level events (e.g. operator commands).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: uuid('practice_id'),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (table) => [
    index('audit_events_practice_idx').on(table.practiceId, table.id),
    index('audit_events_recorded_at_idx').on(table.recordedAt),
    // The patient app's "who opened my record": one client's events of one practice, newest first.
    index('audit_events_subject_idx').on(table.practiceId, table.subjectId, table.id),
  ],
);

/**
 * The hash chain, written by the sealer only. Kept apart from the events so that writers never wait
 * for the chain head and the events table stays strictly append-only.
 */
export const auditSeals = pgTable(
  'audit_seals',
  {
    eventId: bigint('event_id', { mode: 'bigint' }).primaryKey(),
    practiceId: uuid('practice_id'),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    sealedAt: timestamp('sealed_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (table) => [
    uniqueIndex('audit_seals_chain_seq').on(
      sql`coalesce(${table.practiceId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      table.seq,
    ),
  ],
);

/**
 * Where a chain starts once retention pruned its oldest links: one row per pruning, written only by
 * rehabit_prune_audit_chain() in the transaction that deletes those links. `audit verify` starts the
 * chain at the latest anchor instead of the genesis hash.
 */
export const auditAnchors = pgTable(
  'audit_anchors',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: uuid('practice_id'),
    /** The last link pruned: the chain goes on at seq + 1, whose prev_hash must be this hash. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    /** Links this pruning removed: seq less the previous anchor's seq. */
    pruned: bigint('pruned', { mode: 'number' }).notNull(),
    /** Only events recorded before this instant were pruned. */
    cutoff: timestamp('cutoff', { withTimezone: true, precision: 3 }).notNull(),
    prunedAt: timestamp('pruned_at', { withTimezone: true, precision: 3 }).notNull(),
    /** Chains this anchor to the chain's previous one, so an edited or removed anchor shows. */
    digest: text('digest').notNull(),
  },
  (table) => [
    uniqueIndex('audit_anchors_chain_seq').on(
      sql`coalesce(${table.practiceId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      table.seq,
    ),
  ],
);
