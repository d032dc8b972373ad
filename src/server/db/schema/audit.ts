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
