import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Every erasure this deployment has done, by ids only: which client (or whole practice) and of which
 * practice, when, and who asked. Deployment-wide (the system role alone reads and writes it) and with
 * no foreign keys, because its purpose is to outlive the rows it names: after a restore of an older
 * backup it is replayed (modules/erasure) so an erased client stays erased. A file copy under DATA_DIR
 * survives a restore of the database itself.
 */
export const erasureLedger = pgTable(
  'erasure_ledger',
  {
    /** The erased client's id, or the practice's id for a practice closed and erased as a whole. */
    subjectId: uuid('subject_id').primaryKey(),
    kind: text('kind', { enum: ['client', 'practice'] }).notNull(),
    practiceId: uuid('practice_id').notNull(),
    erasedAt: timestamp('erased_at', { withTimezone: true }).notNull(),
    /** Who asked: a practitioner's id, or the system (a practice's grace period ended). */
    actorType: text('actor_type', { enum: ['practitioner', 'system'] }).notNull(),
    actorId: uuid('actor_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (table) => [index('erasure_ledger_practice_idx').on(table.practiceId)],
);
