import { sql } from 'drizzle-orm';
import { boolean, char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The tenant: every tenant table carries practice_id and is fenced by row-level security. */
export const practices = pgTable('practices', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  address: text('address'),
  country: char('country', { length: 2 }).notNull(),
  state: text('state'),
  vatId: text('vat_id'),
  region: text('region').notNull(),
  /** Billing state; the payment processor holds the card, we keep only where the practice stands. */
  subscriptionStatus: text('subscription_status', { enum: ['trial', 'active', 'past_due', 'cancelled'] })
    .notNull()
    .default('trial'),
  /** The owner's policy: every member needs a second factor before reaching anything else. */
  mfaRequired: boolean('mfa_required').notNull().default(false),
  /** The owner asked to close the practice: everything is erased once closure_erase_after has passed. */
  closureRequestedAt: timestamp('closure_requested_at', { withTimezone: true }),
  closureRequestedBy: uuid('closure_requested_by'),
  /** The end of the grace period; until then the owner can cancel (members still sign in). */
  closureEraseAfter: timestamp('closure_erase_after', { withTimezone: true }),
  /** Set when the practice was erased; the row stays (ids only) so its audit trail keeps its owner. */
  erasedAt: timestamp('erased_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});
