import { ApiError } from '../../api/client.js';

/** Translation key (under `signIn.errors`) and minutes for a failed sign-in. */
export interface SignInProblem {
  key:
    | 'invalidCode'
    | 'invalidYear'
    | 'invalidPasskey'
    | 'locked'
    | 'lockedLater'
    | 'rateLimited'
    | 'rateLimitedLater'
    | 'offline'
    | 'invalidInput'
    | 'unexpected';
  /** Whole minutes to wait, rounded up, from Retry-After. */
  minutes?: number;
}

/** Minutes to wait from a Retry-After of seconds: rounded up, so "1 minute" never means 10 seconds too few. */
export const minutesToWait = (seconds: number): number => Math.max(1, Math.ceil(seconds / 60));

/**
 * What to tell the person when a sign-in failed: with the code (POST /api/v1/patient/sessions;
 * year_of_birth_required is a step, not a problem) or with a passkey (…/passkey/sessions).
 */
export function signInProblem(error: unknown): SignInProblem {
  if (!(error instanceof ApiError)) return { key: 'unexpected' };
  const wait = error.retryAfter === undefined ? undefined : minutesToWait(error.retryAfter);
  switch (error.code) {
    case 'invalid_code':
      return { key: 'invalidCode' };
    case 'invalid_year_of_birth':
      return { key: 'invalidYear' };
    // Unknown or revoked (the practitioner signed the devices out or gave a new code).
    case 'invalid_passkey':
      return { key: 'invalidPasskey' };
    case 'locked':
      return wait === undefined ? { key: 'lockedLater' } : { key: 'locked', minutes: wait };
    case 'rate_limited':
      return wait === undefined ? { key: 'rateLimitedLater' } : { key: 'rateLimited', minutes: wait };
    case 'network_error':
      return { key: 'offline' };
    case 'validation_failed':
      return { key: 'invalidInput' };
    default:
      // Fastify's own rate limiter answers 429 with another code.
      if (error.status === 429)
        return wait === undefined ? { key: 'rateLimitedLater' } : { key: 'rateLimited', minutes: wait };
      return { key: 'unexpected' };
  }
}
