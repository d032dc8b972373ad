import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { saveProgram } from '../../testing/programs.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { logEntries, patientSignIn, someIp } from '../patient/patient.testkit.js';
import { addMember } from '../practices/team.testkit.js';
import { MAIL_QUIET_MS } from './notifications.mail.js';
import { AWAY_AFTER_MS } from './notifications.service.js';

describe(`notifications (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildTestApp({ env: { SMTP_URL: smtp.url }, clock });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  async function painfulClient(owner: TestAccount) {
    const client = await createClient(app, owner);
    const saved = await saveProgram(app, owner, client.id);
    const token = (await patientSignIn(app, { accessCode: saved.accessCode }, someIp())).json()
      .token as string;
    const logPain = async () => {
      const logged = await logEntries(app, token, [
        {
          programItemId: saved.program.items[0]?.id as string,
          date: clock.now().toISOString().slice(0, 10),
          painLevel: 10,
        },
      ]);
      expect(logged.statusCode, logged.body).toBe(201);
    };
    return { client, logPain };
  }
  const centre = async (account: TestAccount, query = '') => {
    const response = await as(app, account, { method: 'GET', url: `/api/v1/notifications${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      items: {
        id: string;
        kind: string;
        client: { id: string } | null;
        subjectId: string;
        readAt: string | null;
      }[];
      unread: number;
    };
  };
  const markRead = (account: TestAccount, payload: object) =>
    as(app, account, { method: 'POST', url: '/api/v1/notifications/read', payload });
  const alertMailsTo = (account: TestAccount, since: number) =>
    smtp.received.slice(since).filter((mail) => mail.to.includes(account.email.toLowerCase()));

  it("puts a pain alert in each clinician's centre, not the front desk's, and marks it read", async () => {
    const owner = await signUp(app);
    const colleague = await addMember(app, smtp, owner, 'practitioner');
    const desk = await addMember(app, smtp, owner, 'front_desk');
    const { client, logPain } = await painfulClient(owner);
    await logPain();

    const [alert] = (await as(app, owner, { method: 'GET', url: '/api/v1/alerts' })).json().items;
    for (const member of [owner, colleague]) {
      const { items, unread } = await centre(member);
      expect(unread).toBe(1);
      expect(items).toEqual([
        expect.objectContaining({
          kind: 'pain_alert',
          client: expect.objectContaining({ id: client.id }),
          subjectId: alert.id,
          readAt: null,
        }),
      ]);
    }
    expect(await centre(desk)).toEqual({ items: [], unread: 0 });

    const [mine] = (await centre(owner)).items;
    expect((await markRead(owner, { ids: [mine?.id] })).json()).toEqual({ read: 1, unread: 0 });
    // Reading is one's own: the colleague's copy stays unread.
    expect((await centre(colleague)).unread).toBe(1);
    expect((await centre(owner, '?unread=true')).items).toEqual([]);
    expect((await markRead(colleague, { all: true })).json()).toEqual({ read: 1, unread: 0 });
  });

  it("cannot mark another member's or another practice's notifications read", async () => {
    const owner = await signUp(app);
    const colleague = await addMember(app, smtp, owner, 'practitioner');
    const stranger = await signUp(app);
    const { logPain } = await painfulClient(owner);
    await logPain();
    const [mine] = (await centre(owner)).items;
    expect((await markRead(colleague, { ids: [mine?.id] })).json()).toMatchObject({ read: 0 });
    expect((await markRead(stranger, { ids: [mine?.id] })).json()).toMatchObject({ read: 0 });
    expect((await centre(owner)).unread).toBe(1);
    expect((await markRead(owner, { ids: ['not-an-id'] })).statusCode).toBe(400);
    expect((await markRead(owner, {})).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('mails a clinician who wants it once they have not looked for a while, saying only that something waits', async () => {
    const owner = await signUp(app);
    const wanting = await addMember(app, smtp, owner, 'practitioner');
    const notWanting = await addMember(app, smtp, owner, 'practitioner');
    const optOut = await as(app, notWanting, {
      method: 'PATCH',
      url: '/api/v1/me',
      payload: { preferences: { notifications: { painAlert: false } } },
    });
    expect(optOut.statusCode, optOut.body).toBe(200);
    const { logPain } = await painfulClient(owner);
    const before = smtp.received.length;
    await logPain();
    await app.platform.jobs.runDue();
    expect(alertMailsTo(wanting, before)).toEqual([]);

    clock.advance(AWAY_AFTER_MS);
    await app.platform.jobs.runDue();
    await app.platform.jobs.runDue();
    const mails = alertMailsTo(wanting, before);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.raw).toContain('Subject: A new alert is waiting in Rehabit');
    expect(mails[0]?.raw).not.toMatch(/pain|Schmerz/i);
    // The owner has not confirmed their address; the other colleague asked for no pain mail.
    expect(alertMailsTo(owner, before)).toEqual([]);
    expect(alertMailsTo(notWanting, before)).toEqual([]);

    // Another alert soon after is in the centre, but the one mail covers it.
    const sinceFirst = smtp.received.length;
    await logPain();
    clock.advance(AWAY_AFTER_MS);
    await app.platform.jobs.runDue();
    await app.platform.jobs.runDue();
    expect(alertMailsTo(wanting, sinceFirst)).toEqual([]);
    expect((await centre(wanting)).unread).toBe(2);

    // Once that quiet time has passed, the next alert is mailed again.
    clock.advance(MAIL_QUIET_MS);
    await logPain();
    clock.advance(AWAY_AFTER_MS);
    await app.platform.jobs.runDue();
    await app.platform.jobs.runDue();
    expect(alertMailsTo(wanting, sinceFirst)).toHaveLength(1);
  });

  it('mails nobody about a notification they read in time', async () => {
    const owner = await signUp(app);
    const reader = await addMember(app, smtp, owner, 'practitioner');
    const { logPain } = await painfulClient(owner);
    const before = smtp.received.length;
    await logPain();
    await markRead(reader, { all: true });
    clock.advance(AWAY_AFTER_MS);
    await app.platform.jobs.runDue();
    await app.platform.jobs.runDue();
    expect(alertMailsTo(reader, before)).toEqual([]);
  });

  it('mails nobody about an alert a colleague acknowledged in time', async () => {
    // Sessions idle out after 30 minutes of the fake clock: this part starts afresh.
    const owner = await signUp(app);
    const colleague = await addMember(app, smtp, owner, 'practitioner');
    const { logPain } = await painfulClient(owner);
    const since = smtp.received.length;
    await logPain();
    const [alert] = (await as(app, owner, { method: 'GET', url: '/api/v1/alerts' })).json().items;
    await as(app, owner, { method: 'POST', url: `/api/v1/alerts/${alert.id}/acknowledge` });
    clock.advance(AWAY_AFTER_MS);
    await app.platform.jobs.runDue();
    await app.platform.jobs.runDue();
    expect(alertMailsTo(colleague, since)).toEqual([]);
  });

  it('tells each clinician of a new notification as it commits', async () => {
    const owner = await signUp(app);
    const heard: { practitionerId?: string | undefined; type: string }[] = [];
    const stop = app.platform.realtime.subscribe((event) => {
      if (event.type === 'notification.created' && event.practiceId === owner.practiceId) heard.push(event);
    });
    const { logPain } = await painfulClient(owner);
    await logPain();
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]?.practitionerId).toBe(owner.practitionerId);
    stop();
  });
});
