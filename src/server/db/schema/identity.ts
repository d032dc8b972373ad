import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { practices } from './practices.js';

const at = (name: string) => timestamp(name, { withTimezone: true });
const practiceRef = () =>
  uuid('practice_id')
    .notNull()
    .references(() => practices.id);

export type Role = 'owner' | 'practitioner' | 'front_desk';

export interface PractitionerPreferences {
  language: 'en' | 'de';
  weightUnit: 'kg' | 'lb';
  notifications: {
    newMessage: boolean;
    painAlert: boolean;
    outcomeAlert: boolean;
    lockedAccessCode: boolean;
  };
}

/**
 * A member of a practice. Email is plain and unique per region among verified accounts: an unverified
 * sign-up may repeat an address (so that sign-up does not reveal which addresses have accounts), and
 * only the inbox owner can verify it.
 */
export const practitioners = pgTable(
  'practitioners',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    email: text('email').notNull(),
    emailVerifiedAt: at('email_verified_at'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** enc */
    mobile: text('mobile'),
    affiliation: text('affiliation'),
    role: text('role', { enum: ['owner', 'practitioner', 'front_desk'] }).notNull(),
    status: text('status', { enum: ['active', 'removed'] })
      .notNull()
      .default('active'),
    passwordHash: text('password_hash'),
    termsVersion: text('terms_version'),
    termsAcceptedAt: at('terms_accepted_at'),
    preferences: jsonb('preferences').$type<PractitionerPreferences>().notNull(),
    signInCount: integer('sign_in_count').notNull().default(0),
    currentSignInAt: at('current_sign_in_at'),
    currentSignInIp: text('current_sign_in_ip'),
    lastSignInAt: at('last_sign_in_at'),
    lastSignInIp: text('last_sign_in_ip'),
    /** enc; set once enrolment is confirmed. */
    totpSecret: text('totp_secret'),
    /** enc; an enrolment that waits for its first code. */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: at('totp_enabled_at'),
    /** The last accepted time step: a code of this step or earlier is refused (each code works once). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /** The practitioner's recent searches and filters in the library. */
    recentSearches: jsonb('recent_searches').$type<unknown[]>().notNull().default([]),
    createdAt: at('created_at').notNull().default(sql`now()`),
    updatedAt: at('updated_at').notNull().default(sql`now()`),
  },
  (table) => [
    index('practitioners_practice_idx').on(table.practiceId),
    index('practitioners_email_idx').on(table.email),
    uniqueIndex('practitioners_verified_email')
      .on(table.email)
      .where(sql`${table.emailVerifiedAt} is not null and ${table.status} = 'active'`),
  ],
);

/** Signed-in browsers. The token is never stored: only its SHA-256. */
export const practitionerSessions = pgTable(
  'practitioner_sessions',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    /** How the second factor was met at sign-in: totp, recovery_code, passkey, or null (none). */
    secondFactor: text('second_factor'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: at('created_at').notNull(),
    lastSeenAt: at('last_seen_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    endedAt: at('ended_at'),
  },
  (table) => [index('practitioner_sessions_practitioner_idx').on(table.practitionerId)],
);

/**
 * Failed sign-ins, for the account's history and for throttling. emailKey is a blind index of the
 * address typed, so unknown addresses are throttled exactly like known ones.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id').references(() => practices.id),
    practitionerId: uuid('practitioner_id').references(() => practitioners.id, { onDelete: 'cascade' }),
    emailKey: text('email_key').notNull(),
    ip: text('ip'),
    at: at('at').notNull(),
  },
  (table) => [
    index('sign_in_failures_email_idx').on(table.emailKey, table.at),
    index('sign_in_failures_ip_idx').on(table.ip, table.at),
    index('sign_in_failures_practitioner_idx').on(table.practitionerId, table.at),
  ],
);

/** An address locked after too many failures; keyed by blind index so it works for unknown addresses too. */
export const signInLocks = pgTable('sign_in_locks', {
  emailKey: text('email_key').primaryKey(),
  lockedAt: at('locked_at').notNull(),
  lockedUntil: at('locked_until').notNull(),
});

/** Single-use tokens sent by email (verification, password reset). Stored as SHA-256 only. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify_email', 'reset_password'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (table) => [index('account_tokens_practitioner_idx').on(table.practitionerId, table.purpose)],
);

/** An owner's invitation of a colleague; the link's token is stored as SHA-256 only. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    email: text('email').notNull(),
    role: text('role', { enum: ['owner', 'practitioner', 'front_desk'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by').references(() => practitioners.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull(),
    expiresAt: at('expires_at').notNull(),
    acceptedAt: at('accepted_at'),
    revokedAt: at('revoked_at'),
  },
  (table) => [index('invitations_practice_idx').on(table.practiceId)],
);

/** Ten single-use codes for when the authenticator is lost; SHA-256 of each (they carry 50 random bits). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: at('used_at'),
  },
  (table) => [index('recovery_codes_practitioner_idx').on(table.practitionerId)],
);

/** WebAuthn credentials (passkeys) of practitioners. */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    /** base64url credential id, as the authenticator reports it. */
    credentialId: text('credential_id').notNull().unique(),
    /** base64url COSE public key. */
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: jsonb('transports').$type<string[]>().notNull().default([]),
    name: text('name').notNull(),
    backedUp: boolean('backed_up').notNull().default(false),
    createdAt: at('created_at').notNull(),
    lastUsedAt: at('last_used_at'),
  },
  (table) => [index('passkeys_practitioner_idx').on(table.practitionerId)],
);

/** Outstanding WebAuthn challenges, each usable once and for a few minutes. */
export const webauthnChallenges = pgTable('webauthn_challenges', {
  challenge: text('challenge').primaryKey(),
  purpose: text('purpose', {
    enum: ['register', 'authenticate', 'patient_register', 'patient_authenticate'],
  }).notNull(),
  /** Whom a registration challenge was issued to: a practitioner, or a client for the patient app's. */
  practitionerId: uuid('practitioner_id'),
  expiresAt: at('expires_at').notNull(),
});

/** Integration keys of a practice. Shown once; stored as SHA-256 with a short prefix to recognise them. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => practitioners.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull(),
    lastUsedAt: at('last_used_at'),
    revokedAt: at('revoked_at'),
  },
  (table) => [index('api_keys_practice_idx').on(table.practiceId)],
);

/**
 * Mail we send: recipient, template, time and status — never the body. The template's parameters
 * (a link's token) wait encrypted until the mail is sent, then are erased. Mail to a client names the
 * client instead of the address, which stays encrypted in the client's record and is read at sending.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    recipient: text('recipient'),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    template: text('template').notNull(),
    language: text('language').notNull(),
    /** enc, until sent */
    params: text('params'),
    /** skipped: the client had refused mail by the time it was due. */
    status: text('status', { enum: ['queued', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: at('created_at').notNull(),
    sentAt: at('sent_at'),
  },
  (table) => [index('mail_outbox_practice_idx').on(table.practiceId, table.createdAt)],
);
