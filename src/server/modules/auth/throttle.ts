import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/transactions.js';
import { AppError } from '../../platform/errors.js';
import {
  countFailuresByEmailSince,
  countFailuresByIpSince,
  findSignInLock,
  insertSignInFailure,
  upsertSignInLock,
} from './accounts.repo.js';

export const ACCOUNT_FAILURE_LIMIT = 10;
export const ACCOUNT_FAILURE_WINDOW_MS = 60 * 60 * 1000;
export const ACCOUNT_LOCK_MS = 15 * 60 * 1000;
// Across addresses from one IP: enough for a clinic behind one NAT having a bad morning, not for a spray.
export const IP_FAILURE_LIMIT = 50;
export const IP_FAILURE_WINDOW_MS = 15 * 60 * 1000;

const retryAfterSeconds = (until: Date, now: Date) =>
  String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)));

export const lockedError = (until: Date, now: Date) =>
  new AppError(
    'locked',
    429,
    'Too many failed sign-in attempts. This account is locked for a few minutes; try again later or reset your password.',
    undefined,
    { 'retry-after': retryAfterSeconds(until, now) },
  );

/** Refuses an attempt while the address is locked or the IP has failed too often. System role. */
export async function refuseIfThrottled(tx: Tx, emailKey: string, ip: string | undefined, now: Date) {
  const lock = await findSignInLock(tx, emailKey);
  if (lock && lock.lockedUntil > now) throw lockedError(lock.lockedUntil, now);
  if (ip) {
    const since = new Date(now.getTime() - IP_FAILURE_WINDOW_MS);
    if ((await countFailuresByIpSince(tx, ip, since)) >= IP_FAILURE_LIMIT) {
      throw new AppError(
        'rate_limited',
        429,
        'Too many failed sign-ins from your network. Please wait and try again.',
        undefined,
        {
          'retry-after': String(IP_FAILURE_WINDOW_MS / 1000),
        },
      );
    }
  }
}

/**
 * Records a failure and locks the address at the limit. Failures count within the last hour, and
 * only after the last successful sign-in and the end of the last lock. Answers the lock's end if it locked.
 */
export async function recordFailure(
  tx: Tx,
  failure: {
    emailKey: string;
    ip?: string;
    practiceId?: string;
    practitionerId?: string;
    lastSuccessAt?: Date | null;
  },
  now: Date,
): Promise<Date | undefined> {
  await insertSignInFailure(tx, {
    id: randomUUID(),
    emailKey: failure.emailKey,
    ip: failure.ip ?? null,
    practiceId: failure.practiceId ?? null,
    practitionerId: failure.practitionerId ?? null,
    at: now,
  });
  const lock = await findSignInLock(tx, failure.emailKey);
  const since = Math.max(
    now.getTime() - ACCOUNT_FAILURE_WINDOW_MS,
    lock?.lockedUntil.getTime() ?? 0,
    failure.lastSuccessAt?.getTime() ?? 0,
  );
  const count = await countFailuresByEmailSince(tx, failure.emailKey, new Date(since));
  if (count < ACCOUNT_FAILURE_LIMIT) return undefined;
  const until = new Date(now.getTime() + ACCOUNT_LOCK_MS);
  await upsertSignInLock(tx, failure.emailKey, now, until);
  return until;
}
