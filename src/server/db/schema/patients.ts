import { sql } from 'drizzle-orm';
import {
  date,
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
 * A device signed in to the patient app. It holds the blind index of the access code it was opened
 * with: when the code rotates the two no longer match, so every session of the old code ends at once.
 */
export const patientSessions = pgTable(
  'patient_sessions',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: clientRef(),
    tokenHash: text('token_hash').notNull(),
    accessCodeIndex: text('access_code_index').notNull(),
    userAgent: text('user_agent'),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    endedAt: at('ended_at'),
  },
  (table) => [
    uniqueIndex('patient_sessions_token_uq').on(table.tokenHash),
    index('patient_sessions_client_idx').on(table.clientId),
  ],
);

export const patientSignInFailureKinds = ['unknown_code', 'year_of_birth'] as const;

/**
 * Failed patient sign-ins, for the per-code lock (wrong years of birth) and the per-IP limit (unknown
 * codes). Written before the practice is known, so only the system role reaches it.
 */
export const patientSignInFailures = pgTable(
  'patient_sign_in_failures',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: patientSignInFailureKinds }).notNull(),
    /** The code's blind index for a wrong year of birth; null for an unknown code. */
    accessCodeIndex: text('access_code_index'),
    practiceId: uuid('practice_id').references(() => practices.id),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    at: at('at').notNull(),
  },
  (table) => [
    index('patient_sign_in_failures_code_idx').on(table.accessCodeIndex, table.at),
    index('patient_sign_in_failures_ip_idx').on(table.ip, table.at),
  ],
);

/**
 * One logged exercise. The details (sets, reps, hold, pain, comment) are health data, encrypted under
 * the client's key; the date and item are plain so adherence can be counted without decrypting.
 */
export const adherenceEntries = pgTable(
  'adherence_entries',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: clientRef(),
    /** The app's own id for the entry: a replayed sync finds it and changes nothing. */
    clientEntryId: uuid('client_entry_id').notNull(),
    programItemId: uuid('program_item_id').notNull(),
    /** The program version that was current when the entry arrived. */
    programVersion: integer('program_version').notNull(),
    /** The day the client did the exercise, in their own calendar. */
    performedOn: date('performed_on').notNull(),
    /** enc: JSON {setsDone, repsDone, holdSeconds, painLevel, comment} */
    details: text('details').notNull(),
    createdAt: at('created_at').notNull().default(sql`now()`),
  },
  (table) => [
    uniqueIndex('adherence_entries_client_entry_uq').on(table.clientId, table.clientEntryId),
    index('adherence_entries_client_day_idx').on(table.clientId, table.performedOn),
  ],
);

/**
 * A passkey a client added on a device, so the app opens without code or year of birth. Like a
 * session it holds the blind index of the code it was added under: rotating the code retires it.
 */
export const patientPasskeys = pgTable(
  'patient_passkeys',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: clientRef(),
    credentialId: text('credential_id').notNull(),
    publicKey: text('public_key').notNull(),
    counter: integer('counter').notNull(),
    transports: jsonb('transports').$type<string[]>().notNull(),
    accessCodeIndex: text('access_code_index').notNull(),
    userAgent: text('user_agent'),
    createdAt: at('created_at').notNull(),
    lastUsedAt: at('last_used_at'),
  },
  (table) => [
    uniqueIndex('patient_passkeys_credential_uq').on(table.credentialId),
    index('patient_passkeys_client_idx').on(table.clientId),
  ],
);
