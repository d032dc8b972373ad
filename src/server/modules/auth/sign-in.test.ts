import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, signIn, signUp, TEST_PASSWORD, uniqueEmail } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT } from './throttle.js';

const MINUTE = 60_000;
let ipCounter = 0;
/** A distinct client address per test, so the per-IP limit of one test never touches another. */
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });

describe(`sign-in rules (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  const clock = new FakeClock(new Date());
  beforeAll(async () => {
    app = await buildTestApp({ clock, env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => app.close());

  const auditActions = (practiceId: string) =>
    app.platform.transactor.asSystem((tx) =>
      queryRows<{ action: string; outcome: string; ip: string | null }>(
        tx,
        sql`select action, outcome, ip from audit_events where practice_id = ${practiceId} order by id`,
      ),
    );

  it('answers a wrong password and an unknown email the same way', async () => {
    const account = await signUp(app);
    const ip = freshIp();
    const wrong = await signIn(app, { email: account.email, password: 'not the password at all' }, from(ip));
    const unknown = await signIn(
      app,
      { email: uniqueEmail('ghost'), password: 'not the password at all' },
      from(ip),
    );
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('takes about as long for an unknown email as for a known one (both run argon2id)', async () => {
    const account = await signUp(app);
    const time = async (email: string) => {
      const started = performance.now();
      await signIn(app, { email, password: 'not the password at all' }, from(freshIp()));
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(account.email));
      unknown.push(await time(uniqueEmail('ghost')));
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    // An unknown address without the decoy hash would answer in a few milliseconds.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('answers sign-up with an address that already has an account exactly like a new one', async () => {
    const existing = await signUp(app);
    await app.platform.transactor.asSystem((tx) =>
      tx.execute(
        sql`update practitioners set email_verified_at = now() where id = ${existing.practitionerId}`,
      ),
    );
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: existing.email,
        password: 'a different passphrase 77',
        firstName: 'Mallory',
        lastName: 'Stone',
        practiceName: 'Elsewhere',
        country: 'GB',
        acceptTerms: true,
      },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().practitioner).toMatchObject({ email: existing.email, emailVerified: false });
    // The original owner still signs in to their own account with their own password.
    const original = await signIn(app, { email: existing.email, password: TEST_PASSWORD }, from(freshIp()));
    expect(original.json().practitioner.id).toBe(existing.practitionerId);
  });

  it('locks an account for 15 minutes after 10 failures within an hour, then lets it in again', async () => {
    const account = await signUp(app);
    const ip = freshIp();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) {
      expect(
        (await signIn(app, { email: account.email, password: `wrong guess ${i}` }, from(ip))).statusCode,
      ).toBe(401);
      clock.advance(MINUTE);
    }
    const tenth = await signIn(app, { email: account.email, password: 'wrong guess 10' }, from(ip));
    expect(tenth.statusCode).toBe(429);
    expect(tenth.json().error.code).toBe('locked');
    expect(Number(tenth.headers['retry-after'])).toBe(15 * 60);

    const rightButLocked = await signIn(app, { email: account.email, password: TEST_PASSWORD }, from(ip));
    expect(rightButLocked.statusCode).toBe(429);
    clock.advance(10 * MINUTE);
    const stillLocked = await signIn(app, { email: account.email, password: TEST_PASSWORD }, from(ip));
    expect(Number(stillLocked.headers['retry-after'])).toBe(5 * 60);

    clock.advance(5 * MINUTE + 1000);
    const after = await signIn(app, { email: account.email, password: TEST_PASSWORD }, from(ip));
    expect(after.statusCode).toBe(200);
    const actions = await auditActions(account.practiceId);
    expect(actions.filter((a) => a.action === 'auth.sign_in' && a.outcome === 'failure')).toHaveLength(10);
    expect(actions.some((a) => a.action === 'auth.lockout' && a.outcome === 'denied')).toBe(true);
  });

  it('forgets failures older than an hour', async () => {
    const account = await signUp(app);
    const ip = freshIp();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) {
      await signIn(app, { email: account.email, password: `wrong guess ${i}` }, from(ip));
    }
    clock.advance(61 * MINUTE);
    const next = await signIn(app, { email: account.email, password: 'wrong again' }, from(ip));
    expect(next.statusCode).toBe(401);
  });

  it('locks an unknown address exactly like a known one', async () => {
    const ghost = uniqueEmail('ghost');
    const ip = freshIp();
    let last = await signIn(app, { email: ghost, password: 'guess 0' }, from(ip));
    for (let i = 1; i < ACCOUNT_FAILURE_LIMIT; i++)
      last = await signIn(app, { email: ghost, password: `guess ${i}` }, from(ip));
    expect(last.statusCode).toBe(429);
    expect(last.json().error.code).toBe('locked');
    expect(last.headers['retry-after']).toBe(String(15 * 60));
  });

  it('limits failed sign-ins from one IP across many accounts', async () => {
    const ip = freshIp();
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      await signIn(app, { email: uniqueEmail('spray'), password: 'Summer2026!!' }, from(ip));
    }
    const account = await signUp(app);
    const blocked = await signIn(app, { email: account.email, password: TEST_PASSWORD }, from(ip));
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const otherIp = await signIn(app, { email: account.email, password: TEST_PASSWORD }, from(freshIp()));
    expect(otherIp.statusCode).toBe(200);
  });

  it('tracks sign-in count, current and last sign-in time and IP, and each failed attempt', async () => {
    const account = await signUp(app);
    const [firstIp, secondIp, badIp] = [freshIp(), freshIp(), freshIp()];
    clock.advance(MINUTE);
    const first = await signIn(app, { email: account.email, password: TEST_PASSWORD }, from(firstIp));
    const firstAt = clock.now().toISOString();
    clock.advance(MINUTE);
    await signIn(app, { email: account.email, password: 'wrong one here' }, from(badIp));
    const failedAt = clock.now().toISOString();
    clock.advance(MINUTE);
    const second = await signIn(app, { email: account.email, password: TEST_PASSWORD }, from(secondIp));
    expect(first.statusCode).toBe(200);
    const me = second.json().practitioner;
    expect(me).toMatchObject({
      signInCount: 3,
      currentSignInIp: secondIp,
      currentSignInAt: clock.now().toISOString(),
      lastSignInIp: firstIp,
      lastSignInAt: firstAt,
    });
    const session = {
      cookie: second.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      csrfToken: second.json().csrfToken,
    };
    const attempts = await as(app, session, { url: '/api/v1/me/sign-in-attempts' });
    expect(attempts.json()).toEqual({ items: [{ at: failedAt, ip: badIp }] });
  });

  it('refuses sign-up input with a clear message per field and keeps nothing', async () => {
    const email = uniqueEmail();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email,
        password: 'short',
        firstName: '',
        lastName: 'X',
        practiceName: 'P',
        country: 'XX',
        mobile: '0701234',
        acceptTerms: false,
      },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['firstName', 'country', 'mobile', 'acceptTerms']));
    const weak = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email,
        password: 'Greta is my name!',
        firstName: 'Greta',
        lastName: 'Okafor',
        practiceName: 'P',
        country: 'GB',
        acceptTerms: true,
      },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details).toEqual([
      { field: 'password', message: expect.stringMatching(/name/) },
    ]);
    const [row] = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ count: number }>(
        tx,
        sql`select count(*)::int as count from practitioners where email = ${email}`,
      ),
    );
    expect(row?.count).toBe(0);
  });
});
