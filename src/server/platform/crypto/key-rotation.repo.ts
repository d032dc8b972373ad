import { and, asc, count, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import { dataKeys, deploymentSecrets, exerciseMedia } from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';
import type { EncryptedColumn } from './encrypted-columns.js';

// Queries of key rotation: re-wrapping data keys and deployment secrets under a new master key, and
// moving sealed values off a retired data key. All of them compare-and-set, so a rotation that runs
// twice, or beside the app writing, never overwrites a newer value.

export interface WrappedDataKey {
  id: string;
  wrappedKey: string;
  masterKeyId: string;
}

/** Data keys (destroyed ones aside) not wrapped by `masterKeyId`, in id order after `afterId`. */
export async function listDataKeysNotWrappedBy(
  tx: Tx,
  masterKeyId: string,
  afterId: string | undefined,
  limit: number,
): Promise<WrappedDataKey[]> {
  return tx
    .select({ id: dataKeys.id, wrappedKey: dataKeys.wrappedKey, masterKeyId: dataKeys.masterKeyId })
    .from(dataKeys)
    .where(
      and(
        ne(dataKeys.masterKeyId, masterKeyId),
        ne(dataKeys.status, 'destroyed'),
        afterId ? gt(dataKeys.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(dataKeys.id))
    .limit(limit);
}

/** Stores a data key's new wrapping, unless someone re-wrapped it since it was read; true when stored. */
export async function rewrapDataKey(
  tx: Tx,
  key: { id: string; fromMasterKeyId: string; wrappedKey: string; masterKeyId: string },
): Promise<boolean> {
  const updated = await tx
    .update(dataKeys)
    .set({ wrappedKey: key.wrappedKey, masterKeyId: key.masterKeyId })
    .where(and(eq(dataKeys.id, key.id), eq(dataKeys.masterKeyId, key.fromMasterKeyId)))
    .returning({ id: dataKeys.id });
  return updated.length === 1;
}

/** How many data keys (destroyed ones aside) each master key wraps. */
export async function countDataKeysByMasterKey(tx: Tx): Promise<Map<string, number>> {
  const rows = await tx
    .select({ masterKeyId: dataKeys.masterKeyId, keys: count() })
    .from(dataKeys)
    .where(ne(dataKeys.status, 'destroyed'))
    .groupBy(dataKeys.masterKeyId);
  return new Map(rows.map((row) => [row.masterKeyId, row.keys]));
}

export async function listDeploymentSecrets(tx: Tx) {
  return tx
    .select({
      name: deploymentSecrets.name,
      wrappedValue: deploymentSecrets.wrappedValue,
      masterKeyId: deploymentSecrets.masterKeyId,
    })
    .from(deploymentSecrets)
    .orderBy(asc(deploymentSecrets.name));
}

/**
 * Stores a deployment secret's new wrapping unless it changed since it was read. The tenant and system
 * roles may only add deployment secrets (0001_tenancy), so this runs in a transaction of the database
 * owner: the operator's own connection, the one that runs migrations.
 */
export async function rewrapDeploymentSecret(
  tx: Tx,
  secret: { name: string; fromMasterKeyId: string; wrappedValue: string; masterKeyId: string },
): Promise<boolean> {
  const updated = await tx
    .update(deploymentSecrets)
    .set({ wrappedValue: secret.wrappedValue, masterKeyId: secret.masterKeyId })
    .where(
      and(eq(deploymentSecrets.name, secret.name), eq(deploymentSecrets.masterKeyId, secret.fromMasterKeyId)),
    )
    .returning({ name: deploymentSecrets.name });
  return updated.length === 1;
}

export interface RetiredDataKey {
  id: string;
  practiceId: string;
  clientId: string | null;
  retiredAt: Date | null;
}

/** Retired data keys, oldest first; of one practice when given. */
export async function listRetiredDataKeys(tx: Tx, practiceId?: string): Promise<RetiredDataKey[]> {
  return tx
    .select({
      id: dataKeys.id,
      practiceId: dataKeys.practiceId,
      clientId: dataKeys.clientId,
      retiredAt: dataKeys.retiredAt,
    })
    .from(dataKeys)
    .where(and(eq(dataKeys.status, 'retired'), practiceId ? eq(dataKeys.practiceId, practiceId) : undefined))
    .orderBy(asc(dataKeys.retiredAt), asc(dataKeys.id));
}

export async function findRetiredDataKey(tx: Tx, id: string): Promise<RetiredDataKey | undefined> {
  const [row] = await tx
    .select({
      id: dataKeys.id,
      practiceId: dataKeys.practiceId,
      clientId: dataKeys.clientId,
      retiredAt: dataKeys.retiredAt,
    })
    .from(dataKeys)
    .where(and(eq(dataKeys.id, id), eq(dataKeys.status, 'retired')))
    .limit(1);
  return row;
}

/** The owners (practice, or practice and client) whose key is active now; of one practice when given. */
export async function listActiveKeyOwners(tx: Tx, practiceId?: string) {
  return tx
    .select({ practiceId: dataKeys.practiceId, clientId: dataKeys.clientId })
    .from(dataKeys)
    .where(and(eq(dataKeys.status, 'active'), practiceId ? eq(dataKeys.practiceId, practiceId) : undefined))
    .orderBy(asc(dataKeys.practiceId), asc(dataKeys.clientId));
}

/** A retired key nothing in the database is sealed under any more: it stays readable, but is drained. */
export async function markDataKeyDrained(tx: Tx, id: string): Promise<boolean> {
  const updated = await tx
    .update(dataKeys)
    .set({ status: 'drained' })
    .where(and(eq(dataKeys.id, id), eq(dataKeys.status, 'retired')))
    .returning({ id: dataKeys.id });
  return updated.length === 1;
}

const sealedUnder = (keyId: string) => `rh1.${keyId}.%`;

/** Up to `limit` values of one column of the practice still sealed under the data key, in id order. */
export async function listValuesSealedUnder(
  tx: Tx,
  column: EncryptedColumn,
  practiceId: string,
  keyId: string,
  afterId: string | undefined,
  limit: number,
): Promise<{ id: string; value: string }[]> {
  const table = sql.identifier(column.table);
  const field = sql.identifier(column.column);
  // A cursor, not "the first N left": a value that does not open stays, and must not be read forever.
  const after = afterId ? sql`and id > ${afterId}::uuid` : sql``;
  return queryRows<{ id: string; value: string }>(
    tx,
    sql`select id::text as id, ${field} as value from ${table}
        where practice_id = ${practiceId}::uuid and ${field} like ${sealedUnder(keyId)} ${after}
        order by id limit ${limit}`,
  );
}

/** How many values of one column of the practice are sealed under the data key. */
export async function countValuesSealedUnder(
  tx: Tx,
  column: EncryptedColumn,
  practiceId: string,
  keyId: string,
): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    tx,
    sql`select count(*) as n from ${sql.identifier(column.table)}
        where practice_id = ${practiceId}::uuid and ${sql.identifier(column.column)} like ${sealedUnder(keyId)}`,
  );
  return Number(row?.n ?? 0);
}

/** Replaces a sealed value unless the row changed since it was read; true when replaced. */
export async function replaceSealedValue(
  tx: Tx,
  column: EncryptedColumn,
  rowId: string,
  from: string,
  to: string,
): Promise<boolean> {
  const field = sql.identifier(column.column);
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update ${sql.identifier(column.table)} set ${field} = ${to}
        where id = ${rowId}::uuid and ${field} = ${from} returning id`,
  );
  return rows.length === 1;
}

/** A stored object (exercise media) and where storage keeps it. */
export interface StoredMedia {
  id: string;
  storageKey: string;
}

/**
 * Up to `limit` media items whose object keys the owner's data keys wrap (a client's: the items showing
 * that client; the practice's: the others), in id order after `afterId`.
 */
export async function listMediaOfOwner(
  tx: Tx,
  owner: { practiceId: string; clientId: string | null },
  afterId: string | undefined,
  limit: number,
): Promise<StoredMedia[]> {
  return tx
    .select({ id: exerciseMedia.id, storageKey: exerciseMedia.storageKey })
    .from(exerciseMedia)
    .where(
      and(
        eq(exerciseMedia.practiceId, owner.practiceId),
        owner.clientId
          ? eq(exerciseMedia.featuredClientId, owner.clientId)
          : isNull(exerciseMedia.featuredClientId),
        afterId ? gt(exerciseMedia.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(exerciseMedia.id))
    .limit(limit);
}

/** The ids, of those given, of the practice's media items that still exist. */
export async function findExistingMedia(tx: Tx, practiceId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: exerciseMedia.id })
    .from(exerciseMedia)
    .where(and(eq(exerciseMedia.practiceId, practiceId), inArray(exerciseMedia.id, ids)));
  return new Set(rows.map((row) => row.id));
}
