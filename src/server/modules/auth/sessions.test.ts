import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, sessionCookieOf, signIn, signUp, TEST_PASSWORD } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';

const MINUTE = 60_000;

describe(`sessions, cookies and CSRF (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  const clock = new FakeClock(new Date());
  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());

  it('sets an HttpOnly, SameSite=Lax session cookie holding a 256-bit token stored only as a hash', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: `c.${Date.now()}@example.org`,
        password: TEST_PASSWORD,
        firstName: 'A',
        lastName: 'B',
        practiceName: 'P',
        country: 'DE',
        acceptTerms: true,
      },
    });
    const cookie = response.cookies.find((c) => c.name === 'rehabit_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(Buffer.from(cookie?.value ?? '', 'base64url')).toHaveLength(32);
    const rows = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ token_hash: string }>(
        tx,
        sql`select token_hash from practitioner_sessions where token_hash = ${cookie?.value ?? ''}`,
      ),
    );
    expect(rows).toEqual([]);
  });

  it('uses a __Host- prefixed Secure cookie when served over HTTPS', async () => {
    const secureApp = await buildTestApp({ env: { PUBLIC_URL: 'https://rehabit.example' } });
    try {
      const account = await signUp(secureApp);
      const response = await signIn(secureApp, { email: account.email, password: TEST_PASSWORD });
      const cookie = response.cookies.find((c) => c.name.endsWith('rehabit_session'));
      expect(cookie).toMatchObject({
        name: '__Host-rehabit_session',
        secure: true,
        httpOnly: true,
        path: '/',
      });
      expect(cookie?.domain).toBeUndefined();
    } finally {
      await secureApp.close();
    }
  });

  it('starts a new session at every sign-in', async () => {
    const account = await signUp(app);
    const first = await signIn(app, { email: account.email, password: TEST_PASSWORD });
    const second = await signIn(app, { email: account.email, password: TEST_PASSWORD });
    expect(sessionCookieOf(first)).not.toBe(sessionCookieOf(second));
    expect(sessionCookieOf(first)).not.toBe(account.cookie);
    expect(first.json().csrfToken).not.toBe(second.json().csrfToken);
  });

  it('refuses an unsafe request authenticated by the cookie without the right CSRF token', async () => {
    const account = await signUp(app);
    const patch = (headers: Record<string, string>) =>
      app.inject({
        method: 'PATCH',
        url: '/api/v1/me',
        headers: { cookie: account.cookie, ...headers },
        payload: { firstName: 'Changed' },
      });
    const missing = await patch({});
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf_failed');
    const wrong = await patch({ 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.json().error.code).toBe('csrf_failed');
    const other = await signUp(app);
    expect((await patch({ 'x-csrf-token': other.csrfToken })).statusCode).toBe(403);
    expect((await as(app, account, { url: '/api/v1/me' })).json().firstName).toBe('Greta');
    const right = await patch({ 'x-csrf-token': account.csrfToken });
    expect(right.statusCode).toBe(200);
    expect(right.json().firstName).toBe('Changed');
  });

  it('answers 401 without a session', async () => {
    const response = await app.inject({ url: '/api/v1/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('ends a session after 30 idle minutes', async () => {
    const account = await signUp(app);
    clock.advance(29 * MINUTE);
    expect((await as(app, account, { url: '/api/v1/me' })).statusCode).toBe(200);
    clock.advance(29 * MINUTE);
    expect((await as(app, account, { url: '/api/v1/me' })).statusCode).toBe(200);
    clock.advance(30 * MINUTE);
    expect((await as(app, account, { url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const account = await signUp(app);
    for (let elapsed = 0; elapsed < 12 * 60; elapsed += 20) {
      expect((await as(app, account, { url: '/api/v1/me' })).statusCode).toBe(200);
      clock.advance(20 * MINUTE);
    }
    expect((await as(app, account, { url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('signs out: the cookie is cleared and its token stops working', async () => {
    const account = await signUp(app);
    const out = await as(app, account, { method: 'DELETE', url: '/api/v1/auth/sessions/current' });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'rehabit_session')?.value).toBe('');
    expect((await as(app, account, { url: '/api/v1/me' })).statusCode).toBe(401);
  });

  it('lists my sessions, ends one of them, and signs out everywhere', async () => {
    const account = await signUp(app);
    const other = await signIn(
      app,
      { email: account.email, password: TEST_PASSWORD },
      { 'user-agent': 'Tablet' },
    );
    const list = await as(app, account, { url: '/api/v1/me/sessions' });
    expect(list.json().items).toHaveLength(2);
    const [current] = list.json().items.filter((s: { current: boolean }) => s.current);
    const tablet = list.json().items.find((s: { userAgent: string }) => s.userAgent === 'Tablet');
    expect(current.id).not.toBe(tablet.id);
    expect(
      (await as(app, account, { method: 'DELETE', url: `/api/v1/me/sessions/${tablet.id}` })).statusCode,
    ).toBe(204);
    const otherSession = { cookie: sessionCookieOf(other), csrfToken: other.json().csrfToken };
    expect((await as(app, otherSession, { url: '/api/v1/me' })).statusCode).toBe(401);

    const third = await signIn(app, { email: account.email, password: TEST_PASSWORD });
    expect((await as(app, account, { method: 'DELETE', url: '/api/v1/me/sessions' })).statusCode).toBe(204);
    expect((await as(app, account, { url: '/api/v1/me' })).statusCode).toBe(401);
    expect(
      (await as(app, { cookie: sessionCookieOf(third), csrfToken: '' }, { url: '/api/v1/me' })).statusCode,
    ).toBe(401);
  });

  it("cannot end another practitioner's session (404)", async () => {
    const mine = await signUp(app);
    const theirs = await signUp(app);
    const [theirSession] = (await as(app, theirs, { url: '/api/v1/me/sessions' })).json().items;
    const response = await as(app, mine, { method: 'DELETE', url: `/api/v1/me/sessions/${theirSession.id}` });
    expect(response.statusCode).toBe(404);
    expect((await as(app, theirs, { url: '/api/v1/me' })).statusCode).toBe(200);
  });

  it('changes the password after checking the current one, and ends the other sessions', async () => {
    const account = await signUp(app);
    const other = await signIn(app, { email: account.email, password: TEST_PASSWORD });
    const wrong = await as(app, account, {
      method: 'PUT',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'nope nope nope', newPassword: 'fresh meadow lantern 5' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].field).toBe('currentPassword');
    const common = await as(app, account, {
      method: 'PUT',
      url: '/api/v1/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'password1234' },
    });
    expect(common.json().error.details[0]).toMatchObject({ field: 'newPassword' });
    const right = await as(app, account, {
      method: 'PUT',
      url: '/api/v1/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'fresh meadow lantern 5' },
    });
    expect(right.statusCode).toBe(204);
    expect((await as(app, account, { url: '/api/v1/me' })).statusCode).toBe(200);
    expect(
      (await as(app, { cookie: sessionCookieOf(other), csrfToken: '' }, { url: '/api/v1/me' })).statusCode,
    ).toBe(401);
    expect((await signIn(app, { email: account.email, password: 'fresh meadow lantern 5' })).statusCode).toBe(
      200,
    );
  });

  it('updates profile and preferences, keeping the mobile number encrypted', async () => {
    const account = await signUp(app);
    const response = await as(app, account, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: {
        mobile: '+447700900123',
        affiliation: 'NHS Lothian',
        preferences: { language: 'de', weightUnit: 'lb', notifications: { painAlert: false } },
      },
    });
    expect(response.json()).toMatchObject({
      mobile: '+447700900123',
      affiliation: 'NHS Lothian',
      preferences: {
        language: 'de',
        weightUnit: 'lb',
        notifications: { painAlert: false, newMessage: true },
      },
    });
    const [row] = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ mobile: string }>(
        tx,
        sql`select mobile from practitioners where id = ${account.practitionerId}`,
      ),
    );
    expect(row?.mobile).toMatch(/^rh1\./);
    expect(row?.mobile).not.toContain('7700900123');
  });
});
