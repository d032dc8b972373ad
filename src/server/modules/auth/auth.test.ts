import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, sessionCookieOf, signIn, signUp, TEST_PASSWORD, uniqueEmail } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';

describe(`sign-up and sign-in (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('creates a practice and its owner, signed in, with every practitioner field', async () => {
    const email = uniqueEmail();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: email.toUpperCase(),
        password: TEST_PASSWORD,
        firstName: 'Greta',
        lastName: 'Okafor',
        practiceName: 'Riverside Physio',
        country: 'se',
        address: 'Storgatan 1, Uppsala',
        state: 'Uppsala län',
        mobile: '+46701234567',
        vatId: 'SE556677889901',
        affiliation: 'Region Uppsala',
        language: 'de',
        weightUnit: 'lb',
        acceptTerms: true,
      },
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.practice).toMatchObject({
      name: 'Riverside Physio',
      country: 'SE',
      state: 'Uppsala län',
      vatId: 'SE556677889901',
      subscriptionStatus: 'trial',
    });
    expect(body.practitioner).toMatchObject({
      email,
      emailVerified: false,
      role: 'owner',
      mobile: '+46701234567',
      affiliation: 'Region Uppsala',
      preferences: { language: 'de', weightUnit: 'lb' },
      termsVersion: expect.any(String),
      signInCount: 1,
      mfa: { totp: false, passkeys: 0 },
    });
    const me = await as(
      app,
      { cookie: sessionCookieOf(response), csrfToken: body.csrfToken },
      { url: '/api/v1/me' },
    );
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(body.practitioner.id);
  });

  it('signs in with the right password and counts the sign-in', async () => {
    const account = await signUp(app);
    const response = await signIn(app, { email: account.email, password: TEST_PASSWORD });
    expect(response.statusCode).toBe(200);
    expect(response.json().practitioner.signInCount).toBe(2);
  });

  it('documents every identity route of API.md in the OpenAPI document', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/signup',
        '/api/v1/auth/sessions',
        '/api/v1/auth/sessions/current',
        '/api/v1/me',
        '/api/v1/me/sign-in-attempts',
        '/api/v1/me/mfa/totp',
        '/api/v1/me/mfa/totp/confirm',
      ]),
    );
    expect(document.paths['/api/v1/auth/signup'].post.requestBody).toBeDefined();
  });

  it('audits sign-up, sign-in, failures and sign-out with the caller address', async () => {
    const account = await signUp(app);
    await signIn(app, { email: account.email, password: 'wrong password here' });
    await as(app, account, { method: 'DELETE', url: '/api/v1/auth/sessions/current' });
    const { sql } = await import('drizzle-orm');
    const { queryRows } = await import('../../db/transactions.js');
    const rows = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ action: string; outcome: string; ip: string | null }>(
        tx,
        sql`select action, outcome, ip from audit_events where practice_id = ${account.practiceId} order by id`,
      ),
    );
    expect(rows.map((row) => `${row.action}:${row.outcome}`)).toEqual([
      'practice.create:success',
      'auth.sign_up:success',
      'auth.sign_in:failure',
      'auth.sign_out:success',
    ]);
    expect(rows.every((row) => row.ip === '127.0.0.1')).toBe(true);
  });
});
