import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../api/client.js';
import { addPasskey, type PasskeyEnvironment, signInWithPasskey } from './passkeyFlow.js';

const creation = { challenge: 'c' } as PublicKeyCredentialCreationOptionsJSON;
const request = { challenge: 'r' } as PublicKeyCredentialRequestOptionsJSON;
const registration = { id: 'cred' } as RegistrationResponseJSON;
const assertion = { id: 'cred' } as AuthenticationResponseJSON;
const session = { token: 't', expiresAt: '2030-01-01T00:00:00Z', client: { firstName: 'Greta' } };

const named = (name: string) => Object.assign(new Error(name), { name });
const refusal = (status: number, code: string) => new ApiError(status, code, 'message');

/** A browser and server where everything works, unless a test says otherwise. */
function environment(overrides: Partial<PasskeyEnvironment> = {}): PasskeyEnvironment {
  return {
    registrationOptions: vi.fn(async () => creation),
    register: vi.fn(async () => registration),
    save: vi.fn(async () => ({ id: 'p1', createdAt: '2025-01-01T00:00:00Z' })),
    signInOptions: vi.fn(async () => request),
    authenticate: vi.fn(async () => assertion),
    signIn: vi.fn(async () => session),
    remember: vi.fn(),
    forget: vi.fn(),
    ...overrides,
  };
}

describe('adding a passkey on this phone', () => {
  it('registers with the server options, saves the answer and remembers the passkey', async () => {
    const env = environment();
    expect(await addPasskey(env)).toEqual({ ok: true });
    expect(env.register).toHaveBeenCalledWith(creation);
    expect(env.save).toHaveBeenCalledWith(registration);
    expect(env.remember).toHaveBeenCalled();
  });

  it('stays quiet about a closed prompt and remembers nothing', async () => {
    const env = environment({ register: vi.fn(async () => Promise.reject(named('NotAllowedError'))) });
    expect(await addPasskey(env)).toEqual({ ok: false, problem: 'cancelled' });
    expect(env.save).not.toHaveBeenCalled();
    expect(env.remember).not.toHaveBeenCalled();
  });

  it('remembers a passkey the phone or the server already holds', async () => {
    const excluded = environment({ register: vi.fn(async () => Promise.reject(named('InvalidStateError'))) });
    expect(await addPasskey(excluded)).toEqual({ ok: false, problem: 'exists' });
    expect(excluded.remember).toHaveBeenCalled();

    const conflict = environment({ save: vi.fn(async () => Promise.reject(refusal(409, 'passkey_exists'))) });
    expect(await addPasskey(conflict)).toEqual({ ok: false, problem: 'exists' });
    expect(conflict.remember).toHaveBeenCalled();
  });

  it('names a refused answer, being offline and anything else without remembering', async () => {
    const invalid = environment({ save: vi.fn(async () => Promise.reject(refusal(400, 'invalid_passkey'))) });
    expect(await addPasskey(invalid)).toEqual({ ok: false, problem: 'invalid' });
    expect(invalid.remember).not.toHaveBeenCalled();
    const offline = environment({
      registrationOptions: vi.fn(async () => Promise.reject(refusal(0, 'network_error'))),
    });
    expect(await addPasskey(offline)).toEqual({ ok: false, problem: 'offline' });
    const broken = environment({ register: vi.fn(async () => Promise.reject(new TypeError('boom'))) });
    expect(await addPasskey(broken)).toEqual({ ok: false, problem: 'failed' });
  });
});

describe('signing in with a passkey', () => {
  it('answers the session and remembers the passkey on this phone', async () => {
    const env = environment();
    expect(await signInWithPasskey(env)).toEqual(session);
    expect(env.authenticate).toHaveBeenCalledWith(request);
    expect(env.signIn).toHaveBeenCalledWith(assertion);
    expect(env.remember).toHaveBeenCalled();
  });

  it('answers null when the person closed the prompt', async () => {
    const env = environment({ authenticate: vi.fn(async () => Promise.reject(named('AbortError'))) });
    expect(await signInWithPasskey(env)).toBeNull();
    expect(env.signIn).not.toHaveBeenCalled();
  });

  it('forgets a passkey the server refused and passes the refusal on', async () => {
    const revoked = refusal(401, 'invalid_passkey');
    const env = environment({ signIn: vi.fn(async () => Promise.reject(revoked)) });
    await expect(signInWithPasskey(env)).rejects.toBe(revoked);
    expect(env.forget).toHaveBeenCalled();
  });

  it('keeps the passkey when only throttled', async () => {
    const env = environment({ signIn: vi.fn(async () => Promise.reject(refusal(429, 'rate_limited'))) });
    await expect(signInWithPasskey(env)).rejects.toBeInstanceOf(ApiError);
    expect(env.forget).not.toHaveBeenCalled();
  });
});
