import { randomUUID } from 'node:crypto';
import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import { hashSecret, randomToken } from '../../platform/crypto/secrets.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import { ACCESS_CODE_INDEX, normaliseAccessCode } from '../programs/access-codes.js';
import {
  clientExists,
  clientYearOfBirthFailuresSince,
  countUnknownCodeFailuresSince,
  deleteClientPasskeys,
  endClientSessions,
  endPatientSession,
  findClientByCodeIndex,
  findClientGreeting,
  findLivePatientSession,
  holdsPatientSpecificData,
  insertFailure,
  insertPatientSession,
  liveClientSessions,
  touchPatientSession,
  yearOfBirthFailuresSince,
} from './patient-access.repo.js';

export const PATIENT_SESSION_MS = 30 * 24 * 60 * 60 * 1000;
export const YEAR_OF_BIRTH_FAILURE_LIMIT = 5;
export const CODE_LOCK_WINDOW_MS = 60 * 60 * 1000;
// A clinic's waiting room shares one IP; twenty mistyped codes an hour is generous for them, not for a spray.
export const UNKNOWN_CODE_IP_LIMIT = 20;
// Across all codes and IPs: a rise this steep in five minutes is someone guessing, worth an operator's look.
export const UNKNOWN_CODE_SPIKE = 200;
const SPIKE_WINDOW_MS = 5 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

/** A member or API key of the practice, as the clinical policy admits them. */
export interface PractitionerCaller {
  practiceId: string;
  actor: { type: 'practitioner' | 'api_key'; id: string };
}

export interface PatientPrincipal {
  sessionId: string;
  expiresAt: Date;
  practiceId: string;
  clientId: string;
}

export interface PatientOrigin {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

const retryAfter = (until: Date, now: Date) =>
  String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));

const invalidCode = () =>
  new AppError('invalid_code', 401, 'This access code is not right. Check it with your practitioner.');

const codeLocked = (until: Date, now: Date) =>
  new AppError(
    'locked',
    429,
    'Too many wrong years of birth for this code. It is locked for now; try again later or ask your practitioner.',
    undefined,
    { 'retry-after': retryAfter(until, now) },
  );

export function createPatientAccessService(deps: {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  log: Logger;
  alerts: Pick<AlertsService, 'onAccessCodeLocked'>;
}) {
  const { transactor, audit, cipher, clock, log, alerts } = deps;
  let lastSpikeWarning = 0;

  /** The end of the code's lock, when it has had too many wrong years of birth within the hour. */
  function lockEnd(failures: Date[]): Date | undefined {
    if (failures.length < YEAR_OF_BIRTH_FAILURE_LIMIT) return undefined;
    const first = failures[failures.length - YEAR_OF_BIRTH_FAILURE_LIMIT] as Date;
    return new Date(first.getTime() + CODE_LOCK_WINDOW_MS);
  }

  async function refuseUnknownCode(origin: PatientOrigin, now: Date): Promise<never> {
    const spike = await transactor.asSystem(async (tx) => {
      await insertFailure(tx, { id: randomUUID(), kind: 'unknown_code', ip: origin.ip ?? null, at: now });
      await audit.record(tx, {
        practiceId: null,
        actor: { type: 'anonymous' },
        action: 'patient.sign_in',
        outcome: 'failure',
        ...origin,
      });
      return countUnknownCodeFailuresSince(tx, new Date(now.getTime() - SPIKE_WINDOW_MS));
    });
    if (spike >= UNKNOWN_CODE_SPIKE && now.getTime() - lastSpikeWarning > SPIKE_WINDOW_MS) {
      lastSpikeWarning = now.getTime();
      log.warn(
        { event: 'security.patient_code_guessing', failures: spike, windowSeconds: SPIKE_WINDOW_MS / 1000 },
        'security event: unknown access codes are being tried at an unusual rate',
      );
    }
    throw invalidCode();
  }

  /** A new session on the device, tied to the code it was opened under; audited as a sign-in. */
  async function openSession(practiceId: string, clientId: string, codeIndex: string, origin: PatientOrigin) {
    const now = clock.now();
    const token = randomToken();
    const expiresAt = new Date(now.getTime() + PATIENT_SESSION_MS);
    await transactor.inPractice(practiceId, async (tx) => {
      const id = randomUUID();
      await insertPatientSession(tx, {
        id,
        practiceId,
        clientId,
        tokenHash: hashSecret(token),
        accessCodeIndex: codeIndex,
        userAgent: origin.userAgent?.slice(0, 512) ?? null,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      });
      await audit.record(tx, {
        practiceId,
        actor: { type: 'client', id: clientId },
        action: 'patient.sign_in',
        subject: { type: 'patient_session', id },
        outcome: 'success',
        ...origin,
      });
    });
    return { token, expiresAt };
  }

  async function refuseIfIpThrottled(origin: PatientOrigin, now: Date) {
    if (!origin.ip) return;
    const ip = origin.ip;
    const failures = await transactor.asSystem((tx) =>
      countUnknownCodeFailuresSince(tx, new Date(now.getTime() - CODE_LOCK_WINDOW_MS), ip),
    );
    if (failures >= UNKNOWN_CODE_IP_LIMIT)
      throw new AppError(
        'rate_limited',
        429,
        'Too many wrong access codes from your network. Please wait and try again.',
        undefined,
        { 'retry-after': String(CODE_LOCK_WINDOW_MS / 1000) },
      );
  }

  return {
    openSession,
    refuseIfIpThrottled,
    /** Counts a failed attempt that named no record (an unknown code, a passkey not accepted) against the IP. */
    recordAnonymousFailure: async (origin: PatientOrigin) => {
      await transactor.asSystem((tx) =>
        insertFailure(tx, { id: randomUUID(), kind: 'unknown_code', ip: origin.ip ?? null, at: clock.now() }),
      );
    },

    /**
     * Opens the record an access code belongs to. The year of birth is asked only once the record
     * holds anything about the client themselves; wrong years lock the code for the rest of the hour.
     */
    async signIn(input: { accessCode: string; yearOfBirth?: number | undefined }, origin: PatientOrigin) {
      const now = clock.now();
      await refuseIfIpThrottled(origin, now);
      const code = normaliseAccessCode(input.accessCode);
      const codeIndex = code && cipher.blindIndex(ACCESS_CODE_INDEX, code);
      const found = codeIndex
        ? await transactor.asSystem((tx) => findClientByCodeIndex(tx, codeIndex))
        : undefined;
      if (!codeIndex || !found || found.archivedAt) return refuseUnknownCode(origin, now);

      const since = new Date(now.getTime() - CODE_LOCK_WINDOW_MS);
      const lockedUntil = lockEnd(
        await transactor.asSystem((tx) => yearOfBirthFailuresSince(tx, codeIndex, since)),
      );
      if (lockedUntil && lockedUntil > now) throw codeLocked(lockedUntil, now);

      const { practiceId, clientId } = found;
      const subject = { type: 'client', id: clientId };
      const gated = await transactor.inPractice(practiceId, (tx) => holdsPatientSpecificData(tx, clientId));
      if (gated && input.yearOfBirth === undefined)
        throw new AppError(
          'year_of_birth_required',
          401,
          'Please enter your year of birth as well as the access code.',
        );
      if (input.yearOfBirth !== undefined && input.yearOfBirth !== found.yearOfBirth) {
        const failuresNow = await transactor.asSystem(async (tx) => {
          await insertFailure(tx, {
            id: randomUUID(),
            kind: 'year_of_birth',
            accessCodeIndex: codeIndex,
            practiceId,
            clientId,
            ip: origin.ip ?? null,
            at: now,
          });
          return yearOfBirthFailuresSince(tx, codeIndex, since);
        });
        await transactor.inPractice(practiceId, async (tx) => {
          const base = { practiceId, actor: { type: 'anonymous' as const }, subject, ...origin };
          await audit.record(tx, { ...base, action: 'patient.sign_in', outcome: 'failure' });
          if (failuresNow.length === YEAR_OF_BIRTH_FAILURE_LIMIT) {
            await audit.record(tx, { ...base, action: 'patient.access_code_lock', outcome: 'denied' });
            await alerts.onAccessCodeLocked(tx, practiceId, clientId);
          }
        });
        throw new AppError(
          'invalid_year_of_birth',
          401,
          'This year of birth does not match the record. Check it and try again.',
        );
      }

      const session = await openSession(practiceId, clientId, codeIndex, origin);
      return { ...session, client: { firstName: found.firstName } };
    },

    /** The client behind a bearer token, while its session and its code are both current. */
    async resolve(token: string): Promise<PatientPrincipal | undefined> {
      const now = clock.now();
      return transactor.asSystem(async (tx) => {
        const found = await findLivePatientSession(tx, hashSecret(token), now);
        if (!found || found.archivedAt) return undefined;
        const { session } = found;
        if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
          await touchPatientSession(tx, session.id, now);
        return {
          sessionId: session.id,
          expiresAt: session.expiresAt,
          practiceId: session.practiceId,
          clientId: session.clientId,
        };
      });
    },

    async me(patient: PatientPrincipal) {
      return transactor.inPractice(patient.practiceId, async (tx) => {
        const client = await findClientGreeting(tx, patient.practiceId, patient.clientId);
        if (!client) throw notFound();
        return { client, expiresAt: patient.expiresAt };
      });
    },

    async signOut(patient: PatientPrincipal, origin: PatientOrigin) {
      await transactor.inPractice(patient.practiceId, async (tx) => {
        await endPatientSession(tx, patient.sessionId, clock.now());
        await audit.record(tx, {
          practiceId: patient.practiceId,
          actor: { type: 'client', id: patient.clientId },
          action: 'patient.sign_out',
          subject: { type: 'patient_session', id: patient.sessionId },
          outcome: 'success',
          ...origin,
        });
      });
    },

    /** What the practitioner sees of a client's app access: devices signed in, and a lock if any. */
    async accessOf(caller: PractitionerCaller, clientId: string) {
      const now = clock.now();
      const devices = await transactor.inPractice(caller.practiceId, async (tx) => {
        if (!(await clientExists(tx, caller.practiceId, clientId))) throw notFound();
        await audit.record(tx, {
          practiceId: caller.practiceId,
          actor: caller.actor,
          action: 'client.app_access_read',
          subject: { type: 'client', id: clientId },
          outcome: 'success',
        });
        return liveClientSessions(tx, caller.practiceId, clientId, now);
      });
      const since = new Date(now.getTime() - CODE_LOCK_WINDOW_MS);
      const failures = await transactor.asSystem((tx) => clientYearOfBirthFailuresSince(tx, clientId, since));
      const lockedUntil = lockEnd(failures);
      return {
        devices,
        recentYearOfBirthFailures: failures.length,
        lockedUntil: lockedUntil && lockedUntil > now ? lockedUntil : null,
      };
    },

    /** Signs every device of the client out of the app (a lost phone); answers how many were signed in. */
    async signOutDevices(caller: PractitionerCaller, clientId: string) {
      return transactor.inPractice(caller.practiceId, async (tx) => {
        if (!(await clientExists(tx, caller.practiceId, clientId))) throw notFound();
        const ended = await endClientSessions(tx, caller.practiceId, clientId, clock.now());
        // A lost phone keeps its passkey: signing the devices out retires those too.
        await deleteClientPasskeys(tx, caller.practiceId, clientId);
        await audit.record(tx, {
          practiceId: caller.practiceId,
          actor: caller.actor,
          action: 'client.app_sign_out',
          subject: { type: 'client', id: clientId },
          outcome: 'success',
        });
        return { signedOut: ended };
      });
    },
  };
}

export type PatientAccessService = ReturnType<typeof createPatientAccessService>;
