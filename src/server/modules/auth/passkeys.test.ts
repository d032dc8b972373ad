import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, sessionCookieOf, signUp, TEST_PASSWORD, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { type CeremonyOverrides, SoftwareAuthenticator } from '../../testing/software-authenticator.js';
import { CHALLENGE_TTL_MS } from './passkey-sign-in.js';

let ipCounter = 0;
/** A distinct client address per test, so the per-IP limits of one test never touch another. */
const freshIp = () => `203.0.113.${(ipCounter++ % 250) + 1}`;

describe(`passkeys (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  const clock = new FakeClock(new Date());
  beforeAll(async () => {
    app = await buildTestApp({ clock, env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => app.close());

  const newAuthenticator = () => new SoftwareAuthenticator(app.platform.config.publicUrl.origin);
  const system = <Row>(query: ReturnType<typeof sql>) =>
    app.platform.transactor.asSystem((tx) => queryRows<Row>(tx, query));

  /** One person at one address: the account's requests carry the address, for the per-IP limits. */
  function at(ip = freshIp()) {
    const headers = { 'x-forwarded-for': ip };
    const registrationOptions = async (account: TestAccount) => {
      const response = await as(app, account, {
        method: 'POST',
        url: '/api/v1/me/passkeys/registration-options',
        headers,
      });
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    const submit = (account: TestAccount, payload: Record<string, unknown>) =>
      as(app, account, { method: 'POST', url: '/api/v1/me/passkeys', payload, headers });
    /** Registers a passkey held by the authenticator; answers the presented passkey. */
    const register = async (account: TestAccount, authenticator: SoftwareAuthenticator, name = 'Laptop') => {
      const options = await registrationOptions(account);
      const response = await submit(account, { name, response: authenticator.register(options) });
      expect(response.statusCode).toBe(201);
      return response.json();
    };
    const signInOptions = async () => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/passkey-options', headers });
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    const passkeySession = (response: unknown) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/passkey-sessions', headers, payload: { response } });
    const passwordless = async (authenticator: SoftwareAuthenticator, overrides: CeremonyOverrides = {}) =>
      passkeySession(authenticator.authenticate(await signInOptions(), overrides));
    const passwordSignIn = (payload: Record<string, unknown>) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/sessions', headers, payload });
    return {
      headers,
      registrationOptions,
      submit,
      register,
      signInOptions,
      passkeySession,
      passwordless,
      passwordSignIn,
    };
  }

  const list = async (account: TestAccount) =>
    (await as(app, account, { url: '/api/v1/me/passkeys' })).json().items;

  it('registers a discoverable passkey for the signed-in practitioner and lists it without its key', async () => {
    const account = await signUp(app);
    const ip = at();
    const options = await ip.registrationOptions(account);
    const { publicUrl } = app.platform.config;
    expect(options.rp).toEqual({ name: 'Rehabit', id: publicUrl.hostname });
    expect(Buffer.from(options.user.id, 'base64url').toString('hex')).toBe(
      account.practitionerId.replaceAll('-', ''),
    );
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      userVerification: 'preferred',
    });
    expect(options.excludeCredentials).toEqual([]);

    const authenticator = newAuthenticator();
    const response = await ip.submit(account, {
      name: 'Work laptop',
      response: authenticator.register(options),
    });
    expect(response.statusCode).toBe(201);
    const passkey = response.json();
    expect(passkey).toEqual({
      id: expect.any(String),
      name: 'Work laptop',
      createdAt: expect.any(String),
      lastUsedAt: null,
      backedUp: true,
    });
    expect(await list(account)).toEqual([passkey]);
    expect((await as(app, account, { url: '/api/v1/me' })).json().mfa).toEqual({ totp: false, passkeys: 1 });
    const again = await ip.registrationOptions(account);
    expect(again.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([
      authenticator.credentials[0]?.id,
    ]);
  });

  it('renames a passkey', async () => {
    const account = await signUp(app);
    const passkey = await at().register(account, newAuthenticator());
    const renamed = await as(app, account, {
      method: 'PATCH',
      url: `/api/v1/me/passkeys/${passkey.id}`,
      payload: { name: '  Phone  ' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toEqual({ ...passkey, name: 'Phone' });
  });

  it('refuses a registration made on another origin', async () => {
    const account = await signUp(app);
    const ip = at();
    const options = await ip.registrationOptions(account);
    const response = newAuthenticator().register(options, { origin: 'https://rehabit.example.com' });
    const answer = await ip.submit(account, { name: 'Phone', response });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.code).toBe('invalid_passkey');
    expect(await list(account)).toEqual([]);
  });

  it('refuses a registration signed over a challenge the server did not issue', async () => {
    const account = await signUp(app);
    const ip = at();
    const options = await ip.registrationOptions(account);
    const response = newAuthenticator().register(options, {
      challenge: Buffer.from('a challenge nobody issued').toString('base64url'),
    });
    expect((await ip.submit(account, { name: 'Phone', response })).statusCode).toBe(400);
  });

  it('takes each registration challenge once, only from the practitioner it was issued to', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const ip = at();
    const options = await ip.registrationOptions(owner);
    const stolen = await ip.submit(other, { name: 'Phone', response: newAuthenticator().register(options) });
    expect(stolen.statusCode).toBe(400);

    const fresh = await ip.registrationOptions(owner);
    expect(
      (await ip.submit(owner, { name: 'A', response: newAuthenticator().register(fresh) })).statusCode,
    ).toBe(201);
    const replay = await ip.submit(owner, { name: 'B', response: newAuthenticator().register(fresh) });
    expect(replay.statusCode).toBe(400);
    expect(await list(owner)).toHaveLength(1);
  });

  it('refuses a registration challenge older than five minutes', async () => {
    const account = await signUp(app);
    const ip = at();
    const options = await ip.registrationOptions(account);
    clock.advance(CHALLENGE_TTL_MS + 1000);
    expect(
      (await ip.submit(account, { name: 'Phone', response: newAuthenticator().register(options) }))
        .statusCode,
    ).toBe(400);
  });

  it('signs in with a passkey alone: counts the sign-in, sets the session cookie, records the use', async () => {
    const account = await signUp(app);
    const authenticator = newAuthenticator();
    const ip = at();
    await ip.register(account, authenticator);
    clock.advance(1000);
    const response = await ip.passwordless(authenticator);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.practitioner.id).toBe(account.practitionerId);
    expect(body.practitioner.signInCount).toBe(2);
    const session = { cookie: sessionCookieOf(response), csrfToken: body.csrfToken };
    expect((await as(app, session, { url: '/api/v1/me' })).statusCode).toBe(200);
    const [passkey] = await list(account);
    expect(passkey.lastUsedAt).not.toBeNull();
    const rows = await system<{ second_factor: string | null }>(
      sql`select second_factor from practitioner_sessions where practitioner_id = ${account.practitionerId}
          order by created_at desc limit 1`,
    );
    expect(rows[0]?.second_factor).toBe('passkey');
  });

  it('answers 401 invalid_passkey for a credential it does not know', async () => {
    const account = await signUp(app);
    const ip = at();
    const authenticator = newAuthenticator();
    authenticator.register(await ip.registrationOptions(account)); // never sent to the server
    const response = await ip.passwordless(authenticator);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('invalid_passkey');
  });

  it('refuses an assertion whose counter did not go up (a cloned authenticator) and records the failure', async () => {
    const account = await signUp(app);
    const authenticator = newAuthenticator();
    const ip = at();
    await ip.register(account, authenticator);
    expect((await ip.passwordless(authenticator, { counter: 5 })).statusCode).toBe(200);
    const clone = await ip.passwordless(authenticator, { counter: 5 });
    expect(clone.statusCode).toBe(401);
    expect(clone.json().error.code).toBe('invalid_passkey');
    expect((await ip.passwordless(authenticator, { counter: 3 })).statusCode).toBe(401);
    expect((await ip.passwordless(authenticator, { counter: 6 })).statusCode).toBe(200);
    const attempts = (await as(app, account, { url: '/api/v1/me/sign-in-attempts' })).json().items;
    expect(attempts).toHaveLength(2);
  });

  it('takes each sign-in challenge once and for five minutes only', async () => {
    const account = await signUp(app);
    const authenticator = newAuthenticator();
    const ip = at();
    await ip.register(account, authenticator);
    const options = await ip.signInOptions();
    expect((await ip.passkeySession(authenticator.authenticate(options))).statusCode).toBe(200);
    expect((await ip.passkeySession(authenticator.authenticate(options))).statusCode).toBe(401);

    const later = await ip.signInOptions();
    clock.advance(CHALLENGE_TTL_MS + 1000);
    expect((await ip.passkeySession(authenticator.authenticate(later))).statusCode).toBe(401);
  });

  it('needs user verification to sign in without a password', async () => {
    const account = await signUp(app);
    const authenticator = newAuthenticator();
    const ip = at();
    await ip.register(account, authenticator);
    expect((await ip.passwordless(authenticator, { userVerified: false })).statusCode).toBe(401);
  });

  it('does not let a removed member sign in with a passkey', async () => {
    const account = await signUp(app);
    const authenticator = newAuthenticator();
    const ip = at();
    await ip.register(account, authenticator);
    await system(sql`update practitioners set status = 'removed' where id = ${account.practitionerId}`);
    expect((await ip.passwordless(authenticator)).statusCode).toBe(401);
  });

  it('asks for the passkey after the password, and signs in with it as the second factor', async () => {
    const account = await signUp(app);
    const authenticator = newAuthenticator();
    const ip = at();
    await ip.register(account, authenticator);
    const credentials = { email: account.email, password: TEST_PASSWORD };
    const first = await ip.passwordSignIn(credentials);
    expect(first.statusCode).toBe(401);
    expect(first.json().error.code).toBe('mfa_required');
    expect(first.json().error.details.map((d: { field: string }) => d.field)).toEqual(['passkey']);

    const someoneElse = newAuthenticator();
    await ip.register(await signUp(app), someoneElse);
    const wrong = await ip.passwordSignIn({
      ...credentials,
      passkey: someoneElse.authenticate(await ip.signInOptions()),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_second_factor');

    const passkey = authenticator.authenticate(await ip.signInOptions());
    const second = await ip.passwordSignIn({ ...credentials, passkey });
    expect(second.statusCode).toBe(200);
    expect(second.json().practitioner.signInCount).toBe(2);
    const replay = await ip.passwordSignIn({ ...credentials, passkey });
    expect(replay.json().error.code).toBe('invalid_second_factor');
  });

  it('removes a passkey only with the right password', async () => {
    const account = await signUp(app);
    const passkey = await at().register(account, newAuthenticator());
    const url = `/api/v1/me/passkeys/${passkey.id}`;
    const wrong = await as(app, account, { method: 'DELETE', url, payload: { password: 'not my password' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('password');
    expect(await list(account)).toHaveLength(1);
    const right = await as(app, account, { method: 'DELETE', url, payload: { password: TEST_PASSWORD } });
    expect(right.statusCode).toBe(204);
    expect(await list(account)).toEqual([]);
  });

  it('stays open during mandatory setup and keeps the last factor a practice requires', async () => {
    const account = await signUp(app);
    await system(sql`update practices set mfa_required = true where id = ${account.practiceId}`);
    const blocked = await as(app, account, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { firstName: 'Ada' },
    });
    expect(blocked.json().error.code).toBe('mfa_setup_required');
    const ip = at();
    const first = await ip.register(account, newAuthenticator());
    expect((await as(app, account, { url: '/api/v1/me' })).json().mfaSetupRequired).toBe(false);

    const remove = (id: string) =>
      as(app, account, {
        method: 'DELETE',
        url: `/api/v1/me/passkeys/${id}`,
        payload: { password: TEST_PASSWORD },
      });
    const last = await remove(first.id);
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('last_factor');
    await ip.register(account, newAuthenticator(), 'Phone');
    expect((await remove(first.id)).statusCode).toBe(204);
  });

  it("answers 404 for another practice's passkey and leaves it as it was", async () => {
    const owner = await signUp(app);
    const intruder = await signUp(app);
    const passkey = await at().register(owner, newAuthenticator());
    const url = `/api/v1/me/passkeys/${passkey.id}`;
    const rename = await as(app, intruder, { method: 'PATCH', url, payload: { name: 'Mine now' } });
    expect(rename.statusCode).toBe(404);
    const remove = await as(app, intruder, { method: 'DELETE', url, payload: { password: TEST_PASSWORD } });
    expect(remove.statusCode).toBe(404);
    expect(await list(owner)).toEqual([passkey]);
    expect(await list(intruder)).toEqual([]);
  });

  it('audits registration, rename, removal, passwordless sign-in and its failure', async () => {
    const account = await signUp(app);
    const authenticator = newAuthenticator();
    const ip = at();
    const passkey = await ip.register(account, authenticator);
    await as(app, account, {
      method: 'PATCH',
      url: `/api/v1/me/passkeys/${passkey.id}`,
      payload: { name: 'Phone' },
    });
    expect((await ip.passwordless(authenticator)).statusCode).toBe(200);
    expect((await ip.passwordless(authenticator, { origin: 'https://evil.example' })).statusCode).toBe(401);
    await as(app, account, {
      method: 'DELETE',
      url: `/api/v1/me/passkeys/${passkey.id}`,
      payload: { password: TEST_PASSWORD },
    });
    const rows = await system<{ action: string; outcome: string; subject_type: string | null }>(
      sql`select action, outcome, subject_type from audit_events
          where practice_id = ${account.practiceId} and action like any (array['mfa.passkey%', 'auth.sign_in'])
          order by id`,
    );
    expect(rows.map((row) => `${row.action}:${row.outcome}:${row.subject_type}`)).toEqual([
      'mfa.passkey_add:success:passkey',
      'mfa.passkey_rename:success:passkey',
      'auth.sign_in:success:practitioner',
      'auth.sign_in:failure:passkey',
      'mfa.passkey_remove:success:passkey',
    ]);
  });

  it('limits passkey sign-in options per address', async () => {
    const ip = at();
    for (let i = 0; i < 30; i++) await ip.signInOptions();
    const limited = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/passkey-options',
      headers: ip.headers,
    });
    expect(limited.statusCode).toBe(429);
  });
});
