import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { practitioners } from './identity.js';
import { practices } from './practices.js';

const at = (name: string) => timestamp(name, { withTimezone: true });

export const genders = ['female', 'male', 'non_binary', 'other', 'not_stated'] as const;
export const nationalIdKinds = ['nhs_number', 'personnummer', 'samordningsnummer'] as const;

/**
 * A practice's client (patient). Names are plain so a practitioner can search them; contact details,
 * diagnosis and national identifier are encrypted under the client's own data key (so erasure can
 * destroy it), with blind indexes for exact lookup.
 */
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    gender: text('gender', { enum: genders }).notNull(),
    yearOfBirth: integer('year_of_birth').notNull(),
    /** enc */
    email: text('email'),
    /** bidx of the normalised email */
    emailIndex: text('email_index'),
    /** enc */
    mobile: text('mobile'),
    /** bidx of the E.164 mobile */
    mobileIndex: text('mobile_index'),
    /** enc; ICD-10 */
    diagnosisCode: text('diagnosis_code'),
    /** enc */
    nationalId: text('national_id'),
    /** bidx of the normalised national identifier */
    nationalIdIndex: text('national_id_index'),
    nationalIdKind: text('national_id_kind', { enum: nationalIdKinds }),
    /** The language of the client's app, handouts and mail. */
    language: text('language', { enum: ['en', 'de'] })
      .notNull()
      .default('en'),
    /** When the client refused mail or text messages; nothing is sent on that channel after it. */
    emailOptOutAt: at('email_opt_out_at'),
    smsOptOutAt: at('sms_opt_out_at'),
    createdBy: uuid('created_by').references(() => practitioners.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().default(sql`now()`),
    updatedAt: at('updated_at').notNull().default(sql`now()`),
    archivedAt: at('archived_at'),
  },
  (table) => [
    index('clients_practice_name_idx').on(table.practiceId, table.lastName, table.firstName),
    index('clients_email_idx').on(table.practiceId, table.emailIndex),
    index('clients_mobile_idx').on(table.practiceId, table.mobileIndex),
    index('clients_national_id_idx').on(table.practiceId, table.nationalIdIndex),
  ],
);
