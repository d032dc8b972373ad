import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients.js';
import { practitioners } from './identity.js';
import { adherenceEntries } from './patients.js';
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

// correction_request: the client asks the practice to correct their record (rectification); the body
// holds the field and their words. Text column without a CHECK, so a new kind needs no migration.
export const messageKinds = ['text', 'exercise_feedback', 'correction_request'] as const;
export const messageAuthors = ['practitioner', 'client'] as const;

/**
 * One message of a client's conversation with the practice. Exercise feedback (the comment on a
 * logged exercise) is a message too, so it is ordered, counted and delivered like the rest; it points
 * at its adherence entry for the exercise. The body is health data, encrypted under the client's key.
 * Whoever is on the other side reads it: read_at is the client's reading of a practitioner's message,
 * or the first practitioner's reading of the client's.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: clientRef(),
    kind: text('kind', { enum: messageKinds }).notNull().default('text'),
    author: text('author', { enum: messageAuthors }).notNull(),
    /** The practitioner who wrote it; null for the client's messages, or once that member is gone. */
    authorPractitionerId: uuid('author_practitioner_id').references(() => practitioners.id, {
      onDelete: 'set null',
    }),
    /** enc */
    body: text('body').notNull(),
    adherenceEntryId: uuid('adherence_entry_id').references(() => adherenceEntries.id, {
      onDelete: 'cascade',
    }),
    createdAt: at('created_at').notNull(),
    readAt: at('read_at'),
    readByPractitionerId: uuid('read_by_practitioner_id').references(() => practitioners.id, {
      onDelete: 'set null',
    }),
  },
  (table) => [
    index('messages_client_time_idx').on(table.clientId, table.createdAt),
    index('messages_practice_unread_idx')
      .on(table.practiceId, table.clientId)
      .where(sql`author = 'client' and read_at is null`),
  ],
);

export const notificationKinds = [
  'new_message',
  'pain_alert',
  'outcome_alert',
  'access_code_locked',
] as const;

/**
 * A practitioner's notification centre: that something happened, for whom, and where to look (ids
 * only, never content). emailed_at marks the one mail sent while they were away.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    practitionerId: uuid('practitioner_id')
      .notNull()
      .references(() => practitioners.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    /** The message or alert it is about. */
    subjectId: uuid('subject_id'),
    createdAt: at('created_at').notNull(),
    readAt: at('read_at'),
    emailedAt: at('emailed_at'),
  },
  (table) => [
    index('notifications_practitioner_idx').on(table.practitionerId, table.createdAt),
    index('notifications_unread_idx').on(table.practitionerId).where(sql`read_at is null`),
  ],
);

/**
 * Text messages we send: the client, template, time and status, never the body or the number (the
 * number is read from the client's record when it goes out). Parameters wait encrypted until sent.
 */
export const smsOutbox = pgTable(
  'sms_outbox',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: clientRef(),
    template: text('template').notNull(),
    language: text('language').notNull(),
    /** enc, until sent */
    params: text('params'),
    status: text('status', { enum: ['queued', 'sent', 'failed', 'skipped'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** The provider's id for the sent message (Twilio's SID). */
    providerMessageId: text('provider_message_id'),
    createdAt: at('created_at').notNull(),
    sentAt: at('sent_at'),
  },
  (table) => [index('sms_outbox_practice_idx').on(table.practiceId, table.createdAt)],
);
