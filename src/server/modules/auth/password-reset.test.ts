import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signIn, signUp, TEST_PASSWORD, uniqueEmail } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { linkIn, startSmtpServer, type TestSmtpServer, tokenOf } from '../../testing/smtp.js';

const NEW_PASSWORD = 'lantern orchard pebble 7';

describe(`email verification and password reset by mail (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  const clock = new FakeClock(new Date());
  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://rehabit.test' }, clock });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  const deliver = () => app.platform.jobs.runDue();

  it('mails a single-use verification link on sign-up that confirms the address', async () => {
    const account = await signUp(app);
    await deliver();
    const mail = await smtp.waitFor(account.email);
    expect(mail.raw).toContain('Confirm your email address');
    const token = tokenOf(linkIn(mail, '/verify-email'));
    const verify = () =>
      app.inject({ method: 'POST', url: '/api/v1/auth/email-verification', payload: { token } });
    expect((await verify()).statusCode).toBe(204);
    expect((await as(app, account, { url: '/api/v1/me' })).json().emailVerified).toBe(true);
    const again = await verify();
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
  });

  it('resets the password by a link that works once, within 30 minutes, and ends every session', async () => {
    const account = await signUp(app, { language: 'de' });
    const request = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: account.email },
    });
    expect(request.statusCode).toBe(202);
    await deliver();
    const mail = await smtp
      .waitFor(account.email)
      .then(() =>
        smtp.received.find((m) => m.to.includes(account.email) && m.raw.includes('reset-password')),
      );
    if (!mail) throw new Error('no reset mail');
    expect(mail.raw).toMatch(/Passwort/);
    const token = tokenOf(linkIn(mail, '/reset-password'));

    const weak = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'password1234' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0]).toMatchObject({
      field: 'password',
      message: expect.stringMatching(/common/),
    });

    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: NEW_PASSWORD },
    });
    expect(reset.statusCode).toBe(204);
    expect((await as(app, account, { url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await signIn(app, { email: account.email, password: TEST_PASSWORD })).statusCode).toBe(401);
    expect((await signIn(app, { email: account.email, password: NEW_PASSWORD })).statusCode).toBe(200);
    const replay = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token, password: 'another fine password 9' },
    });
    expect(replay.json().error.code).toBe('invalid_token');
  });

  it('refuses a reset link older than 30 minutes', async () => {
    const account = await signUp(app);
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: account.email },
    });
    await deliver();
    await smtp.waitFor(account.email);
    const mail = smtp.received.find((m) => m.to.includes(account.email) && m.raw.includes('reset-password'));
    if (!mail) throw new Error('no reset mail');
    clock.advance(31 * 60 * 1000);
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset/confirm',
      payload: { token: tokenOf(linkIn(mail, '/reset-password')), password: NEW_PASSWORD },
    });
    expect(reset.json().error.code).toBe('invalid_token');
  });

  it('answers a reset request for an unknown address exactly like a known one, and sends nothing', async () => {
    const unknown = uniqueEmail('nobody');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/password-reset',
      payload: { email: unknown },
    });
    expect(response.statusCode).toBe(202);
    expect(response.body).toBe('');
    await deliver();
    expect(smtp.received.some((m) => m.to.includes(unknown))).toBe(false);
  });

  it('keeps recipient, template, time and status of each mail, never its body or link', async () => {
    const account = await signUp(app);
    await deliver();
    await smtp.waitFor(account.email);
    const outbox = await app.platform.transactor.inPractice(account.practiceId, async (tx) => {
      const { listOutboxOfPractice } = await import('../../platform/mail/outbox.repo.js');
      return listOutboxOfPractice(tx, account.practiceId);
    });
    expect(outbox).toEqual([
      expect.objectContaining({
        recipient: account.email,
        template: 'verify_email',
        status: 'sent',
        sentAt: expect.any(Date),
      }),
    ]);
    const raw = await app.platform.transactor.asSystem(async (tx) => {
      const { sql } = await import('drizzle-orm');
      const { queryRows } = await import('../../db/transactions.js');
      return queryRows<{ params: string | null }>(
        tx,
        sql`select params from mail_outbox where practice_id = ${account.practiceId}`,
      );
    });
    expect(raw).toEqual([{ params: null }]);
  });

  it('limits reset requests from one address, with Retry-After', async () => {
    const answers: number[] = [];
    let last: Awaited<ReturnType<typeof app.inject>> | undefined;
    for (let i = 0; i < 11; i++) {
      last = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email: uniqueEmail('flood') },
        remoteAddress: '203.0.113.9',
      });
      answers.push(last.statusCode);
    }
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(last?.statusCode).toBe(429);
    expect(last?.json().error.code).toBe('rate_limited');
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets only the first of two accounts with one address confirm it', async () => {
    const email = uniqueEmail('twice');
    const first = await signUp(app, { email });
    const second = await signUp(app, { email, password: 'second owner passphrase 3' });
    await deliver();
    await smtp.waitFor(email);
    const links = smtp.received
      .filter((m) => m.to.includes(email))
      .map((m) => tokenOf(linkIn(m, '/verify-email')));
    expect(links).toHaveLength(2);
    const answers = [];
    for (const token of links) {
      const answer = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/email-verification',
        payload: { token },
      });
      answers.push(answer.statusCode === 204 ? 'ok' : answer.json().error.code);
    }
    expect(answers).toEqual(['ok', 'email_taken']);
    const verified = [
      (await as(app, first, { url: '/api/v1/me' })).json().emailVerified,
      (await as(app, second, { url: '/api/v1/me' })).json().emailVerified,
    ];
    expect(verified.sort()).toEqual([false, true]);
  });
});
