import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { minutesToWait, signInProblem } from './signInProblem.js';

const refusal = (status: number, code: string, retryAfter?: number) =>
  new ApiError(status, code, 'message', [], retryAfter);

describe('sign-in problems', () => {
  it('names a wrong code and a wrong year of birth', () => {
    expect(signInProblem(refusal(401, 'invalid_code'))).toEqual({ key: 'invalidCode' });
    expect(signInProblem(refusal(401, 'invalid_year_of_birth'))).toEqual({ key: 'invalidYear' });
  });

  it('names a passkey the server no longer accepts', () => {
    expect(signInProblem(refusal(401, 'invalid_passkey'))).toEqual({ key: 'invalidPasskey' });
  });

  it('says how long a locked code stays locked, rounded up to minutes', () => {
    expect(signInProblem(refusal(429, 'locked', 1790))).toEqual({ key: 'locked', minutes: 30 });
    expect(signInProblem(refusal(429, 'locked', 5))).toEqual({ key: 'locked', minutes: 1 });
    expect(signInProblem(refusal(429, 'locked'))).toEqual({ key: 'lockedLater' });
    expect(minutesToWait(61)).toBe(2);
  });

  it('tells throttling and being offline apart from a wrong code', () => {
    expect(signInProblem(refusal(429, 'rate_limited', 3600))).toEqual({ key: 'rateLimited', minutes: 60 });
    expect(signInProblem(refusal(429, 'too_many_requests'))).toEqual({ key: 'rateLimitedLater' });
    expect(signInProblem(refusal(0, 'network_error'))).toEqual({ key: 'offline' });
    expect(signInProblem(new Error('boom'))).toEqual({ key: 'unexpected' });
  });
});
