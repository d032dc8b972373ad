import { eq } from 'drizzle-orm';
import { practices } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type PracticeRow = typeof practices.$inferSelect;

export async function insertPractice(tx: Tx, practice: typeof practices.$inferInsert): Promise<PracticeRow> {
  const [row] = await tx.insert(practices).values(practice).returning();
  if (!row) throw new Error('insert returned no practice');
  return row;
}

/** Row-level security already limits this to the transaction's practice; the filter says it twice. */
export async function findPracticeById(tx: Tx, id: string): Promise<PracticeRow | undefined> {
  const [row] = await tx.select().from(practices).where(eq(practices.id, id)).limit(1);
  return row;
}
