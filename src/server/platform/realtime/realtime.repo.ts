import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/transactions.js';

/** Queued with the transaction: PostgreSQL delivers it at commit, and drops it on rollback. */
export async function notifyChannel(tx: Tx, channel: string, payload: string) {
  await tx.execute(sql`select pg_notify(${channel}, ${payload})`);
}
