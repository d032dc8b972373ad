import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients.js';
import { practitioners } from './identity.js';
import { practices } from './practices.js';

const at = (name: string) => timestamp(name, { withTimezone: true });

// self_harm_risk (PHQ-9 item 9 above 0) is urgent: it has no rule and cannot be turned off.
export const alertKinds = [
  'pain',
  'access_code_locked',
  'no_adherence',
  'outcome_worse',
  'self_harm_risk',
] as const;

/**
 * Something a practitioner should look at: raised by an event (a log, a locked code) in the event's
 * own transaction. What it is about (a pain level, the exercise) is health data, encrypted.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: alertKinds }).notNull(),
    /** enc: JSON of what raised it, e.g. {painLevel, programItemId, date} */
    details: text('details'),
    createdAt: at('created_at').notNull(),
    acknowledgedAt: at('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => practitioners.id, { onDelete: 'set null' }),
  },
  (table) => [
    index('alerts_practice_open_idx').on(table.practiceId, table.acknowledgedAt, table.createdAt),
    index('alerts_client_idx').on(table.clientId),
  ],
);

/**
 * When alerts are raised: the practice's defaults (client_id null) and a client's own overrides. A
 * null value falls back to the practice's, then to Rehabit's default.
 */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    painAtOrAbove: smallint('pain_at_or_above'),
    /** Days without a logged exercise that raise an alert; 0 turns the rule off. */
    noAdherenceDays: smallint('no_adherence_days'),
    /** Whether a score worse than the client's baseline by the MCID or more raises an alert. */
    scoreWorseByMcid: boolean('score_worse_by_mcid'),
    updatedAt: at('updated_at').notNull().default(sql`now()`),
    updatedBy: uuid('updated_by').references(() => practitioners.id, { onDelete: 'set null' }),
  },
  (table) => [
    uniqueIndex('alert_rules_practice_uq').on(table.practiceId).where(sql`client_id is null`),
    uniqueIndex('alert_rules_client_uq').on(table.clientId),
  ],
);
