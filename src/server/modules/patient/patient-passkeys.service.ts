import { randomUUID } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { CHALLENGE_TTL_MS, challengeOf, issueChallenge } from '../auth/passkey-sign-in.js';
import { consumeChallenge } from '../auth/passkeys.repo.js';
import { findClientGreeting } from './patient-access.repo.js';
import type { PatientAccessService, PatientOrigin, PatientPrincipal } from './patient-access.service.js';
import {
  findCurrentCodeIndex,
  findLivePasskey,
  insertPatientPasskey,
  listClientPasskeys,
  recordPatientPasskeyUse,
} from './patient-passkeys.repo.js';

// A few phones and tablets per client; keeps excludeCredentials short.
const PASSKEY_LIMIT = 10;
const userHandleOf = (clientId: string) => new Uint8Array(Buffer.from(clientId.replaceAll('-', ''), 'hex'));
const notAccepted = () =>
  new AppError(
    'invalid_passkey',
    401,
    'This passkey was not accepted. It may have been removed by your practice; sign in with your access code.',
  );

/** Passkeys on the client's devices: added after a code sign-in, then enough to open the app alone. */
export function createPatientPasskeysService(deps: {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
  publicUrl: URL;
  access: PatientAccessService;
}) {
  const { transactor, audit, clock, access } = deps;
  const rpID = deps.publicUrl.hostname;
  const expectedOrigin = deps.publicUrl.origin;

  return {
    async registrationOptions(patient: PatientPrincipal) {
      const { practiceId, clientId } = patient;
      const { client, existing } = await transactor.inPractice(practiceId, async (tx) => ({
        client: await findClientGreeting(tx, practiceId, clientId),
        existing: await listClientPasskeys(tx, practiceId, clientId),
      }));
      if (!client) throw notFound();
      if (existing.length >= PASSKEY_LIMIT)
        throw conflict(
          'too_many_passkeys',
          `Up to ${PASSKEY_LIMIT} devices can have a passkey. Ask your practice to remove some.`,
        );
      const options = await generateRegistrationOptions({
        rpName: 'Rehabit',
        rpID,
        // Shown only in the device's own passkey list.
        userName: `${client.firstName} · Rehabit`,
        userID: userHandleOf(clientId),
        timeout: CHALLENGE_TTL_MS,
        attestationType: 'none',
        excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      });
      await issueChallenge({ transactor, clock }, options.challenge, 'patient_register', clientId);
      return options;
    },

    async register(patient: PatientPrincipal, response: RegistrationResponseJSON, origin: PatientOrigin) {
      const { practiceId, clientId } = patient;
      const now = clock.now();
      const challenge = challengeOf(response);
      const fresh =
        challenge !== undefined &&
        (await transactor.asSystem((tx) =>
          consumeChallenge(tx, challenge, 'patient_register', clientId, now),
        ));
      const verification =
        fresh && challenge
          ? await verifyRegistrationResponse({
              response,
              expectedChallenge: challenge,
              expectedOrigin,
              expectedRPID: rpID,
              requireUserVerification: false,
            }).catch(() => undefined)
          : undefined;
      if (!verification?.verified)
        throw new AppError('invalid_passkey', 400, 'This passkey could not be verified. Please try again.');
      const { credential } = verification.registrationInfo;
      const id = randomUUID();
      return transactor.inPractice(practiceId, async (tx) => {
        const codeIndex = await findCurrentCodeIndex(tx, practiceId, clientId);
        if (!codeIndex) throw notFound();
        if (
          (await listClientPasskeys(tx, practiceId, clientId)).some((p) => p.credentialId === credential.id)
        )
          throw conflict('passkey_exists', 'This device already has a passkey.');
        await insertPatientPasskey(tx, {
          id,
          practiceId,
          clientId,
          credentialId: credential.id,
          publicKey: isoBase64URL.fromBuffer(credential.publicKey),
          counter: credential.counter,
          transports: credential.transports ?? [],
          accessCodeIndex: codeIndex,
          userAgent: origin.userAgent?.slice(0, 512) ?? null,
          createdAt: now,
        });
        await audit.record(tx, {
          practiceId,
          actor: { type: 'client', id: clientId },
          action: 'patient.passkey_add',
          subject: { type: 'patient_passkey', id },
          outcome: 'success',
          ...origin,
        });
        return { id, createdAt: now };
      });
    },

    /** Options for a sign-in with any of the device's passkeys (discoverable: no code is asked). */
    async authenticationOptions(origin: PatientOrigin) {
      await access.refuseIfIpThrottled(origin, clock.now());
      const options = await generateAuthenticationOptions({
        rpID,
        userVerification: 'preferred',
        timeout: CHALLENGE_TTL_MS,
      });
      await issueChallenge({ transactor, clock }, options.challenge, 'patient_authenticate', null);
      return options;
    },

    async signIn(response: AuthenticationResponseJSON, origin: PatientOrigin) {
      const now = clock.now();
      await access.refuseIfIpThrottled(origin, now);
      const challenge = challengeOf(response);
      const found = await transactor.asSystem(async (tx) => {
        const fresh =
          challenge !== undefined &&
          (await consumeChallenge(tx, challenge, 'patient_authenticate', null, now));
        return fresh ? findLivePasskey(tx, response.id) : undefined;
      });
      const handle = response.response.userHandle;
      const handleMatches =
        found &&
        (!handle ||
          Buffer.from(isoBase64URL.toBuffer(handle)).equals(
            Buffer.from(userHandleOf(found.passkey.clientId)),
          ));
      const verification =
        found && handleMatches && challenge
          ? await verifyAuthenticationResponse({
              response,
              expectedChallenge: challenge,
              expectedOrigin,
              expectedRPID: rpID,
              requireUserVerification: false,
              credential: {
                id: found.passkey.credentialId,
                publicKey: isoBase64URL.toBuffer(found.passkey.publicKey),
                counter: found.passkey.counter,
              },
            }).catch(() => undefined)
          : undefined;
      if (!found || !verification?.verified) {
        await access.recordAnonymousFailure(origin);
        throw notAccepted();
      }
      const { passkey } = found;
      await transactor.inPractice(passkey.practiceId, (tx) =>
        recordPatientPasskeyUse(tx, passkey.id, verification.authenticationInfo.newCounter, now),
      );
      const session = await access.openSession(
        passkey.practiceId,
        passkey.clientId,
        passkey.accessCodeIndex,
        origin,
      );
      return { ...session, client: { firstName: found.firstName } };
    },
  };
}

export type PatientPasskeysService = ReturnType<typeof createPatientPasskeysService>;
