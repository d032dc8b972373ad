import { and, asc, count, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { clients, practices } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';
import { SQL_FOLD } from './client-fields.js';

export type ClientRow = typeof clients.$inferSelect;
export type NewClientRow = typeof clients.$inferInsert;
export type ClientChanges = Partial<Omit<NewClientRow, 'id' | 'practiceId' | 'createdBy' | 'createdAt'>>;

export interface ClientFilter {
  /** Folded words (see foldForSearch), each found somewhere in "first last". */
  nameWords: string[];
  emailIndex?: string | undefined;
  mobileIndex?: string | undefined;
  nationalIdIndex?: string | undefined;
  status: 'active' | 'archived' | 'all';
  limit: number;
  offset: number;
}

export async function insertClient(tx: Tx, row: NewClientRow): Promise<ClientRow> {
  const [inserted] = await tx.insert(clients).values(row).returning();
  if (!inserted) throw new Error('insert returned no client');
  return inserted;
}

export async function findClient(tx: Tx, practiceId: string, id: string): Promise<ClientRow | undefined> {
  const [row] = await tx
    .select()
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, id)))
    .limit(1);
  return row;
}

/** Locks the client's row for the rest of the transaction (programs serialise their saves on it). */
export async function findClientForUpdate(tx: Tx, practiceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, id)))
    .for('update')
    .limit(1);
  return row;
}

export async function updateClient(
  tx: Tx,
  practiceId: string,
  id: string,
  changes: ClientChanges,
): Promise<ClientRow | undefined> {
  const [row] = await tx
    .update(clients)
    .set(changes)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, id)))
    .returning();
  return row;
}

// Accent- and case-folding in SQL, the same as foldForSearch: letters that fold to two go first.
const MULTI_LETTER_FOLDS: [string, string][] = [
  ['ß', 'ss'],
  ['ẞ', 'ss'],
  ['æ', 'ae'],
  ['Æ', 'ae'],
  ['œ', 'oe'],
  ['Œ', 'oe'],
  ['þ', 'th'],
  ['Þ', 'th'],
];
function folded(column: SQL): SQL {
  let expression = column;
  for (const [from, to] of MULTI_LETTER_FOLDS) expression = sql`replace(${expression}, ${from}, ${to})`;
  return sql`translate(${expression}, ${SQL_FOLD.from}, ${SQL_FOLD.to})`;
}

const escapeLike = (word: string) => word.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(practiceId: string, filter: ClientFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [eq(clients.practiceId, practiceId)];
  if (filter.status === 'active') where.push(isNull(clients.archivedAt));
  if (filter.status === 'archived') where.push(isNotNull(clients.archivedAt));
  if (filter.emailIndex !== undefined) where.push(eq(clients.emailIndex, filter.emailIndex));
  if (filter.mobileIndex !== undefined) where.push(eq(clients.mobileIndex, filter.mobileIndex));
  if (filter.nationalIdIndex !== undefined) where.push(eq(clients.nationalIdIndex, filter.nationalIdIndex));
  if (filter.nameWords.length > 0) {
    // A practice holds a few thousand clients at most: the practice_id index bounds the scan.
    const fullName = folded(sql`${clients.firstName} || ' ' || ${clients.lastName}`);
    for (const word of filter.nameWords)
      where.push(sql`${fullName} like ${`%${escapeLike(word)}%`} escape '\\'`);
  }
  return and(...where);
}

/** A page of the practice's clients by last and first name, and how many match in all. */
export async function listClients(tx: Tx, practiceId: string, filter: ClientFilter) {
  const where = conditions(practiceId, filter);
  const rows = await tx
    .select()
    .from(clients)
    .where(where)
    .orderBy(asc(clients.lastName), asc(clients.firstName), asc(clients.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [total] = await tx.select({ value: count() }).from(clients).where(where);
  return { rows, total: total?.value ?? 0 };
}

/** Every client's name, archived ones too: custom exercises must not name any of them. */
export function listClientNames(tx: Tx, practiceId: string) {
  return tx
    .select({ id: clients.id, firstName: clients.firstName, lastName: clients.lastName })
    .from(clients)
    .where(eq(clients.practiceId, practiceId));
}

/** The practice's country decides how phone numbers and national identifiers are read. */
export async function findPracticeCountry(tx: Tx, practiceId: string): Promise<string> {
  const [row] = await tx
    .select({ country: practices.country })
    .from(practices)
    .where(eq(practices.id, practiceId))
    .limit(1);
  if (!row) throw new Error('the caller’s practice was not found');
  return row.country;
}
