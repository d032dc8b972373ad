import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { startSmsProvider, type TestSmsProvider } from '../../testing/sms-provider.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { patientSignIn, someIp } from '../patient/patient.testkit.js';
import { auditOf } from '../practices/team.testkit.js';
import { invitableClient, invite, outboxRows, setPreferences } from './invitations.testkit.js';

describe(`clients' refusal of email and SMS (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let gateway: TestSmsProvider;
  const clock = new FakeClock(new Date());
  beforeAll(async () => {
    smtp = await startSmtpServer();
    gateway = await startSmsProvider();
    app = await buildTestApp({
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'http://rehabit.test', ...gateway.env },
      clock,
    });
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([smtp.stop(), gateway.stop()]);
  });

  const deliver = () => app.platform.jobs.runDue();
  const preferencesOf = (account: TestAccount, clientId: string) =>
    as(app, account, { url: `/api/v1/clients/${clientId}/contact-preferences` });
  const statusOf = async (table: 'mail_outbox' | 'sms_outbox', practiceId: string, clientId: string) =>
    (await outboxRows(app, table, practiceId))
      .filter((row) => row.client_id === clientId)
      .map((row) => ({ status: row.status, params: row.params }));

  it('records a refusal per channel with its time, keeps the first time, and clears it on consent', async () => {
    const owner = await signUp(app);
    const { client } = await invitableClient(app, owner);
    expect((await preferencesOf(owner, client.id)).json()).toEqual({
      email: { status: 'allowed', refusedAt: null, onFile: true },
      sms: { status: 'allowed', refusedAt: null, onFile: true },
    });
    const refusedAt = clock.now().toISOString();
    const refused = await setPreferences(app, owner, client.id, { email: 'refused' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toEqual({
      email: { status: 'refused', refusedAt, onFile: true },
      sms: { status: 'allowed', refusedAt: null, onFile: true },
    });
    clock.advance(60_000);
    const again = await setPreferences(app, owner, client.id, { email: 'refused', sms: 'refused' });
    expect(again.json().email.refusedAt).toBe(refusedAt);
    expect(again.json().sms).toEqual({
      status: 'refused',
      refusedAt: clock.now().toISOString(),
      onFile: true,
    });
    const consent = await setPreferences(app, owner, client.id, { email: 'allowed' });
    expect(consent.json().email).toEqual({ status: 'allowed', refusedAt: null, onFile: true });
    expect(consent.json().sms.status).toBe('refused');
    const trail = (await auditOf(app, owner.practiceId)).filter((row) => row.action.startsWith('contact_'));
    expect(trail.map((row) => row.action)).toEqual([
      'contact_preferences.read',
      'contact_preferences.update',
      'contact_preferences.update',
      'contact_preferences.update',
    ]);
  });

  it.each(['email', 'sms'] as const)(
    'answers 409 opted_out to an invitation by %s after a refusal',
    async (channel) => {
      const owner = await signUp(app);
      const { client } = await invitableClient(app, owner);
      await setPreferences(app, owner, client.id, { [channel]: 'refused' });
      const answer = await invite(app, owner, client.id, channel);
      expect(answer.statusCode).toBe(409);
      expect(answer.json().error.code).toBe('opted_out');
      const other = channel === 'email' ? 'sms' : 'email';
      expect((await invite(app, owner, client.id, other)).statusCode).toBe(202);
    },
  );

  it('skips a mail queued before the client refused email', async () => {
    const owner = await signUp(app);
    const { client, email } = await invitableClient(app, owner);
    expect((await invite(app, owner, client.id, 'email')).statusCode).toBe(202);
    await setPreferences(app, owner, client.id, { email: 'refused' });
    await deliver();
    expect(await statusOf('mail_outbox', owner.practiceId, client.id)).toEqual([
      { status: 'skipped', params: null },
    ]);
    await setPreferences(app, owner, client.id, { email: 'allowed' });
    clock.advance(24 * 3600_000);
    await deliver();
    expect(smtp.received.filter((mail) => mail.to.includes(email.toLowerCase()))).toEqual([]);
  });

  it('skips a text queued before the client refused SMS', async () => {
    const owner = await signUp(app);
    const { client, mobile } = await invitableClient(app, owner);
    expect((await invite(app, owner, client.id, 'sms')).statusCode).toBe(202);
    await setPreferences(app, owner, client.id, { sms: 'refused' });
    await deliver();
    expect(await statusOf('sms_outbox', owner.practiceId, client.id)).toEqual([
      { status: 'skipped', params: null },
    ]);
    expect(gateway.received.filter((sms) => sms.to === mobile)).toEqual([]);
  });

  it('skips a mail whose client no longer has an address by the time it is due', async () => {
    const owner = await signUp(app);
    const { client } = await invitableClient(app, owner);
    expect((await invite(app, owner, client.id, 'email')).statusCode).toBe(202);
    await as(app, owner, { method: 'PATCH', url: `/api/v1/clients/${client.id}`, payload: { email: null } });
    await deliver();
    expect(await statusOf('mail_outbox', owner.practiceId, client.id)).toEqual([
      { status: 'skipped', params: null },
    ]);
    expect((await preferencesOf(owner, client.id)).json().email).toMatchObject({ onFile: false });
  });

  it('lets the client refuse from the patient app, which nothing sends on after', async () => {
    const owner = await signUp(app);
    const { client, accessCode } = await invitableClient(app, owner);
    const signIn = await patientSignIn(app, { accessCode }, someIp());
    expect(signIn.statusCode, signIn.body).toBe(201);
    const headers = { authorization: `Bearer ${signIn.json().token}` };
    const mine = await app.inject({ method: 'GET', url: '/api/v1/patient/contact-preferences', headers });
    expect(mine.json().sms).toEqual({ status: 'allowed', refusedAt: null, onFile: true });
    const refusal = await app.inject({
      method: 'PUT',
      url: '/api/v1/patient/contact-preferences',
      headers,
      payload: { sms: 'refused' },
    });
    expect(refusal.statusCode, refusal.body).toBe(200);
    expect(refusal.json().sms).toMatchObject({ status: 'refused', refusedAt: clock.now().toISOString() });
    expect((await preferencesOf(owner, client.id)).json().sms.status).toBe('refused');
    expect((await invite(app, owner, client.id, 'sms')).json().error.code).toBe('opted_out');
    const trail = await auditOf(app, owner.practiceId);
    expect(trail).toContainEqual(
      expect.objectContaining({
        action: 'contact_preferences.update',
        subject_id: client.id,
        actor_id: client.id,
      }),
    );
  });

  it('asks the patient app for its token and checks what it sends', async () => {
    const unauthenticated = await app.inject({
      method: 'PUT',
      url: '/api/v1/patient/contact-preferences',
      payload: { email: 'refused' },
    });
    expect(unauthenticated.statusCode).toBe(401);
    const owner = await signUp(app);
    const { accessCode } = await invitableClient(app, owner);
    const token = (await patientSignIn(app, { accessCode }, someIp())).json().token;
    const invalid = await app.inject({
      method: 'PUT',
      url: '/api/v1/patient/contact-preferences',
      headers: { authorization: `Bearer ${token}` },
      payload: { email: 'never' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'email' }] });
  });
});
