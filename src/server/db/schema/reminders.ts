import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients.js';
import { patientSessions } from './patients.js';
import { practices } from './practices.js';

const at = (name: string) => timestamp(name, { withTimezone: true });
const practiceRef = () =>
  uuid('practice_id')
    .notNull()
    .references(() => practices.id);

/** When the client wants to be reminded: times of day and quiet hours, in their own time zone. */
export const reminderSettings = pgTable('reminder_settings', {
  clientId: uuid('client_id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  practiceId: practiceRef(),
  /** 'HH:MM' local times, sorted. */
  times: jsonb('times').$type<string[]>().notNull(),
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  /** IANA zone, e.g. Europe/Berlin. */
  timeZone: text('time_zone').notNull(),
  lastSentAt: at('last_sent_at'),
  updatedAt: at('updated_at').notNull().default(sql`now()`),
});

/**
 * A device's Web Push subscription. The endpoint names the device at its push service, so the whole
 * subscription is encrypted; its hash finds a resubscription of the same device.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey(),
    practiceId: practiceRef(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** The app session that subscribed: when it ends (sign-out, code rotated, devices signed out), so do reminders. */
    sessionId: uuid('session_id')
      .notNull()
      .references(() => patientSessions.id, { onDelete: 'cascade' }),
    endpointHash: text('endpoint_hash').notNull(),
    /** enc: JSON {endpoint, keys: {p256dh, auth}} */
    subscription: text('subscription').notNull(),
    createdAt: at('created_at').notNull(),
    lastSentAt: at('last_sent_at'),
  },
  (table) => [
    uniqueIndex('push_subscriptions_endpoint_uq').on(table.endpointHash),
    index('push_subscriptions_client_idx').on(table.clientId),
  ],
);
