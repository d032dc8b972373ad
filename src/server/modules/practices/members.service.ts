import type { Role } from '../../db/schema/index.js';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import { forbidden } from '../../platform/auth-context/auth-context.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, notFound } from '../../platform/errors.js';
import { endSessionsOf } from '../auth/accounts.repo.js';
import {
  countActiveOwners,
  findActiveMember,
  listMembers,
  type MemberRow,
  type MemberStatus,
  markMemberRemoved,
  setMemberRole,
} from './members.repo.js';
import { canManageMembers, canViewPractice } from './practices.policy.js';
import { lockPractice } from './practices.repo.js';
import type { MemberCaller } from './practices.service.js';

/** A member as the practice's member list shows them. */
export interface Member {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  status: MemberStatus;
  mfa: { totp: boolean; passkeys: number };
  lastSignInAt: string | null;
  createdAt: string;
  you: boolean;
}

export const presentMember = (row: MemberRow, callerId: string): Member => ({
  id: row.id,
  email: row.email,
  firstName: row.firstName,
  lastName: row.lastName,
  role: row.role,
  status: row.status,
  mfa: { totp: row.hasTotp, passkeys: row.passkeys },
  // current_sign_in_at is the latest sign-in; last_sign_in_at is the one before it (for "was it you?").
  lastSignInAt: row.currentSignInAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  you: row.id === callerId,
});

const lastOwner = () =>
  conflict(
    'last_owner',
    'A practice needs at least one owner. Make another member an owner first, then try again.',
  );

/** The practice's members: who they are, their roles, and leaving. */
export function createMembersService(deps: { transactor: Transactor; audit: Audit; clock: Clock }) {
  const { transactor, audit, clock } = deps;

  const record = (tx: Tx, caller: MemberCaller, action: string, memberId: string) =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: { type: 'practitioner', id: caller.practitionerId },
      action,
      subject: { type: 'practitioner', id: memberId },
      outcome: 'success',
      ip: caller.ip,
      userAgent: caller.userAgent,
    });

  /** Loads the member under the practice's lock; the owner role check comes first, so others learn nothing. */
  async function loadForChange(tx: Tx, caller: MemberCaller, memberId: string): Promise<MemberRow> {
    if (!canManageMembers(caller.role)) throw forbidden();
    await lockPractice(tx, caller.practiceId);
    const member = await findActiveMember(tx, caller.practiceId, memberId);
    if (!member) throw notFound();
    return member;
  }

  return {
    list: (caller: MemberCaller, status: MemberStatus | undefined) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        if (!canViewPractice(caller.role)) throw forbidden();
        const rows = await listMembers(tx, caller.practiceId, status);
        return rows.map((row) => presentMember(row, caller.practitionerId));
      }),

    /** Owner: gives a member another role; an owner may step down only while another owner remains. */
    changeRole: (caller: MemberCaller, memberId: string, role: Role) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const member = await loadForChange(tx, caller, memberId);
        if (member.role === role) return presentMember(member, caller.practitionerId);
        if (member.role === 'owner' && (await countActiveOwners(tx, caller.practiceId)) <= 1)
          throw lastOwner();
        await setMemberRole(tx, caller.practiceId, member.id, role);
        await record(tx, caller, 'practitioner.role_change', member.id);
        return presentMember({ ...member, role }, caller.practitionerId);
      }),

    /**
     * Owner: removes a member from the practice. Their sessions end in the same transaction, so
     * their next request is refused; the account stays (status removed) for the audit trail.
     */
    remove: (caller: MemberCaller, memberId: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const member = await loadForChange(tx, caller, memberId);
        if (member.role === 'owner' && (await countActiveOwners(tx, caller.practiceId)) <= 1)
          throw lastOwner();
        await markMemberRemoved(tx, caller.practiceId, member.id);
        await endSessionsOf(tx, caller.practiceId, member.id, clock.now());
        await record(tx, caller, 'practitioner.remove', member.id);
      }),
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
