import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { findPractitioner } from './accounts.repo.js';
import type { AuthService, Origin, PasskeySecondFactor, SignedIn } from './auth.service.js';
import {
  asSystemWithin,
  type ChallengePurpose,
  consumeChallenge,
  findPasskeyByCredentialOf,
  findPasskeyOf,
  findPasskeyOwnerByCredential,
  insertChallenge,
  type PasskeyRow,
  recordPasskeyUse,
} from './passkeys.repo.js';
import { authenticationResponse } from './passkeys.schema.js';
import { lockedError, recordFailure, refuseIfThrottled } from './throttle.js';

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;

export interface PasskeyDeps {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
  publicUrl: URL;
  /** Late-bound: the auth service is built with the passkeys as its second factor. */
  auth: () => Pick<AuthService, 'completeSignIn' | 'emailKey'>;
}

const invalidPasskey = () =>
  new AppError(
    'invalid_passkey',
    401,
    'This passkey was not accepted. Try again or sign in with your password.',
  );

/** The challenge a response signed, or undefined when its client data cannot be read. */
export function challengeOf(response: { response: { clientDataJSON: string } }): string | undefined {
  try {
    return decodeClientDataJSON(response.response.clientDataJSON).challenge;
  } catch {
    return undefined;
  }
}

/** The WebAuthn user handle of a practitioner: the 16 bytes of their id, so an assertion names them. */
export const userHandleOf = (practitionerId: string) =>
  Buffer.from(practitionerId.replaceAll('-', ''), 'hex');

/** Stores a challenge just handed out: usable once, for five minutes. */
export async function issueChallenge(
  deps: Pick<PasskeyDeps, 'transactor' | 'clock'>,
  challenge: string,
  purpose: ChallengePurpose,
  practitionerId: string | null,
) {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  await deps.transactor.asSystem((tx) =>
    insertChallenge(tx, { challenge, purpose, practitionerId, expiresAt }, now),
  );
}

/** Passwordless sign-in with a passkey, and a passkey as the second factor after the password. */
export function createPasskeySignIn(deps: PasskeyDeps) {
  const { transactor, audit, clock } = deps;
  const rpID = deps.publicUrl.hostname;

  /** Checks an assertion against the stored passkey and records the use; false when it does not hold. */
  async function verifyAssertion(
    tx: Tx,
    passkey: PasskeyRow,
    response: AuthenticationResponseJSON,
    challenge: string,
    requireUserVerification: boolean,
  ): Promise<boolean> {
    const handle = response.response.userHandle;
    if (handle && !Buffer.from(isoBase64URL.toBuffer(handle)).equals(userHandleOf(passkey.practitionerId))) {
      return false;
    }
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: deps.publicUrl.origin,
      expectedRPID: rpID,
      requireUserVerification,
      credential: {
        id: passkey.credentialId,
        publicKey: isoBase64URL.toBuffer(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports,
      },
    }).catch(() => undefined); // a bad signature, origin or RP, or a counter that did not go up (a clone)
    if (!verification?.verified) return false;
    return recordPasskeyUse(tx, passkey, {
      counter: verification.authenticationInfo.newCounter,
      backedUp: verification.authenticationInfo.credentialBackedUp,
      at: clock.now(),
    });
  }

  const secondFactor: PasskeySecondFactor = {
    async verifyForPractitioner(tx, practitioner, assertion) {
      const parsed = authenticationResponse.safeParse(assertion);
      const challenge = parsed.success ? challengeOf(parsed.data) : undefined;
      if (!parsed.success || !challenge) return false;
      const now = clock.now();
      const fresh = await asSystemWithin(tx, () =>
        consumeChallenge(tx, challenge, 'authenticate', null, now),
      );
      const owner = { practiceId: practitioner.practiceId, practitionerId: practitioner.id };
      const passkey = fresh ? await findPasskeyByCredentialOf(tx, owner, parsed.data.id) : undefined;
      // After the password, the passkey proves possession; user verification is welcome, not needed.
      return passkey !== undefined && verifyAssertion(tx, passkey, parsed.data, challenge, false);
    },
  };

  async function refuse(
    known: NonNullable<Awaited<ReturnType<typeof findPasskeyOwnerByCredential>>>,
    emailKey: string,
    origin: Origin,
    now: Date,
  ): Promise<never> {
    const lockedUntil = await transactor.asSystem(async (tx) => {
      const until = await recordFailure(
        tx,
        {
          emailKey,
          ip: origin.ip,
          practiceId: known.practiceId,
          practitionerId: known.practitionerId,
          lastSuccessAt: known.currentSignInAt,
        },
        now,
      );
      const entry = {
        practiceId: known.practiceId,
        actor: { type: 'practitioner' as const, id: known.practitionerId },
        subject: { type: 'passkey', id: known.passkeyId },
        ...origin,
      };
      await audit.record(tx, { ...entry, action: 'auth.sign_in', outcome: 'failure' });
      if (until) await audit.record(tx, { ...entry, action: 'auth.lockout', outcome: 'denied' });
      return until;
    });
    if (lockedUntil) throw lockedError(lockedUntil, now);
    throw invalidPasskey();
  }

  return {
    ...secondFactor,

    /** Options for navigator.credentials.get(): no allowCredentials, the authenticator offers its passkeys. */
    async signInOptions() {
      const options = await generateAuthenticationOptions({
        rpID,
        userVerification: 'preferred',
        timeout: CHALLENGE_TTL_MS,
      });
      await issueChallenge(deps, options.challenge, 'authenticate', null);
      return options;
    },

    /** Passwordless sign-in: the credential names the account; recorded and tracked like a password sign-in. */
    async signIn(response: AuthenticationResponseJSON, origin: Origin): Promise<SignedIn> {
      const auth = deps.auth();
      const now = clock.now();
      const challenge = challengeOf(response);
      // The challenge is used up whatever happens next.
      const { fresh, known } = await transactor.asSystem(async (tx) => ({
        fresh: challenge !== undefined && (await consumeChallenge(tx, challenge, 'authenticate', null, now)),
        known: await findPasskeyOwnerByCredential(tx, response.id),
      }));
      if (!known) {
        await transactor.asSystem((tx) =>
          audit.record(tx, {
            practiceId: null,
            actor: { type: 'anonymous' },
            action: 'auth.sign_in',
            outcome: 'failure',
            ...origin,
          }),
        );
        throw invalidPasskey();
      }
      const emailKey = auth.emailKey(known.email);
      await transactor.asSystem((tx) => refuseIfThrottled(tx, emailKey, origin.ip, now));

      const signedIn = await transactor.inPractice(known.practiceId, async (tx) => {
        const practitioner = await findPractitioner(tx, known.practiceId, known.practitionerId);
        const passkey = await findPasskeyOf(tx, known, known.passkeyId);
        if (!fresh || !challenge || practitioner?.status !== 'active' || !passkey) return undefined;
        // Without a password the passkey stands for both factors: the authenticator must verify the user.
        if (!(await verifyAssertion(tx, passkey, response, challenge, true))) return undefined;
        return auth.completeSignIn(tx, practitioner, origin, 'passkey');
      });
      return signedIn ?? refuse(known, emailKey, origin, now);
    },
  };
}
