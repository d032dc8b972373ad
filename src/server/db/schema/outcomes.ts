import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { CustomMeasure } from '../../modules/outcomes/instruments/index.js';
import { clients } from './clients.js';
import { practitioners } from './identity.js';
import { practices } from './practices.js';

const at = (name: string) => timestamp(name, { withTimezone: true });
const practiceRef = () =>
  uuid('practice_id')
    .notNull()
    .references(() => practices.id);
const clientRef = () =>
  uuid('client_id')
    .notNull()
    .references(() => clients.id, { onDelete: 'cascade' });

/**
 * A practice's own outcome measure. The definition (items, scoring, bands) is the practice's content,
 * not health data, so it is plain; it was checked by parseCustomMeasure before it was stored.
 */
export const customMeasures = pgTable(
  'custom_measures',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<CustomMeasure>().notNull(),
    createdBy: uuid('created_by').references(() => practitioners.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    archivedAt: at('archived_at'),
  },
  (table) => [index('custom_measures_practice_idx').on(table.practiceId, table.name)],
);

export const outcomeSchedules = ['once', 'every_days', 'every_weeks', 'at_discharge'] as const;

/**
 * A measure given to a client on a schedule. next_due_at is when the client should answer next: null
 * while nothing is due (a one-off already answered, or "at discharge" before the discharge). Exactly
 * one of measure_code (a shipped instrument) and custom_measure_id is set.
 */
export const outcomeAssignments = pgTable(
  'outcome_assignments',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: clientRef(),
    measureCode: text('measure_code'),
    customMeasureId: uuid('custom_measure_id').references(() => customMeasures.id),
    schedule: text('schedule', { enum: outcomeSchedules }).notNull(),
    /** N of "every N days / weeks"; null otherwise. */
    interval: smallint('interval'),
    /** enc: JSON {activities} — the PSFS activities the client named, which are about them. */
    details: text('details'),
    startsAt: at('starts_at').notNull(),
    nextDueAt: at('next_due_at'),
    endedAt: at('ended_at'),
    endedBy: uuid('ended_by').references(() => practitioners.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => practitioners.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    index('outcome_assignments_client_idx').on(table.clientId, table.endedAt),
    index('outcome_assignments_practice_idx').on(table.practiceId),
  ],
);

export const outcomeSources = ['patient', 'clinic'] as const;

/**
 * One completed questionnaire. What was answered and what it scored are health data, encrypted under
 * the client's key; the measure and the time stay plain so history and progress can be listed.
 */
export const outcomeResponses = pgTable(
  'outcome_responses',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: clientRef(),
    measureCode: text('measure_code'),
    customMeasureId: uuid('custom_measure_id').references(() => customMeasures.id),
    assignmentId: uuid('assignment_id').references(() => outcomeAssignments.id, { onDelete: 'set null' }),
    source: text('source', { enum: outcomeSources }).notNull(),
    /** The practitioner who entered answers taken in clinic; null when the client answered in the app. */
    enteredBy: uuid('entered_by').references(() => practitioners.id, { onDelete: 'set null' }),
    /** enc: JSON {answers, activities?} */
    answers: text('answers').notNull(),
    /** enc: JSON of the score (total, band, subscales, flags) */
    score: text('score').notNull(),
    takenAt: at('taken_at').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    index('outcome_responses_client_idx').on(table.clientId, table.takenAt),
    index('outcome_responses_practice_idx').on(table.practiceId),
  ],
);

/**
 * A licensed instrument's item text in one language, imported by the operator under their own licence
 * (deployment-wide: every practice of the deployment uses it). The pack was checked by parseContentPack.
 */
export const instrumentContentPacks = pgTable(
  'instrument_content_packs',
  {
    id: uuid('id').primaryKey(),
    instrument: text('instrument').notNull(),
    language: text('language').notNull(),
    version: text('version').notNull(),
    licenceHolder: text('licence_holder').notNull(),
    licenceTerms: text('licence_terms').notNull(),
    pack: jsonb('pack').notNull(),
    importedAt: at('imported_at').notNull().default(sql`now()`),
  },
  (table) => [uniqueIndex('instrument_content_packs_uq').on(table.instrument, table.language)],
);
