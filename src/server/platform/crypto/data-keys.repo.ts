import { and, eq, isNull, ne } from 'drizzle-orm';
import { dataKeys, deploymentSecrets } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export interface StoredDataKey {
  id: string;
  practiceId: string;
  clientId: string | null;
  wrappedKey: string;
  masterKeyId: string;
}

export interface KeyOwner {
  practiceId: string;
  /** A client's own key, for data whose erasure must reach old backups. */
  clientId?: string;
}

const columns = {
  id: dataKeys.id,
  practiceId: dataKeys.practiceId,
  clientId: dataKeys.clientId,
  wrappedKey: dataKeys.wrappedKey,
  masterKeyId: dataKeys.masterKeyId,
};

const ownedBy = (owner: KeyOwner) =>
  and(
    eq(dataKeys.practiceId, owner.practiceId),
    owner.clientId ? eq(dataKeys.clientId, owner.clientId) : isNull(dataKeys.clientId),
    eq(dataKeys.status, 'active'),
  );

export async function findActiveDataKey(tx: Tx, owner: KeyOwner): Promise<StoredDataKey | undefined> {
  const [row] = await tx.select(columns).from(dataKeys).where(ownedBy(owner)).limit(1);
  return row;
}

/** A key by id, retired ones included (old values must keep reading); destroyed keys are gone. */
export async function findDataKeyById(tx: Tx, id: string): Promise<StoredDataKey | undefined> {
  const [row] = await tx
    .select(columns)
    .from(dataKeys)
    .where(and(eq(dataKeys.id, id), ne(dataKeys.status, 'destroyed')))
    .limit(1);
  return row;
}

/** Inserts an active key unless the owner already has one; true when this insert won. */
export async function insertActiveDataKey(tx: Tx, key: StoredDataKey): Promise<boolean> {
  const inserted = await tx
    .insert(dataKeys)
    .values({ ...key, status: 'active' })
    .onConflictDoNothing()
    .returning({ id: dataKeys.id });
  return inserted.length === 1;
}

export async function retireActiveDataKey(tx: Tx, owner: KeyOwner, at: Date): Promise<void> {
  await tx.update(dataKeys).set({ status: 'retired', retiredAt: at }).where(ownedBy(owner));
}

export async function findDeploymentSecret(tx: Tx, name: string) {
  const [row] = await tx.select().from(deploymentSecrets).where(eq(deploymentSecrets.name, name)).limit(1);
  return row;
}

export async function insertDeploymentSecret(
  tx: Tx,
  secret: { name: string; wrappedValue: string; masterKeyId: string },
): Promise<void> {
  await tx.insert(deploymentSecrets).values(secret).onConflictDoNothing();
}
