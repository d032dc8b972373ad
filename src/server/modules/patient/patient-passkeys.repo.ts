import { and, eq } from 'drizzle-orm';
import { accessCodes, clients, patientPasskeys } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type PatientPasskeyRow = typeof patientPasskeys.$inferSelect;

export async function insertPatientPasskey(tx: Tx, row: typeof patientPasskeys.$inferInsert) {
  await tx.insert(patientPasskeys).values(row);
}

export function listClientPasskeys(tx: Tx, practiceId: string, clientId: string) {
  return tx
    .select()
    .from(patientPasskeys)
    .where(and(eq(patientPasskeys.practiceId, practiceId), eq(patientPasskeys.clientId, clientId)));
}

/** The client's current access code's blind index, which a new passkey is tied to. */
export async function findCurrentCodeIndex(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx
    .select({ codeIndex: accessCodes.codeIndex })
    .from(accessCodes)
    .where(and(eq(accessCodes.practiceId, practiceId), eq(accessCodes.clientId, clientId)))
    .limit(1);
  return row?.codeIndex;
}

/**
 * A passkey by its credential id, only while its client is active and still has the code it was
 * added under (system role: the practice is not known before).
 */
export async function findLivePasskey(tx: Tx, credentialId: string) {
  const [row] = await tx
    .select({ passkey: patientPasskeys, firstName: clients.firstName })
    .from(patientPasskeys)
    .innerJoin(clients, eq(clients.id, patientPasskeys.clientId))
    .innerJoin(
      accessCodes,
      and(
        eq(accessCodes.clientId, patientPasskeys.clientId),
        eq(accessCodes.codeIndex, patientPasskeys.accessCodeIndex),
      ),
    )
    .where(eq(patientPasskeys.credentialId, credentialId))
    .limit(1);
  return row && !(await isArchived(tx, row.passkey.clientId)) ? row : undefined;
}

async function isArchived(tx: Tx, clientId: string) {
  const [row] = await tx
    .select({ archivedAt: clients.archivedAt })
    .from(clients)
    .where(eq(clients.id, clientId));
  return Boolean(row?.archivedAt);
}

export async function recordPatientPasskeyUse(tx: Tx, id: string, counter: number, at: Date) {
  await tx.update(patientPasskeys).set({ counter, lastUsedAt: at }).where(eq(patientPasskeys.id, id));
}
