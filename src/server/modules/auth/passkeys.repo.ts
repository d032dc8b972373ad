import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { passkeys, practitioners, webauthnChallenges } from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';

export type PasskeyRow = typeof passkeys.$inferSelect;
// The patient app's ceremonies have purposes of their own, so no challenge crosses between the apps.
export type ChallengePurpose = 'register' | 'authenticate' | 'patient_register' | 'patient_authenticate';

type Owner = { practiceId: string; practitionerId: string };

// --- passkeys (tenant: scoped by practice and practitioner) ---

export function listPasskeysOf(tx: Tx, owner: Owner) {
  return tx
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.practiceId, owner.practiceId), eq(passkeys.practitionerId, owner.practitionerId)))
    .orderBy(passkeys.createdAt);
}

export async function findPasskeyOf(tx: Tx, owner: Owner, id: string) {
  const [row] = await tx
    .select()
    .from(passkeys)
    .where(
      and(
        eq(passkeys.practiceId, owner.practiceId),
        eq(passkeys.practitionerId, owner.practitionerId),
        eq(passkeys.id, id),
      ),
    )
    .limit(1);
  return row;
}

export async function findPasskeyByCredentialOf(tx: Tx, owner: Owner, credentialId: string) {
  const [row] = await tx
    .select()
    .from(passkeys)
    .where(
      and(
        eq(passkeys.practiceId, owner.practiceId),
        eq(passkeys.practitionerId, owner.practitionerId),
        eq(passkeys.credentialId, credentialId),
      ),
    )
    .limit(1);
  return row;
}

export async function insertPasskey(tx: Tx, row: typeof passkeys.$inferInsert) {
  const [inserted] = await tx.insert(passkeys).values(row).returning();
  if (!inserted) throw new Error('insert returned no passkey');
  return inserted;
}

export async function renamePasskey(tx: Tx, owner: Owner, id: string, name: string) {
  const [row] = await tx
    .update(passkeys)
    .set({ name })
    .where(
      and(
        eq(passkeys.practiceId, owner.practiceId),
        eq(passkeys.practitionerId, owner.practitionerId),
        eq(passkeys.id, id),
      ),
    )
    .returning();
  return row;
}

export async function deletePasskey(tx: Tx, owner: Owner, id: string): Promise<boolean> {
  const deleted = await tx
    .delete(passkeys)
    .where(
      and(
        eq(passkeys.practiceId, owner.practiceId),
        eq(passkeys.practitionerId, owner.practitionerId),
        eq(passkeys.id, id),
      ),
    )
    .returning({ id: passkeys.id });
  return deleted.length === 1;
}

/**
 * Stores a use: the new counter, backup state and time. Only while the counter is still the one
 * verified against, so two uses of one assertion at once cannot both pass. Answers false otherwise.
 */
export async function recordPasskeyUse(
  tx: Tx,
  row: PasskeyRow,
  use: { counter: number; backedUp: boolean; at: Date },
): Promise<boolean> {
  const updated = await tx
    .update(passkeys)
    .set({ counter: use.counter, backedUp: use.backedUp, lastUsedAt: use.at })
    .where(
      and(
        eq(passkeys.practiceId, row.practiceId),
        eq(passkeys.id, row.id),
        eq(passkeys.counter, row.counter),
      ),
    )
    .returning({ id: passkeys.id });
  return updated.length === 1;
}

// --- system role: before the practice is known ---

/** System role: whose credential this is, for a passwordless sign-in. */
export async function findPasskeyOwnerByCredential(tx: Tx, credentialId: string) {
  const [row] = await tx
    .select({
      passkeyId: passkeys.id,
      practiceId: passkeys.practiceId,
      practitionerId: passkeys.practitionerId,
      email: practitioners.email,
      status: practitioners.status,
      currentSignInAt: practitioners.currentSignInAt,
    })
    .from(passkeys)
    .innerJoin(practitioners, eq(practitioners.id, passkeys.practitionerId))
    .where(eq(passkeys.credentialId, credentialId))
    .limit(1);
  return row;
}

/** System role: stores a challenge just issued, and drops those that expired unused. */
export async function insertChallenge(
  tx: Tx,
  challenge: { challenge: string; purpose: ChallengePurpose; practitionerId: string | null; expiresAt: Date },
  now: Date,
) {
  await tx.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now));
  await tx.insert(webauthnChallenges).values(challenge);
}

/**
 * System role: takes a challenge out of the store (each works once) and answers whether it was
 * issued for this purpose and practitioner (null: to anyone) and has not expired.
 */
export async function consumeChallenge(
  tx: Tx,
  challenge: string,
  purpose: ChallengePurpose,
  practitionerId: string | null,
  now: Date,
): Promise<boolean> {
  const [taken] = await tx
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        practitionerId === null
          ? isNull(webauthnChallenges.practitionerId)
          : eq(webauthnChallenges.practitionerId, practitionerId),
      ),
    )
    .returning({ expiresAt: webauthnChallenges.expiresAt });
  return taken !== undefined && taken.expiresAt > now;
}

/**
 * Runs work as the system role inside the caller's tenant transaction, then returns to the caller's
 * role. For the one step of a tenant transaction that must reach the challenge store (a passkey as
 * second factor at sign-in): a second transaction would wait forever on the embedded engine's single
 * connection, and elsewhere would commit apart from the sign-in.
 */
export async function asSystemWithin<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  const [current] = await queryRows<{ role: string }>(tx, sql`select current_user as role`);
  if (!current) throw new Error('no current role');
  const restore = () => tx.execute(sql`set local role ${sql.identifier(current.role)}`);
  await tx.execute(sql`set local role rehabit_system`);
  let result: T;
  try {
    result = await work();
  } catch (error) {
    // The transaction may be aborted already; the original error is the one that matters.
    await restore().catch(() => undefined);
    throw error;
  }
  await restore();
  return result;
}
