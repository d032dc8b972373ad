import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { startSmsProvider, type TestSmsProvider } from '../../testing/sms-provider.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { addMember, auditOf } from '../practices/team.testkit.js';
import { grouped, invitableClient, invite, outboxRows, setPreferences } from './invitations.testkit.js';

const MINUTE = 60_000;

describe(`access code invitations by email and SMS (${engineUnderTest()})`, () => {
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
  const mailsTo = (address: string) =>
    smtp.received.filter((mail) => mail.to.includes(address.toLowerCase()));
  const textsTo = (number: string) => gateway.received.filter((sms) => sms.to === number);
  const clientRows = async (table: 'mail_outbox' | 'sms_outbox', practiceId: string, clientId: string) =>
    (await outboxRows(app, table, practiceId)).filter((row) => row.client_id === clientId);

  it('sends the access code by mail once the SMTP server is back, exactly once', async () => {
    const owner = await signUp(app);
    await deliver();
    const { client, email, accessCode } = await invitableClient(app, owner);
    const { port } = smtp;
    await smtp.stop();

    const sent = await invite(app, owner, client.id, 'email');
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toEqual({ channel: 'email', queuedAt: clock.now().toISOString() });
    await deliver();
    expect(await clientRows('mail_outbox', owner.practiceId, client.id)).toEqual([
      expect.objectContaining({ status: 'queued', attempts: 1, recipient: null }),
    ]);

    smtp = await startSmtpServer(port);
    await deliver();
    expect(mailsTo(email)).toEqual([]); // still waiting out its backoff
    clock.advance(MINUTE);
    await deliver();
    const mail = await smtp.waitFor(email);
    expect(mail.to).toEqual([email.toLowerCase()]);
    expect(mail.raw).toContain(grouped(accessCode));
    expect(mail.raw).toContain('http://rehabit.test/app/');
    expect(mail.raw).toContain('Your access code from');

    for (let i = 0; i < 3; i++) {
      clock.advance(60 * MINUTE);
      await deliver();
    }
    expect(mailsTo(email)).toHaveLength(1);
    expect(await clientRows('mail_outbox', owner.practiceId, client.id)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 2, params: null, template: 'access_code' }),
    ]);
  });

  it('writes the mail in the client’s language', async () => {
    const owner = await signUp(app);
    const { client, email, accessCode } = await invitableClient(app, owner, { language: 'de' });
    expect((await invite(app, owner, client.id, 'email')).statusCode).toBe(202);
    await deliver();
    const mail = await smtp.waitFor(email);
    expect(mail.raw).toMatch(/Zugangscode/);
    expect(mail.raw).toContain(grouped(accessCode));
  });

  it('sends the access code by SMS through the Twilio-compatible gateway', async () => {
    const owner = await signUp(app);
    const { client, mobile, accessCode } = await invitableClient(app, owner);
    expect((await invite(app, owner, client.id, 'sms')).statusCode).toBe(202);
    await deliver();
    const [text, ...more] = textsTo(mobile);
    expect(more).toEqual([]);
    expect(text).toMatchObject({ accountSid: gateway.accountSid, from: gateway.from });
    expect(text?.body).toContain(grouped(accessCode));
    expect(text?.body).toContain('http://rehabit.test/app/');
    expect(await clientRows('sms_outbox', owner.practiceId, client.id)).toEqual([
      expect.objectContaining({ status: 'sent', params: null, provider_message_id: text?.sid }),
    ]);
  });

  it('retries an SMS after the gateway’s server error and sends it once', async () => {
    const owner = await signUp(app);
    const { client, mobile } = await invitableClient(app, owner, { language: 'de' });
    gateway.failNext(503, 20500);
    expect((await invite(app, owner, client.id, 'sms')).statusCode).toBe(202);
    const before = gateway.exchanges.length;
    await deliver();
    expect(gateway.exchanges.slice(before)).toEqual([{ status: 503, code: 20500 }]);
    expect(textsTo(mobile)).toEqual([]);
    await deliver();
    expect(gateway.exchanges.length).toBe(before + 1); // not before its backoff
    clock.advance(MINUTE);
    await deliver();
    expect(textsTo(mobile)).toHaveLength(1);
    expect(textsTo(mobile)[0]?.body).toMatch(/Zugangscode/);
    clock.advance(60 * MINUTE);
    await deliver();
    expect(gateway.exchanges.length).toBe(before + 2);
    expect(await clientRows('sms_outbox', owner.practiceId, client.id)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 2 }),
    ]);
  });

  it('fails an SMS the gateway refuses for good, without retrying it', async () => {
    const owner = await signUp(app);
    const { client } = await invitableClient(app, owner);
    gateway.failNext(400, 21610);
    expect((await invite(app, owner, client.id, 'sms')).statusCode).toBe(202);
    const before = gateway.exchanges.length;
    await deliver();
    for (let i = 0; i < 3; i++) {
      clock.advance(2 * 60 * MINUTE);
      await deliver();
    }
    expect(gateway.exchanges.slice(before)).toEqual([{ status: 400, code: 21610 }]);
    expect(await clientRows('sms_outbox', owner.practiceId, client.id)).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 1, params: null }),
    ]);
  });

  it('records each invitation in the audit trail against the client', async () => {
    const owner = await signUp(app);
    const { client } = await invitableClient(app, owner);
    await invite(app, owner, client.id, 'email');
    await invite(app, owner, client.id, 'sms');
    const trail = (await auditOf(app, owner.practiceId)).filter((row) =>
      row.action.startsWith('access_code.'),
    );
    expect(trail).toEqual([
      expect.objectContaining({
        action: 'access_code.send_email',
        subject_id: client.id,
        actor_id: owner.practitionerId,
      }),
      expect.objectContaining({ action: 'access_code.send_sms', subject_id: client.id }),
    ]);
  });

  it('says why an invitation cannot be sent', async () => {
    const owner = await signUp(app);
    const bare = await createClient(app, owner, { email: 'bare@example.org', mobile: '07400 111222' });
    const noProgram = await invite(app, owner, bare.id, 'email');
    expect(noProgram.statusCode).toBe(409);
    expect(noProgram.json().error.code).toBe('no_program');

    const { client } = await invitableClient(app, owner, { email: null, mobile: null });
    const noEmail = await invite(app, owner, client.id, 'email');
    expect([noEmail.statusCode, noEmail.json().error.code]).toEqual([409, 'no_email']);
    const noMobile = await invite(app, owner, client.id, 'sms');
    expect([noMobile.statusCode, noMobile.json().error.code]).toEqual([409, 'no_mobile']);

    const archived = (await invitableClient(app, owner)).client;
    await as(app, owner, { method: 'POST', url: `/api/v1/clients/${archived.id}/archive` });
    const toArchived = await invite(app, owner, archived.id, 'sms');
    expect([toArchived.statusCode, toArchived.json().error.code]).toEqual([409, 'client_archived']);
    expect(await outboxRows(app, 'sms_outbox', owner.practiceId)).toEqual([]);
  });

  it('refuses a channel it does not know, a missing body and a malformed id', async () => {
    const owner = await signUp(app);
    const { client } = await invitableClient(app, owner);
    const fax = await invite(app, owner, client.id, 'fax');
    expect(fax.statusCode).toBe(400);
    expect(fax.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'channel' }] });
    const empty = await as(app, owner, { method: 'POST', url: `/api/v1/clients/${client.id}/invitations` });
    expect(empty.statusCode).toBe(400);
    const malformed = await invite(app, owner, 'not-a-uuid', 'email');
    expect(malformed.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'id' }] });
    const badPreference = await setPreferences(app, owner, client.id, { email: 'maybe' });
    expect(badPreference.json().error).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'email' }],
    });
  });

  it('answers 404 for another practice’s client on every route, and sends nothing', async () => {
    const owner = await signUp(app);
    const stranger = await signUp(app);
    const { client } = await invitableClient(app, owner);
    const answers = [
      await invite(app, stranger, client.id, 'email'),
      await invite(app, stranger, client.id, 'sms'),
      await as(app, stranger, { url: `/api/v1/clients/${client.id}/contact-preferences` }),
      await setPreferences(app, stranger, client.id, { email: 'refused' }),
    ];
    expect(answers.map((answer) => [answer.statusCode, answer.json().error.code])).toEqual(
      Array(4).fill([404, 'not_found']),
    );
    expect(await clientRows('mail_outbox', owner.practiceId, client.id)).toEqual([]);
    expect(await clientRows('sms_outbox', owner.practiceId, client.id)).toEqual([]);
    const preferences = await as(app, owner, { url: `/api/v1/clients/${client.id}/contact-preferences` });
    expect(preferences.json().email.status).toBe('allowed');
  });

  it('refuses the front desk (403) and lets a practitioner invite', async () => {
    const owner = await signUp(app);
    const { client } = await invitableClient(app, owner);
    const desk = await addMember(app, smtp, owner, 'front_desk');
    const answers = [
      await invite(app, desk, client.id, 'email'),
      await as(app, desk, { url: `/api/v1/clients/${client.id}/contact-preferences` }),
      await setPreferences(app, desk, client.id, { sms: 'refused' }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([403, 403, 403]);
    const practitioner = await addMember(app, smtp, owner, 'practitioner');
    expect((await invite(app, practitioner, client.id, 'sms')).statusCode).toBe(202);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const { paths } = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(paths['/api/v1/clients/{id}/invitations'].post.responses).toHaveProperty('202');
    expect(Object.keys(paths['/api/v1/clients/{id}/contact-preferences'])).toEqual(['get', 'put']);
    expect(Object.keys(paths['/api/v1/patient/contact-preferences'])).toEqual(['get', 'put']);
  });

  it('asks for sign-in (401) without a session', async () => {
    const owner = await signUp(app);
    const { client } = await invitableClient(app, owner);
    const anonymous = await app.inject({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/invitations`,
      payload: { channel: 'email' },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
