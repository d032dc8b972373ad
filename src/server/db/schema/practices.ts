import { sql } from 'drizzle-orm';
import { char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant: every tenant table carries practice_id and is fenced by row-level security. */
export const practices = pgTable('practices', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  country: char('country', { length: 2 }).notNull(),
  region: text('region').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});
