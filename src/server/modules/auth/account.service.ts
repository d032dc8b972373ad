import { randomUUID } from 'node:crypto';
import type { PractitionerPreferences } from '../../db/schema/index.js';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { hashSecret, randomToken } from '../../platform/crypto/secrets.js';
import { AppError, conflict, notFound, validationFailed } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { createAccountLinks } from './account-links.js';
import {
  consumeAccountToken,
  endSessionById,
  endSessionsOf,
  findActivePractitionersByEmail,
  findPractitioner,
  findUsableAccountToken,
  insertAccountToken,
  listFailuresOfPractitioner,
  listLiveSessions,
  type PractitionerRow,
  retireAccountTokens,
  updatePractitioner,
} from './accounts.repo.js';
import type { AuthService, Origin } from './auth.service.js';
import { hashPassword, verifyPassword } from './password-hashing.js';

export const RESET_LINK_MS = 30 * 60 * 1000;
// Longer than the work for a known address takes, so unknown ones cannot be told apart by time.
const RESET_ANSWER_FLOOR_MS = 250;
const SIGN_IN_HISTORY_LIMIT = 100;

export interface Caller extends Origin {
  practiceId: string;
  practitionerId: string;
  sessionId?: string;
}

export interface ProfileChanges {
  firstName?: string | undefined;
  lastName?: string | undefined;
  mobile?: string | null | undefined;
  affiliation?: string | null | undefined;
  preferences?:
    | {
        language?: PractitionerPreferences['language'] | undefined;
        weightUnit?: PractitionerPreferences['weightUnit'] | undefined;
        notifications?: Partial<PractitionerPreferences['notifications']> | undefined;
      }
    | undefined;
}

const isUniqueViolation = (error: unknown) =>
  (error as { cause?: { code?: string } })?.cause?.code === '23505' ||
  (error as { code?: string })?.code === '23505';

const invalidLink = () =>
  new AppError('invalid_token', 400, 'This link has expired or was already used. Please ask for a new one.');

/** The signed-in practitioner's own account: profile, password, sessions, history; and emailed links. */
export function createAccountService(deps: {
  transactor: Transactor;
  cipher: FieldCipher;
  audit: Audit;
  clock: Clock;
  mailer: Mailer;
  auth: AuthService;
  publicUrl: URL;
}) {
  const { transactor, cipher, audit, clock, auth } = deps;
  const links = createAccountLinks(deps.publicUrl);

  const record = (tx: Tx, caller: Caller, action: string, outcome: 'success' | 'failure' = 'success') =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: { type: 'practitioner', id: caller.practitionerId },
      action,
      subject: { type: 'practitioner', id: caller.practitionerId },
      outcome,
      ip: caller.ip,
      userAgent: caller.userAgent,
    });

  async function load(tx: Tx, caller: Caller): Promise<PractitionerRow> {
    const row = await findPractitioner(tx, caller.practiceId, caller.practitionerId);
    if (!row) throw notFound();
    return row;
  }

  async function queueReset(email: string, origin: Origin) {
    const token = randomToken();
    const now = clock.now();
    const [account] = await transactor.asSystem((tx) =>
      findActivePractitionersByEmail(tx, email.trim().toLowerCase()),
    );
    if (!account) return;
    await transactor.inPractice(account.practiceId, async (tx) => {
      await retireAccountTokens(tx, account.id, 'reset_password', now);
      await insertAccountToken(tx, {
        id: randomUUID(),
        practiceId: account.practiceId,
        practitionerId: account.id,
        purpose: 'reset_password',
        tokenHash: hashSecret(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + RESET_LINK_MS),
      });
      await deps.mailer.enqueue(tx, {
        practiceId: account.practiceId,
        to: account.email,
        template: 'password_reset',
        language: account.preferences.language,
        params: { link: links.resetPassword(token) },
      });
      await audit.record(tx, {
        practiceId: account.practiceId,
        actor: { type: 'anonymous' },
        action: 'auth.password_reset_request',
        subject: { type: 'practitioner', id: account.id },
        outcome: 'success',
        ...origin,
      });
    });
  }

  return {
    me: (caller: Caller) =>
      transactor.inPractice(caller.practiceId, async (tx) => auth.present(tx, await load(tx, caller))),

    updateProfile: (caller: Caller, changes: ProfileChanges) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await load(tx, caller);
        const owner = { practiceId: caller.practiceId };
        const mobile =
          changes.mobile === undefined
            ? undefined
            : changes.mobile === null
              ? null
              : await cipher.encrypt(tx, owner, changes.mobile, auth.mobileLocation(row.id));
        const preferences = changes.preferences
          ? {
              ...row.preferences,
              ...(changes.preferences.language ? { language: changes.preferences.language } : {}),
              ...(changes.preferences.weightUnit ? { weightUnit: changes.preferences.weightUnit } : {}),
              notifications: { ...row.preferences.notifications, ...changes.preferences.notifications },
            }
          : undefined;
        const updated = await updatePractitioner(tx, caller.practiceId, row.id, {
          ...(changes.firstName !== undefined ? { firstName: changes.firstName } : {}),
          ...(changes.lastName !== undefined ? { lastName: changes.lastName } : {}),
          ...(changes.affiliation !== undefined ? { affiliation: changes.affiliation } : {}),
          ...(mobile !== undefined ? { mobile } : {}),
          ...(preferences ? { preferences } : {}),
        });
        if (!updated) throw notFound();
        await record(tx, caller, 'practitioner.update');
        return auth.present(tx, updated);
      }),

    /** Asks for the current password; ends every other session of the account. */
    changePassword: (caller: Caller, currentPassword: string, newPassword: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await load(tx, caller);
        if (!row.passwordHash || !(await verifyPassword(row.passwordHash, currentPassword))) {
          await record(tx, caller, 'auth.password_change', 'failure');
          throw validationFailed([
            { field: 'currentPassword', message: 'This is not your current password.' },
          ]);
        }
        auth.refusePassword(newPassword, row, 'newPassword');
        await updatePractitioner(tx, caller.practiceId, row.id, {
          passwordHash: await hashPassword(newPassword),
        });
        await endSessionsOf(tx, caller.practiceId, row.id, clock.now(), caller.sessionId);
        await record(tx, caller, 'auth.password_change');
      }),

    /** Checks the password of the signed-in practitioner (before turning off a second factor, say). */
    confirmPassword: (caller: Caller, password: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await load(tx, caller);
        if (!row.passwordHash || !(await verifyPassword(row.passwordHash, password))) {
          throw validationFailed([{ field: 'password', message: 'This is not your current password.' }]);
        }
      }),

    resendVerification: (caller: Caller) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await load(tx, caller);
        if (row.emailVerifiedAt)
          throw conflict('already_verified', 'Your email address is already confirmed.');
        await auth.sendVerification(tx, row);
      }),

    signInAttempts: (caller: Caller) =>
      transactor.inPractice(caller.practiceId, (tx) =>
        listFailuresOfPractitioner(tx, caller.practiceId, caller.practitionerId, SIGN_IN_HISTORY_LIMIT),
      ),

    sessions: (caller: Caller) =>
      transactor.inPractice(caller.practiceId, (tx) =>
        listLiveSessions(tx, caller.practiceId, caller.practitionerId, clock.now()),
      ),

    endSession: (caller: Caller, sessionId: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const live = await listLiveSessions(tx, caller.practiceId, caller.practitionerId, clock.now());
        if (!live.some((session) => session.id === sessionId)) throw notFound();
        await endSessionById(tx, sessionId, clock.now());
        await record(tx, caller, 'auth.sign_out');
      }),

    endAllSessions: (caller: Caller) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        await endSessionsOf(tx, caller.practiceId, caller.practitionerId, clock.now());
        await record(tx, caller, 'auth.sign_out_everywhere');
      }),

    /**
     * Sends a reset link to the address if it has an account. Answers the same either way and never
     * sooner than a fixed time, so neither the answer nor its timing tells whether the account exists.
     */
    requestPasswordReset: async (email: string, origin: Origin) => {
      const answerAt = performance.now() + RESET_ANSWER_FLOOR_MS;
      try {
        await queueReset(email, origin);
      } finally {
        const wait = answerAt - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },

    /** Sets a new password from a reset link; every session of the account ends, and a lockout lifts. */
    resetPassword: async (token: string, password: string, origin: Origin) => {
      const now = clock.now();
      const found = await transactor.asSystem((tx) =>
        findUsableAccountToken(tx, hashSecret(token), 'reset_password', now),
      );
      if (!found) throw invalidLink();
      await transactor.inPractice(found.practiceId, async (tx) => {
        const row = await findPractitioner(tx, found.practiceId, found.practitionerId);
        if (row?.status !== 'active') throw invalidLink();
        auth.refusePassword(password, row);
        if (!(await consumeAccountToken(tx, found.id, now))) throw invalidLink();
        await updatePractitioner(tx, row.practiceId, row.id, { passwordHash: await hashPassword(password) });
        await endSessionsOf(tx, row.practiceId, row.id, now);
        await audit.record(tx, {
          practiceId: row.practiceId,
          actor: { type: 'practitioner', id: row.id },
          action: 'auth.password_reset',
          subject: { type: 'practitioner', id: row.id },
          outcome: 'success',
          ...origin,
        });
      });
      await transactor.asSystem(async (tx) => {
        const row = await findPractitioner(tx, found.practiceId, found.practitionerId);
        if (row) await auth.clearLock(tx, row.email);
      });
    },

    verifyEmail: async (token: string, origin: Origin) => {
      const now = clock.now();
      const found = await transactor.asSystem((tx) =>
        findUsableAccountToken(tx, hashSecret(token), 'verify_email', now),
      );
      if (!found) throw invalidLink();
      const verify = transactor.inPractice(found.practiceId, async (tx) => {
        if (!(await consumeAccountToken(tx, found.id, now))) throw invalidLink();
        await updatePractitioner(tx, found.practiceId, found.practitionerId, { emailVerifiedAt: now });
        await audit.record(tx, {
          practiceId: found.practiceId,
          actor: { type: 'practitioner', id: found.practitionerId },
          action: 'auth.email_verify',
          subject: { type: 'practitioner', id: found.practitionerId },
          outcome: 'success',
          ...origin,
        });
      });
      // Two sign-ups with one address: whichever confirms first keeps it.
      await verify.catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          throw conflict(
            'email_taken',
            'Another account already uses this email address. Sign in to it or reset its password.',
          );
        }
        throw error;
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
