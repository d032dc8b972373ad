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
});
