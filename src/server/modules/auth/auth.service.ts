import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { hashSecret, randomToken } from '../../platform/crypto/secrets.js';
import { AppError, notFound, validationFailed } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { PracticesService } from '../practices/practices.service.js';
import { type AccountLinks, createAccountLinks } from './account-links.js';
import {
  DEFAULT_PREFERENCES,
  type PresentedPractitioner,
  presentPractitioner,
} from './accounts.presenter.js';
import {
  clearSignInLock,
  countPasskeysOf,
  findActivePractitionersByEmail,
  findPracticeOf,
  findPractitioner,
  insertAccountToken,
  insertPractitioner,
  type PractitionerRow,
  recordSuccessfulSignIn,
  retireAccountTokens,
  verifiedAccountExists,
} from './accounts.repo.js';
import { type MfaService, mfaRequiredError, type SecondFactorInput } from './mfa.service.js';
import { hashPassword, verifyPassword } from './password-hashing.js';
import { checkPassword, passwordMessages } from './password-rules.js';
import {
  hasSecondFactor,
  type NewSession,
  type SecondFactor,
  type SessionsService,
} from './sessions.service.js';
import { lockedError, recordFailure, refuseIfThrottled } from './throttle.js';

/** The terms of service a sign-up agrees to; bump when they change. */
export const TERMS_VERSION = '2026-11-01';

export type Origin = { ip?: string; userAgent?: string };

export interface SignUpInput {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  practiceName: string;
  country: string;
  address?: string | undefined;
  state?: string | undefined;
  mobile?: string | undefined;
  vatId?: string | undefined;
  affiliation?: string | undefined;
  language?: 'en' | 'de' | undefined;
  weightUnit?: 'kg' | 'lb' | undefined;
}

export interface SignInInput extends SecondFactorInput {
  email: string;
  password: string;
  /** A WebAuthn assertion, when the passkey is the second factor. */
  passkey?: unknown;
}

/** Passkeys as a second factor; provided by the passkeys part of this module. */
export interface PasskeySecondFactor {
  verifyForPractitioner(tx: Tx, practitioner: PractitionerRow, assertion: unknown): Promise<boolean>;
}

export interface SignedIn {
  practitioner: PresentedPractitioner;
  session: NewSession;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();
const mobileLocation = (id: string) => ({ table: 'practitioners', column: 'mobile', rowId: id });

export function createAuthService(deps: {
  transactor: Transactor;
  cipher: FieldCipher;
  audit: Audit;
  clock: Clock;
  mailer: Mailer;
  practices: PracticesService;
  sessions: SessionsService;
  mfa: MfaService;
  publicUrl: URL;
  passkeys?: PasskeySecondFactor;
}) {
  const { transactor, cipher, audit, clock, mailer, sessions } = deps;
  const links: AccountLinks = createAccountLinks(deps.publicUrl);
  // Unknown addresses are checked against this, so they cost the same time as known ones.
  const decoyHash = hashPassword(randomToken());
  const emailKey = (email: string) => cipher.blindIndex('sign-in-email', email);

  async function present(tx: Tx, row: PractitionerRow): Promise<PresentedPractitioner> {
    const practice = await findPracticeOf(tx, row.practiceId);
    const passkeys = await countPasskeysOf(tx, row.practiceId, row.id);
    const mobile = row.mobile
      ? await cipher.decrypt(tx, { practiceId: row.practiceId }, row.mobile, mobileLocation(row.id))
      : null;
    return presentPractitioner(row, {
      mobile,
      passkeys,
      practiceName: practice?.name ?? '',
      mfaSetupRequired: Boolean(practice?.mfaRequired) && !hasSecondFactor(row, passkeys > 0),
    });
  }

  function refusePassword(
    password: string,
    person: { email?: string; firstName?: string; lastName?: string },
    field = 'password',
  ) {
    const problem = checkPassword(password, person);
    if (problem) throw validationFailed([{ field, message: passwordMessages[problem] }]);
  }

  async function sendVerification(tx: Tx, row: PractitionerRow) {
    const token = randomToken();
    const now = clock.now();
    await retireAccountTokens(tx, row.id, 'verify_email', now);
    await insertAccountToken(tx, {
      id: randomUUID(),
      practiceId: row.practiceId,
      practitionerId: row.id,
      purpose: 'verify_email',
      tokenHash: hashSecret(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + 7 * 24 * 3600 * 1000),
    });
    await mailer.enqueue(tx, {
      practiceId: row.practiceId,
      to: row.email,
      template: 'verify_email',
      language: row.preferences.language,
      params: { link: links.verifyEmail(token) },
    });
  }

  /** Records a successful sign-in and starts its session (password, passkey or invitation). */
  async function completeSignIn(
    tx: Tx,
    practitioner: PractitionerRow,
    origin: Origin,
    factor: SecondFactor | null,
  ): Promise<SignedIn> {
    const now = clock.now();
    await recordSuccessfulSignIn(tx, practitioner, now, origin.ip ?? null);
    await audit.record(tx, {
      practiceId: practitioner.practiceId,
      actor: { type: 'practitioner', id: practitioner.id },
      action: 'auth.sign_in',
      subject: { type: 'practitioner', id: practitioner.id },
      outcome: 'success',
      ...origin,
    });
    const session = await sessions.start(tx, practitioner, origin, factor);
    const fresh = await findPractitioner(tx, practitioner.practiceId, practitioner.id);
    if (!fresh) throw notFound();
    return { practitioner: await present(tx, fresh), session };
  }

  return {
    /**
     * Creates a practice and its owner, signed in. An address that already has a verified account
     * gets the same answer (no enumeration) and a new, unverifiable account; its inbox is told instead.
     */
    async signUp(input: SignUpInput, origin: Origin): Promise<SignedIn> {
      const email = normaliseEmail(input.email);
      refusePassword(input.password, { email, firstName: input.firstName, lastName: input.lastName });
      const passwordHash = await hashPassword(input.password);
      const taken = await transactor.asSystem((tx) => verifiedAccountExists(tx, email));
      return deps.practices.createWith(
        {
          name: input.practiceName,
          country: input.country,
          address: input.address,
          state: input.state,
          vatId: input.vatId,
        },
        origin,
        async (tx, practice) => {
          const id = randomUUID();
          const now = clock.now();
          const row = await insertPractitioner(tx, {
            id,
            practiceId: practice.id,
            email,
            firstName: input.firstName,
            lastName: input.lastName,
            mobile: input.mobile
              ? await cipher.encrypt(tx, { practiceId: practice.id }, input.mobile, mobileLocation(id))
              : null,
            affiliation: input.affiliation ?? null,
            role: 'owner',
            passwordHash,
            termsVersion: TERMS_VERSION,
            termsAcceptedAt: now,
            preferences: {
              ...DEFAULT_PREFERENCES,
              language: input.language ?? DEFAULT_PREFERENCES.language,
              weightUnit: input.weightUnit ?? DEFAULT_PREFERENCES.weightUnit,
            },
            signInCount: 1,
            currentSignInAt: now,
            currentSignInIp: origin.ip ?? null,
            createdAt: now,
            updatedAt: now,
          });
          if (taken) {
            await mailer.enqueue(tx, {
              practiceId: practice.id,
              to: email,
              template: 'account_exists',
              language: row.preferences.language,
              params: { link: links.signIn() },
            });
          } else {
            await sendVerification(tx, row);
          }
          await audit.record(tx, {
            practiceId: practice.id,
            actor: { type: 'practitioner', id },
            action: 'auth.sign_up',
            subject: { type: 'practitioner', id },
            outcome: 'success',
            ...origin,
          });
          const session = await sessions.start(tx, row, origin, null);
          return { practitioner: await present(tx, row), session };
        },
      );
    },

    async signIn(input: SignInInput, origin: Origin): Promise<SignedIn> {
      const email = normaliseEmail(input.email);
      const key = emailKey(email);
      const now = clock.now();
      const candidates = await transactor.asSystem(async (tx) => {
        await refuseIfThrottled(tx, key, origin.ip, now);
        return findActivePractitionersByEmail(tx, email);
      });
      let matched: PractitionerRow | undefined;
      for (const candidate of candidates) {
        if (candidate.passwordHash && (await verifyPassword(candidate.passwordHash, input.password))) {
          matched = candidate;
          break;
        }
      }
      if (candidates.length === 0) await verifyPassword(await decoyHash, input.password);

      const fail = async (known: PractitionerRow | undefined, reason: 'password' | 'second_factor') => {
        const lockedUntil = await transactor.asSystem(async (tx) => {
          const until = await recordFailure(
            tx,
            {
              emailKey: key,
              ip: origin.ip,
              practiceId: known?.practiceId,
              practitionerId: known?.id,
              lastSuccessAt: known?.currentSignInAt,
            },
            now,
          );
          const entry = {
            practiceId: known?.practiceId ?? null,
            actor: known ? { type: 'practitioner' as const, id: known.id } : { type: 'anonymous' as const },
            subject: known ? { type: 'practitioner', id: known.id } : undefined,
            outcome: 'failure' as const,
            ...origin,
          };
          await audit.record(tx, {
            ...entry,
            action: reason === 'password' ? 'auth.sign_in' : 'auth.second_factor',
          });
          if (until) await audit.record(tx, { ...entry, action: 'auth.lockout', outcome: 'denied' });
          return until;
        });
        if (lockedUntil) throw lockedError(lockedUntil, now);
      };

      if (!matched) {
        await fail(candidates[0], 'password');
        throw new AppError('invalid_credentials', 401, 'The email or password is not right.');
      }
      const practitioner = matched;
      // A refused second factor is recorded after this transaction ends: the embedded engine has one
      // connection, so a second transaction inside this one would wait for it forever.
      const outcome = await transactor.inPractice(practitioner.practiceId, async (tx) => {
        const passkeyCount = await countPasskeysOf(tx, practitioner.practiceId, practitioner.id);
        let factor: SecondFactor | null = null;
        if (hasSecondFactor(practitioner, passkeyCount > 0)) {
          const offered = input.totpCode || input.recoveryCode || input.passkey !== undefined;
          if (input.passkey !== undefined && deps.passkeys) {
            factor = (await deps.passkeys.verifyForPractitioner(tx, practitioner, input.passkey))
              ? 'passkey'
              : null;
          } else {
            factor = (await deps.mfa.verifySignInFactor(tx, practitioner, input)) ?? null;
          }
          if (!factor && offered) return 'second_factor_refused' as const;
          if (!factor)
            throw mfaRequiredError({ totp: practitioner.totpSecret !== null, passkey: passkeyCount > 0 });
        }
        return completeSignIn(tx, practitioner, origin, factor);
      });
      if (outcome !== 'second_factor_refused') return outcome;
      await fail(practitioner, 'second_factor');
      throw new AppError('invalid_second_factor', 401, 'That code or passkey was not accepted. Try again.');
    },

    completeSignIn,
    present,
    csrfTokenFor: sessions.csrfTokenFor,
    sendVerification,
    emailKey,
    refusePassword,
    clearLock: (tx: Tx, email: string) => clearSignInLock(tx, emailKey(normaliseEmail(email))),
    mobileLocation,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
