import { randomUUID } from 'node:crypto';
import {
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Tx } from '../../db/transactions.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { Caller } from './account.service.js';
import { findPracticeOf, findPractitioner } from './accounts.repo.js';
import {
  CHALLENGE_TTL_MS,
  challengeOf,
  createPasskeySignIn,
  issueChallenge,
  type PasskeyDeps,
  userHandleOf,
} from './passkey-sign-in.js';
import {
  consumeChallenge,
  deletePasskey,
  findPasskeyOf,
  insertPasskey,
  listPasskeysOf,
  type PasskeyRow,
  renamePasskey,
} from './passkeys.repo.js';

// Enough for every device a person owns; keeps excludeCredentials short.
export const PASSKEY_LIMIT = 20;

const unverified = () =>
  new AppError('invalid_passkey', 400, 'This passkey could not be verified. Please try again.');

const isUniqueViolation = (error: unknown) =>
  (error as { cause?: { code?: string } })?.cause?.code === '23505' ||
  (error as { code?: string })?.code === '23505';

const ownerOf = (caller: Caller) => ({
  practiceId: caller.practiceId,
  practitionerId: caller.practitionerId,
});

/** Passkeys: registration and management by the signed-in practitioner, passwordless sign-in, second factor. */
export function createPasskeysService(deps: PasskeyDeps) {
  const { transactor, audit, clock } = deps;
  const rpID = deps.publicUrl.hostname;

  const record = (
    tx: Tx,
    caller: Caller,
    action: string,
    subject: { type: string; id: string },
    outcome: 'success' | 'failure' = 'success',
  ) =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: { type: 'practitioner', id: caller.practitionerId },
      action,
      subject,
      outcome,
      ip: caller.ip,
      userAgent: caller.userAgent,
    });

  return {
    ...createPasskeySignIn(deps),

    /** Options for navigator.credentials.create(); the challenge is bound to the caller. */
    async registrationOptions(caller: Caller) {
      const { practitioner, existing } = await transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await findPractitioner(tx, caller.practiceId, caller.practitionerId);
        if (!row) throw notFound();
        return { practitioner: row, existing: await listPasskeysOf(tx, ownerOf(caller)) };
      });
      if (existing.length >= PASSKEY_LIMIT) {
        throw conflict(
          'too_many_passkeys',
          `You can keep up to ${PASSKEY_LIMIT} passkeys. Remove one first.`,
        );
      }
      const options = await generateRegistrationOptions({
        rpName: 'Rehabit',
        rpID,
        userName: practitioner.email,
        userID: new Uint8Array(userHandleOf(practitioner.id)),
        userDisplayName: `${practitioner.firstName} ${practitioner.lastName}`,
        timeout: CHALLENGE_TTL_MS,
        attestationType: 'none',
        excludeCredentials: existing.map((passkey) => ({
          id: passkey.credentialId,
          transports: passkey.transports,
        })),
        // Discoverable, so the same passkey also signs in without a password.
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      });
      await issueChallenge(deps, options.challenge, 'register', caller.practitionerId);
      return options;
    },

    /** Verifies the new credential against the caller's own challenge (used up either way) and keeps it. */
    async register(caller: Caller, name: string, response: RegistrationResponseJSON): Promise<PasskeyRow> {
      const now = clock.now();
      const challenge = challengeOf(response);
      const fresh =
        challenge !== undefined &&
        (await transactor.asSystem((tx) =>
          consumeChallenge(tx, challenge, 'register', caller.practitionerId, now),
        ));
      const verification =
        fresh && challenge
          ? await verifyRegistrationResponse({
              response,
              expectedChallenge: challenge,
              expectedOrigin: deps.publicUrl.origin,
              expectedRPID: rpID,
              requireUserVerification: false,
            }).catch(() => undefined)
          : undefined;
      if (!verification?.verified) {
        const subject = { type: 'practitioner', id: caller.practitionerId };
        await transactor.inPractice(caller.practiceId, (tx) =>
          record(tx, caller, 'mfa.passkey_add', subject, 'failure'),
        );
        throw unverified();
      }
      const { credential, credentialBackedUp } = verification.registrationInfo;
      const id = randomUUID();
      return transactor
        .inPractice(caller.practiceId, async (tx) => {
          const row = await insertPasskey(tx, {
            id,
            ...ownerOf(caller),
            credentialId: credential.id,
            publicKey: isoBase64URL.fromBuffer(credential.publicKey),
            counter: credential.counter,
            transports: credential.transports ?? [],
            name,
            backedUp: credentialBackedUp,
            createdAt: now,
          });
          await record(tx, caller, 'mfa.passkey_add', { type: 'passkey', id });
          return row;
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error))
            throw conflict('passkey_exists', 'This passkey is already registered.');
          throw error;
        });
    },

    list: (caller: Caller) =>
      transactor.inPractice(caller.practiceId, (tx) => listPasskeysOf(tx, ownerOf(caller))),

    rename: (caller: Caller, id: string, name: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await renamePasskey(tx, ownerOf(caller), id, name);
        if (!row) throw notFound();
        await record(tx, caller, 'mfa.passkey_rename', { type: 'passkey', id });
        return row;
      }),

    /** Removes a passkey (the route asks the password first); never the last factor a practice requires. */
    remove: (caller: Caller, id: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        if (!(await findPasskeyOf(tx, ownerOf(caller), id))) throw notFound();
        const practice = await findPracticeOf(tx, caller.practiceId);
        const practitioner = await findPractitioner(tx, caller.practiceId, caller.practitionerId);
        const remaining = (await listPasskeysOf(tx, ownerOf(caller))).length - 1;
        if (practice?.mfaRequired && !practitioner?.totpSecret && remaining === 0) {
          throw conflict(
            'last_factor',
            'Your practice requires two-step sign-in. Add another passkey or an authenticator app before removing this one.',
          );
        }
        await deletePasskey(tx, ownerOf(caller), id);
        await record(tx, caller, 'mfa.passkey_remove', { type: 'passkey', id });
      }),
  };
}

export type PasskeysService = ReturnType<typeof createPasskeysService>;
