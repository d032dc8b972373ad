import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { practices } from './practices.js';

/** Data keys, each wrapped by a master key; a ciphertext names the data key it was sealed with. */
export const dataKeys = pgTable(
  'data_keys',
  {
    id: uuid('id').primaryKey(),
    practiceId: uuid('practice_id')
      .notNull()
      .references(() => practices.id),
    /** Set for a client's own key, so erasing the client can destroy it (copies in backups go dark). */
    clientId: uuid('client_id'),
    wrappedKey: text('wrapped_key').notNull(),
    masterKeyId: text('master_key_id').notNull(),
    /**
     * active: seals new values. retired: replaced by a newer key, still opens old values. drained: retired,
     * and the re-encryption job found nothing in the database sealed under it any more (it still opens a
     * straggler). destroyed: gone, its values unreadable. A text column: this list needs no migration.
     */
    status: text('status', { enum: ['active', 'retired', 'drained', 'destroyed'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (table) => [
    index('data_keys_practice_idx').on(table.practiceId),
    uniqueIndex('data_keys_one_active_practice_key')
      .on(table.practiceId)
      .where(sql`${table.status} = 'active' and ${table.clientId} is null`),
    uniqueIndex('data_keys_one_active_client_key')
      .on(table.clientId)
      .where(sql`${table.status} = 'active' and ${table.clientId} is not null`),
  ],
);

/** Deployment-wide secrets (e.g. the blind-index secret), wrapped by a master key; never tenant data. */
export const deploymentSecrets = pgTable('deployment_secrets', {
  name: text('name').primaryKey(),
  wrappedValue: text('wrapped_value').notNull(),
  masterKeyId: text('master_key_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
});
