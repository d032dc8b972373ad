import { randomUUID } from 'node:crypto';
import type { Role } from '../../db/schema/index.js';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import { forbidden } from '../../platform/auth-context/auth-context.js';
import type { Clock } from '../../platform/clock.js';
import { hashSecret, randomToken } from '../../platform/crypto/secrets.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { createAccountLinks } from '../auth/account-links.js';
import { DEFAULT_PREFERENCES } from '../auth/accounts.presenter.js';
import { findPractitioner, insertPractitioner, verifiedAccountExists } from '../auth/accounts.repo.js';
import {
  type AuthService,
  normaliseEmail,
  type Origin,
  type SignedIn,
  TERMS_VERSION,
} from '../auth/auth.service.js';
import { hashPassword } from '../auth/password-hashing.js';
import {
  consumeInvitation,
  findPendingInvitationByTokenHash,
  type InvitationRow,
  insertInvitation,
  listPendingInvitations,
  revokeInvitation,
  revokePendingInvitationsOf,
} from './invitations.repo.js';
import { activeMemberWithEmailExists } from './members.repo.js';
import { canManageMembers } from './practices.policy.js';
import { findPracticeById } from './practices.repo.js';
import type { MemberCaller } from './practices.service.js';

export const INVITATION_VALID_MS = 7 * 24 * 3600 * 1000;

/** A pending invitation as the owner sees it; never its token. */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  invitedBy: { id: string; name: string } | null;
}

export interface AcceptInvitationInput {
  token: string;
  firstName: string;
  lastName: string;
  password: string;
  language?: 'en' | 'de' | undefined;
}

const present = (
  row: InvitationRow,
  inviter: { firstName: string; lastName: string } | null,
): Invitation => ({
  id: row.id,
  email: row.email,
  role: row.role,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt.toISOString(),
  invitedBy:
    row.invitedBy && inviter ? { id: row.invitedBy, name: `${inviter.firstName} ${inviter.lastName}` } : null,
});

const invalidInvitation = () =>
  new AppError(
    'invitation_invalid',
    404,
    'This invitation link is not valid: it may have expired, been used or been withdrawn. Ask the practice for a new one.',
  );

const emailTaken = () =>
  conflict(
    'email_taken',
    'This email address already has a Rehabit account, and an address can belong to one account only. Sign in to that account, or ask the practice to invite another address.',
  );

const isUniqueViolation = (error: unknown) =>
  (error as { cause?: { code?: string } })?.cause?.code === '23505' ||
  (error as { code?: string })?.code === '23505';

/** Owners invite colleagues by mail; the link makes the invited address a verified member, signed in. */
export function createInvitationsService(deps: {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
  mailer: Mailer;
  auth: AuthService;
  publicUrl: URL;
}) {
  const { transactor, audit, clock, auth } = deps;
  const links = createAccountLinks(deps.publicUrl);

  const record = (tx: Tx, caller: MemberCaller, action: string, invitationId: string) =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: { type: 'practitioner', id: caller.practitionerId },
      action,
      subject: { type: 'invitation', id: invitationId },
      outcome: 'success',
      ip: caller.ip,
      userAgent: caller.userAgent,
    });

  const requireOwner = (caller: MemberCaller) => {
    if (!canManageMembers(caller.role)) throw forbidden();
  };

  return {
    /** Owner: invites an address with a role; an older pending invitation of that address is withdrawn. */
    invite: (caller: MemberCaller, input: { email: string; role: Role }) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        requireOwner(caller);
        const email = normaliseEmail(input.email);
        if (await activeMemberWithEmailExists(tx, caller.practiceId, email)) {
          throw conflict(
            'already_member',
            'Someone with this email address is already a member of your practice.',
          );
        }
        const now = clock.now();
        for (const id of await revokePendingInvitationsOf(tx, caller.practiceId, email, now)) {
          await record(tx, caller, 'invitation.revoke', id);
        }
        const inviter = await findPractitioner(tx, caller.practiceId, caller.practitionerId);
        const practice = await findPracticeById(tx, caller.practiceId);
        if (!inviter || !practice) throw notFound();
        const token = randomToken();
        const row = await insertInvitation(tx, {
          id: randomUUID(),
          practiceId: caller.practiceId,
          email,
          role: input.role,
          tokenHash: hashSecret(token),
          invitedBy: caller.practitionerId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + INVITATION_VALID_MS),
        });
        await deps.mailer.enqueue(tx, {
          practiceId: caller.practiceId,
          to: email,
          template: 'invitation',
          language: inviter.preferences.language,
          params: { practiceName: practice.name, link: links.acceptInvitation(token) },
        });
        await record(tx, caller, 'invitation.send', row.id);
        return present(row, inviter);
      }),

    /** Owner: the practice's pending invitations, newest first. */
    list: (caller: MemberCaller) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        requireOwner(caller);
        const rows = await listPendingInvitations(tx, caller.practiceId, clock.now());
        return rows.map(({ invitation, inviterFirstName, inviterLastName }) =>
          present(
            invitation,
            inviterFirstName !== null && inviterLastName !== null
              ? { firstName: inviterFirstName, lastName: inviterLastName }
              : null,
          ),
        );
      }),

    /** Owner: withdraws a pending invitation; its link stops working at once. */
    revoke: (caller: MemberCaller, invitationId: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        requireOwner(caller);
        if (!(await revokeInvitation(tx, caller.practiceId, invitationId, clock.now()))) throw notFound();
        await record(tx, caller, 'invitation.revoke', invitationId);
      }),

    /** Anyone with the link: what it invites to, so the page can say so before asking for a password. */
    async lookup(token: string) {
      const found = await transactor.asSystem((tx) =>
        findPendingInvitationByTokenHash(tx, hashSecret(token), clock.now()),
      );
      if (!found) throw invalidInvitation();
      return { practiceName: found.practiceName, email: found.invitation.email, role: found.invitation.role };
    },

    /**
     * Anyone with the link: creates the invited member, verified (the link proved the inbox), and signs
     * them in exactly as a sign-in would. An address with a verified account elsewhere is refused.
     */
    async accept(input: AcceptInvitationInput, origin: Origin): Promise<SignedIn> {
      const found = await transactor.asSystem((tx) =>
        findPendingInvitationByTokenHash(tx, hashSecret(input.token), clock.now()),
      );
      if (!found) throw invalidInvitation();
      const { invitation } = found;
      auth.refusePassword(input.password, {
        email: invitation.email,
        firstName: input.firstName,
        lastName: input.lastName,
      });
      const passwordHash = await hashPassword(input.password);
      if (await transactor.asSystem((tx) => verifiedAccountExists(tx, invitation.email))) throw emailTaken();
      const signIn = transactor.inPractice(invitation.practiceId, async (tx) => {
        const now = clock.now();
        if (!(await consumeInvitation(tx, invitation.practiceId, invitation.id, now))) {
          throw invalidInvitation();
        }
        const practitioner = await insertPractitioner(tx, {
          id: randomUUID(),
          practiceId: invitation.practiceId,
          email: invitation.email,
          emailVerifiedAt: now,
          firstName: input.firstName,
          lastName: input.lastName,
          role: invitation.role,
          passwordHash,
          termsVersion: TERMS_VERSION,
          termsAcceptedAt: now,
          preferences: { ...DEFAULT_PREFERENCES, language: input.language ?? DEFAULT_PREFERENCES.language },
          createdAt: now,
          updatedAt: now,
        });
        await audit.record(tx, {
          practiceId: invitation.practiceId,
          actor: { type: 'practitioner', id: practitioner.id },
          action: 'invitation.accept',
          subject: { type: 'invitation', id: invitation.id },
          outcome: 'success',
          ...origin,
        });
        return auth.completeSignIn(tx, practitioner, origin, null);
      });
      // Another account may have confirmed the address since the check above; the unique index decides.
      return signIn.catch((error: unknown) => {
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;
