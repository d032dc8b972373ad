import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { invitations, practices, practitioners } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type InvitationRow = typeof invitations.$inferSelect;

// Pending: neither accepted nor revoked, and not yet expired.
const pending = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

export async function insertInvitation(tx: Tx, row: typeof invitations.$inferInsert): Promise<InvitationRow> {
  const [inserted] = await tx.insert(invitations).values(row).returning();
  if (!inserted) throw new Error('insert returned no invitation');
  return inserted;
}

/** Pending invitations of the practice, newest first, with the inviter's name when they still exist. */
export function listPendingInvitations(tx: Tx, practiceId: string, now: Date) {
  return tx
    .select({
      invitation: invitations,
      inviterFirstName: practitioners.firstName,
      inviterLastName: practitioners.lastName,
    })
    .from(invitations)
    .leftJoin(practitioners, eq(practitioners.id, invitations.invitedBy))
    .where(and(eq(invitations.practiceId, practiceId), pending(now)))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
}

/** Revokes the practice's pending invitations of one address; answers the ids revoked. */
export async function revokePendingInvitationsOf(
  tx: Tx,
  practiceId: string,
  email: string,
  now: Date,
): Promise<string[]> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.practiceId, practiceId), eq(invitations.email, email), pending(now)))
    .returning({ id: invitations.id });
  return rows.map((row) => row.id);
}

/** Revokes one pending invitation; answers false when it was not pending (accepted, revoked, expired). */
export async function revokeInvitation(tx: Tx, practiceId: string, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.practiceId, practiceId), eq(invitations.id, id), pending(now)))
    .returning({ id: invitations.id });
  return rows.length === 1;
}

/** System role: a pending invitation found by its token's hash, with its practice's name (before the practice is known). */
export async function findPendingInvitationByTokenHash(tx: Tx, tokenHash: string, now: Date) {
  const [row] = await tx
    .select({ invitation: invitations, practiceName: practices.name })
    .from(invitations)
    .innerJoin(practices, eq(practices.id, invitations.practiceId))
    .where(and(eq(invitations.tokenHash, tokenHash), pending(now)))
    .limit(1);
  return row;
}

/** Marks the invitation accepted; answers false when it stopped being pending meanwhile (single use). */
export async function consumeInvitation(tx: Tx, practiceId: string, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(eq(invitations.practiceId, practiceId), eq(invitations.id, id), pending(now)))
    .returning({ id: invitations.id });
  return rows.length === 1;
}
