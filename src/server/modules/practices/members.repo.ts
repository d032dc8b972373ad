import { and, asc, eq, sql } from 'drizzle-orm';
import { passkeys, practitioners } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type MemberStatus = 'active' | 'removed';

const memberColumns = {
  id: practitioners.id,
  practiceId: practitioners.practiceId,
  email: practitioners.email,
  firstName: practitioners.firstName,
  lastName: practitioners.lastName,
  role: practitioners.role,
  status: practitioners.status,
  hasTotp: sql<boolean>`${practitioners.totpSecret} is not null`,
  passkeys: sql<number>`(select count(*)::int from ${passkeys} where ${passkeys.practitionerId} = ${practitioners.id})`,
  currentSignInAt: practitioners.currentSignInAt,
  createdAt: practitioners.createdAt,
};

export type MemberRow = {
  id: string;
  practiceId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: 'owner' | 'practitioner' | 'front_desk';
  status: MemberStatus;
  hasTotp: boolean;
  passkeys: number;
  currentSignInAt: Date | null;
  createdAt: Date;
};

/** The practice's members with the status asked for (undefined: all), oldest first. */
export function listMembers(
  tx: Tx,
  practiceId: string,
  status: MemberStatus | undefined,
): Promise<MemberRow[]> {
  return tx
    .select(memberColumns)
    .from(practitioners)
    .where(
      and(eq(practitioners.practiceId, practiceId), status ? eq(practitioners.status, status) : undefined),
    )
    .orderBy(asc(practitioners.createdAt), asc(practitioners.id));
}

/** An active member of the practice, or undefined (unknown, removed or of another practice). */
export async function findActiveMember(
  tx: Tx,
  practiceId: string,
  id: string,
): Promise<MemberRow | undefined> {
  const [row] = await tx
    .select(memberColumns)
    .from(practitioners)
    .where(
      and(
        eq(practitioners.practiceId, practiceId),
        eq(practitioners.id, id),
        eq(practitioners.status, 'active'),
      ),
    )
    .limit(1);
  return row;
}

export async function activeMemberWithEmailExists(tx: Tx, practiceId: string, email: string) {
  const [row] = await tx
    .select({ id: practitioners.id })
    .from(practitioners)
    .where(
      and(
        eq(practitioners.practiceId, practiceId),
        eq(practitioners.email, email),
        eq(practitioners.status, 'active'),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function countActiveOwners(tx: Tx, practiceId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(practitioners)
    .where(
      and(
        eq(practitioners.practiceId, practiceId),
        eq(practitioners.role, 'owner'),
        eq(practitioners.status, 'active'),
      ),
    );
  return row?.count ?? 0;
}

export async function setMemberRole(
  tx: Tx,
  practiceId: string,
  id: string,
  role: MemberRow['role'],
): Promise<void> {
  await tx
    .update(practitioners)
    .set({ role, updatedAt: sql`now()` })
    .where(and(eq(practitioners.practiceId, practiceId), eq(practitioners.id, id)));
}

export async function markMemberRemoved(tx: Tx, practiceId: string, id: string): Promise<void> {
  await tx
    .update(practitioners)
    .set({ status: 'removed', updatedAt: sql`now()` })
    .where(and(eq(practitioners.practiceId, practiceId), eq(practitioners.id, id)));
}

/** Whether the member has a confirmed authenticator app or a passkey. */
export async function memberHasSecondFactor(tx: Tx, practiceId: string, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ has: sql<boolean>`${practitioners.totpSecret} is not null or ${memberColumns.passkeys} > 0` })
    .from(practitioners)
    .where(and(eq(practitioners.practiceId, practiceId), eq(practitioners.id, id)))
    .limit(1);
  return row?.has === true;
}
