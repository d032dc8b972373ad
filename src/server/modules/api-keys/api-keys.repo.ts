import { and, desc, eq, isNull, lte, or } from 'drizzle-orm';
import { apiKeys, practitioners } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertApiKey(tx: Tx, row: typeof apiKeys.$inferInsert): Promise<ApiKeyRow> {
  const [inserted] = await tx.insert(apiKeys).values(row).returning();
  if (!inserted) throw new Error('insert returned no api key');
  return inserted;
}

/** The practice's keys that still work, newest first, with the name of the member who created each. */
export function listActiveApiKeys(tx: Tx, practiceId: string) {
  return tx
    .select({
      key: apiKeys,
      creatorFirstName: practitioners.firstName,
      creatorLastName: practitioners.lastName,
    })
    .from(apiKeys)
    .leftJoin(
      practitioners,
      and(eq(practitioners.id, apiKeys.createdBy), eq(practitioners.practiceId, apiKeys.practiceId)),
    )
    .where(and(eq(apiKeys.practiceId, practiceId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

export async function findApiKey(tx: Tx, practiceId: string, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.practiceId, practiceId), eq(apiKeys.id, id)))
    .limit(1);
  return row;
}

/** Revokes a key that still works; answers false when the practice has no such working key. */
export async function revokeApiKey(tx: Tx, practiceId: string, id: string, at: Date): Promise<boolean> {
  const revoked = await tx
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.practiceId, practiceId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length === 1;
}

/** System role: a working key by the hash of what the caller sent (before the practice is known). */
export async function findActiveApiKeyByHash(tx: Tx, keyHash: string): Promise<ApiKeyRow | undefined> {
  const [row] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

/**
 * Records a use unless one was recorded since `notBefore`. The condition sits in the statement too, so
 * concurrent requests of one integration write at most once per interval.
 */
export async function touchApiKey(tx: Tx, id: string, at: Date, notBefore: Date): Promise<void> {
  await tx
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lte(apiKeys.lastUsedAt, notBefore))));
}
