import { and, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import {
  clients,
  dataKeys,
  erasureLedger,
  exerciseMedia,
  exercises,
  practices,
  practitioners,
} from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';

// The only queries of erasure. Erasing reaches into other modules' tables on purpose: it is the one
// act that must find every row about a client, so it lists them here rather than asking each module.

export type LedgerEntry = typeof erasureLedger.$inferSelect;
export type NewLedgerEntry = Omit<LedgerEntry, 'recordedAt'>;

/** The client, if it is one of the practice's (works as the system role, which sees every practice). */
export async function findClientOfPractice(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.practiceId, practiceId)))
    .limit(1);
  return row;
}

/** Locks the client's row, so a program save or a message in flight waits for the erasure and then fails. */
export async function lockClient(tx: Tx, practiceId: string, clientId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.practiceId, practiceId)))
    .for('update');
  return rows.length === 1;
}

/** Storage keys of media showing the client, or of exercises made for them. */
export async function mediaKeysOfClient(tx: Tx, practiceId: string, clientId: string): Promise<string[]> {
  const madeForClient = tx
    .select({ id: exercises.id })
    .from(exercises)
    .where(and(eq(exercises.practiceId, practiceId), eq(exercises.featuredClientId, clientId)));
  const rows = await tx
    .select({ key: exerciseMedia.storageKey })
    .from(exerciseMedia)
    .where(
      and(
        eq(exerciseMedia.practiceId, practiceId),
        or(eq(exerciseMedia.featuredClientId, clientId), inArray(exerciseMedia.exerciseId, madeForClient)),
      ),
    );
  return rows.map((row) => row.key);
}

/**
 * Deletes the client and everything about them. Exercises made for them go explicitly (with their texts,
 * search rows and media rows); every other table about a client (programs and versions, access code,
 * adherence, messages, outcome measures, alerts and rules, notifications, reminders, push subscriptions,
 * patient sessions and passkeys, sign-in failures, mail and SMS outbox rows) references clients with
 * ON DELETE CASCADE, so the one delete reaches them all in this transaction.
 */
export async function deleteClientRows(tx: Tx, practiceId: string, clientId: string): Promise<void> {
  await tx
    .delete(exerciseMedia)
    .where(and(eq(exerciseMedia.practiceId, practiceId), eq(exerciseMedia.featuredClientId, clientId)));
  await tx
    .delete(exercises)
    .where(and(eq(exercises.practiceId, practiceId), eq(exercises.featuredClientId, clientId)));
  await tx.delete(clients).where(and(eq(clients.id, clientId), eq(clients.practiceId, practiceId)));
}

/**
 * Destroys data keys: the wrapped key is overwritten, so no copy of this row (a backup, a replica) made
 * from now on can open a value; the row stays as a tombstone naming its owner. Answers the ids.
 */
export async function destroyDataKeys(
  tx: Tx,
  owner: { practiceId: string; clientId?: string },
  at: Date,
): Promise<string[]> {
  const rows = await tx
    .update(dataKeys)
    .set({ status: 'destroyed', wrappedKey: '', retiredAt: sql`coalesce(${dataKeys.retiredAt}, ${at})` })
    .where(
      and(
        eq(dataKeys.practiceId, owner.practiceId),
        owner.clientId ? eq(dataKeys.clientId, owner.clientId) : undefined,
        // Idempotent: a tombstone is left alone (its time stays the first erasure's).
        or(sql`${dataKeys.status} <> 'destroyed'`, sql`${dataKeys.wrappedKey} <> ''`),
      ),
    )
    .returning({ id: dataKeys.id });
  return rows.map((row) => row.id);
}

/** Adds an entry unless the subject is already in the ledger; true when this call added it. */
export async function insertLedgerEntry(tx: Tx, entry: NewLedgerEntry): Promise<boolean> {
  const rows = await tx
    .insert(erasureLedger)
    .values(entry)
    .onConflictDoNothing()
    .returning({ id: erasureLedger.subjectId });
  return rows.length === 1;
}

export function listLedgerEntries(tx: Tx): Promise<LedgerEntry[]> {
  return tx.select().from(erasureLedger).orderBy(erasureLedger.erasedAt);
}

export function findLedgerEntry(tx: Tx, subjectId: string): Promise<LedgerEntry | undefined> {
  return tx
    .select()
    .from(erasureLedger)
    .where(eq(erasureLedger.subjectId, subjectId))
    .limit(1)
    .then((rows) => rows[0]);
}

// ---- Practices ----------------------------------------------------------------------------------

export interface PracticeClosure {
  id: string;
  name: string;
  closureRequestedAt: Date | null;
  closureEraseAfter: Date | null;
  erasedAt: Date | null;
}

const closureColumns = {
  id: practices.id,
  name: practices.name,
  closureRequestedAt: practices.closureRequestedAt,
  closureEraseAfter: practices.closureEraseAfter,
  erasedAt: practices.erasedAt,
};

export async function findPracticeClosure(tx: Tx, practiceId: string): Promise<PracticeClosure | undefined> {
  const [row] = await tx.select(closureColumns).from(practices).where(eq(practices.id, practiceId)).limit(1);
  return row;
}

/** Locks the practice's row, so a cancel and the erasure job never both win. */
export async function lockPracticeClosure(tx: Tx, practiceId: string): Promise<PracticeClosure | undefined> {
  const [row] = await tx
    .select(closureColumns)
    .from(practices)
    .where(eq(practices.id, practiceId))
    .for('update');
  return row;
}

export async function setPracticeClosure(
  tx: Tx,
  practiceId: string,
  closure: { requestedAt: Date; requestedBy: string; eraseAfter: Date } | null,
): Promise<void> {
  await tx
    .update(practices)
    .set({
      closureRequestedAt: closure?.requestedAt ?? null,
      closureRequestedBy: closure?.requestedBy ?? null,
      closureEraseAfter: closure?.eraseAfter ?? null,
    })
    .where(eq(practices.id, practiceId));
}

/** The member's address and language, for mail about the practice. */
export async function findMemberContact(tx: Tx, practiceId: string, practitionerId: string) {
  const [row] = await tx
    .select({ email: practitioners.email, preferences: practitioners.preferences })
    .from(practitioners)
    .where(and(eq(practitioners.id, practitionerId), eq(practitioners.practiceId, practiceId)))
    .limit(1);
  return row && { email: row.email, language: row.preferences.language };
}

/** Practices whose grace period has passed and that are not erased yet (system role). */
export async function listPracticesDueForErasure(tx: Tx, now: Date): Promise<string[]> {
  const rows = await tx
    .select({ id: practices.id })
    .from(practices)
    .where(
      and(
        isNotNull(practices.closureEraseAfter),
        lte(practices.closureEraseAfter, now),
        isNull(practices.erasedAt),
      ),
    );
  return rows.map((row) => row.id);
}

export async function listClientIds(tx: Tx, practiceId: string): Promise<string[]> {
  const rows = await tx.select({ id: clients.id }).from(clients).where(eq(clients.practiceId, practiceId));
  return rows.map((row) => row.id);
}

/** Storage keys of every media file the practice holds (its custom exercises'). */
export async function mediaKeysOfPractice(tx: Tx, practiceId: string): Promise<string[]> {
  const rows = await tx
    .select({ key: exerciseMedia.storageKey })
    .from(exerciseMedia)
    .where(eq(exerciseMedia.practiceId, practiceId));
  return rows.map((row) => row.key);
}

/**
 * The practice's own rows other than its clients (erased one by one before): in an order that respects
 * foreign keys. Kept: the practice row itself (marked erased), its data keys (destroyed, as tombstones),
 * its audit trail and seals (ids only, and the chain must stay verifiable) and the erasure ledger.
 */
const PRACTICE_TABLES = [
  'notifications',
  'alerts',
  'alert_rules',
  'mail_outbox',
  'sms_outbox',
  'invitations',
  'api_keys',
  'program_templates',
  'custom_measures',
  'exercise_media',
  'exercise_search',
  'exercise_texts',
  'exercises',
  'exercise_vocabulary',
  'education_texts',
  'education_articles',
  'account_tokens',
  'recovery_codes',
  'passkeys',
  'practitioner_sessions',
  'sign_in_failures',
  'practitioners',
] as const;

/** Deletes every row the practice owns in PRACTICE_TABLES (system role); answers the count per table. */
export async function deletePracticeRows(tx: Tx, practiceId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of PRACTICE_TABLES) {
    const rows = await queryRows<{ n: number }>(
      tx,
      sql`with gone as (delete from ${sql.identifier(table)} where practice_id = ${practiceId} returning 1)
          select count(*)::int as n from gone`,
    );
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts;
}

/** Marks the practice erased and clears what named it (its name may be a person's); the id stays. */
export async function markPracticeErased(tx: Tx, practiceId: string, at: Date): Promise<void> {
  await tx
    .update(practices)
    .set({
      name: 'Erased practice',
      address: null,
      state: null,
      vatId: null,
      subscriptionStatus: 'cancelled',
      erasedAt: at,
      updatedAt: at,
    })
    .where(eq(practices.id, practiceId));
}
