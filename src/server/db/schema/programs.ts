import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from './clients.js';
import { practitioners } from './identity.js';
import type { Dosage } from './library.js';
import { practices } from './practices.js';

const at = (name: string) => timestamp(name, { withTimezone: true });
const practiceRef = () =>
  uuid('practice_id')
    .notNull()
    .references(() => practices.id);

/** One prescribed exercise; its id stays the same across versions so adherence entries keep pointing at it. */
export interface ProgramItem extends Dosage {
  id: string;
  exerciseId: string;
}

/** A program's content at one version. Free-text notes are not here: they are encrypted beside it. */
export interface ProgramContent {
  items: ProgramItem[];
  educationIds: string[];
  outcomeMeasures: string[];
}

/** The client's one continuing program; each save adds a version and moves currentVersion. */
export const programs = pgTable(
  'programs',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    currentVersion: integer('current_version').notNull().default(0),
    createdAt: at('created_at').notNull().default(sql`now()`),
    updatedAt: at('updated_at').notNull().default(sql`now()`),
  },
  (table) => [uniqueIndex('programs_client_uq').on(table.clientId)],
);

export const programVersions = pgTable(
  'program_versions',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    programId: uuid('program_id')
      .notNull()
      .references(() => programs.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').$type<ProgramContent>().notNull(),
    /** enc: JSON of the program's note and each item's notes, keyed by item id. */
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => practitioners.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().default(sql`now()`),
  },
  (table) => [uniqueIndex('program_versions_uq').on(table.programId, table.version)],
);

/**
 * The client's access code to the patient app: encrypted, and found by a deployment-wide blind index
 * (the patient app does not know the practice). Rotation replaces the row's values: the old code is gone.
 */
export const accessCodes = pgTable(
  'access_codes',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** enc */
    code: text('code').notNull(),
    /** bidx, deployment-wide */
    codeIndex: text('code_index').notNull(),
    createdAt: at('created_at').notNull(),
    rotatedAt: at('rotated_at'),
  },
  (table) => [
    uniqueIndex('access_codes_client_uq').on(table.clientId),
    uniqueIndex('access_codes_index_uq').on(table.codeIndex),
  ],
);

/** A reusable program: the practitioner's own, or shared with the practice. */
export const programTemplates = pgTable(
  'program_templates',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    ownerId: uuid('owner_id').references(() => practitioners.id, { onDelete: 'set null' }),
    shared: boolean('shared').notNull().default(false),
    name: text('name').notNull(),
    description: text('description'),
    content: jsonb('content').$type<ProgramContent>().notNull(),
    /** Item notes of the template (not client data, so plain): item id → note. */
    itemNotes: jsonb('item_notes').$type<Record<string, string>>().notNull().default({}),
    createdAt: at('created_at').notNull().default(sql`now()`),
    updatedAt: at('updated_at').notNull().default(sql`now()`),
  },
  (table) => [index('program_templates_practice_idx').on(table.practiceId, table.shared)],
);
