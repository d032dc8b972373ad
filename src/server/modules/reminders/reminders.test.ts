import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { startPushService, type TestPushService } from '../../testing/push-service.js';
import { logEntries, patientSignIn, someIp } from '../patient/patient.testkit.js';
import { REMINDERS_JOB } from './reminders.module.js';

const DAY = 24 * 60 * 60 * 1000;

describe(`reminders by Web Push (${engineUnderTest()})`, () => {
  // 07:30 in Berlin (winter time).
  const clock = new FakeClock(new Date('2026-03-04T06:30:05Z'));
  const logs = new LogCapture();
  let push: TestPushService;
  let app: FastifyInstance;

  beforeAll(async () => {
    push = await startPushService();
    app = await buildTestApp({ clock, logs, extra: { pushAgent: push.agent } });
  });
  afterAll(async () => {
    await app.close();
    await push.stop();
  });

  const runReminders = async () => {
    await app.platform.transactor.asSystem((tx) => app.platform.jobs.enqueue(tx, REMINDERS_JOB, {}));
    await app.platform.jobs.runDue();
  };
  const asPatient = (
    token: string,
    method: 'GET' | 'PUT' | 'POST' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  async function remindedClient(language: 'en' | 'de' = 'en') {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { language });
    const saved = await saveProgram(app, owner, client.id, {
      items: [itemBody(LIBRARY.quadSet, { timesPerDay: 1, daysPerWeek: 7 })],
    });
    const token = (await patientSignIn(app, { accessCode: saved.accessCode }, someIp())).json()
      .token as string;
    const settings = await asPatient(token, 'PUT', '/api/v1/patient/reminders', {
      times: ['07:30', '18:00'],
      quietHours: { start: '22:00', end: '07:00' },
      timeZone: 'Europe/Berlin',
    });
    expect(settings.statusCode, settings.body).toBe(200);
    return { token, itemId: saved.program.items[0]?.id as string };
  }

  async function subscribe(token: string) {
    const subscription = push.subscribe();
    const response = await asPatient(token, 'POST', '/api/v1/patient/push-subscriptions', subscription);
    expect(response.statusCode, response.body).toBe(204);
    return subscription;
  }

  it('pushes an encrypted, signed reminder to each device at its time, once, saying nothing of the program', async () => {
    const { token } = await remindedClient('de');
    const key = (await asPatient(token, 'GET', '/api/v1/patient/push/public-key')).json().publicKey;
    const devices = [await subscribe(token), await subscribe(token)];
    const before = push.received.length;
    await runReminders();
    await runReminders();
    const mine = push.received.slice(before).filter((m) => devices.some((d) => d.endpoint === m.endpoint));
    expect(mine).toHaveLength(2);
    for (const message of mine) {
      expect(message.vapidKey).toBe(key);
      expect(message.payload).toEqual({ title: 'Rehabit', body: 'Zeit für Ihre Übungen.', url: '/app/' });
    }
    expect(push.refused).toEqual([]);
  });

  it('forgets a device the push service says is gone', async () => {
    clock.advance(DAY);
    const { token } = await remindedClient();
    const [kept, expired] = [await subscribe(token), await subscribe(token)];
    push.expire(expired.endpoint);
    await runReminders();
    expect(push.received.some((m) => m.endpoint === kept.endpoint)).toBe(true);
    const settings = (await asPatient(token, 'GET', '/api/v1/patient/reminders')).json();
    expect(settings).toMatchObject({ devices: 1, times: ['07:30', '18:00'], timeZone: 'Europe/Berlin' });
  });

  it('sends nothing once the day is done, nor in quiet hours, nor after unsubscribing', async () => {
    clock.advance(DAY);
    const done = await remindedClient();
    const doneDevice = await subscribe(done.token);
    await logEntries(app, done.token, [{ programItemId: done.itemId, date: '2026-03-06' }]);
    const quiet = await remindedClient();
    const quietDevice = await subscribe(quiet.token);
    await asPatient(quiet.token, 'PUT', '/api/v1/patient/reminders', {
      times: ['07:30'],
      quietHours: { start: '07:00', end: '08:00' },
      timeZone: 'Europe/Berlin',
    });
    const leaving = await remindedClient();
    const leavingDevice = await subscribe(leaving.token);
    const gone = await asPatient(leaving.token, 'DELETE', '/api/v1/patient/push-subscriptions', {
      endpoint: leavingDevice.endpoint,
    });
    expect(gone.statusCode).toBe(204);
    const control = await subscribe((await remindedClient()).token);
    await runReminders();
    const endpoints = new Set(push.received.map((m) => m.endpoint));
    expect(endpoints.has(control.endpoint)).toBe(true);
    for (const device of [doneDevice, quietDevice, leavingDevice])
      expect(endpoints.has(device.endpoint)).toBe(false);
  });

  it('stops reminding a device once its app session ends: the practitioner signed the devices out', async () => {
    clock.advance(DAY);
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const saved = await saveProgram(app, owner, client.id);
    const token = (await patientSignIn(app, { accessCode: saved.accessCode }, someIp())).json()
      .token as string;
    await asPatient(token, 'PUT', '/api/v1/patient/reminders', {
      times: ['07:30'],
      timeZone: 'Europe/Berlin',
    });
    const device = await subscribe(token);
    const signedOut = await as(app, owner, {
      method: 'DELETE',
      url: `/api/v1/clients/${client.id}/app-sessions`,
    });
    expect(signedOut.json()).toEqual({ signedOut: 1 });
    const control = await subscribe((await remindedClient()).token);
    await runReminders();
    const endpoints = new Set(push.received.map((m) => m.endpoint));
    expect(endpoints.has(control.endpoint)).toBe(true);
    expect(endpoints.has(device.endpoint)).toBe(false);
  });

  it('refuses bad times, zones and subscriptions by field', async () => {
    const { token } = await remindedClient();
    const bad = await asPatient(token, 'PUT', '/api/v1/patient/reminders', {
      times: ['25:00'],
      timeZone: 'Mars/Olympus',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['timeZone', 'times.0']);
    const insecure = await asPatient(token, 'POST', '/api/v1/patient/push-subscriptions', {
      ...push.subscribe(),
      endpoint: 'http://push.example.org/x',
    });
    expect(insecure.statusCode).toBe(400);
  });

  it('keeps the subscription encrypted at rest and out of the logs', async () => {
    const { token } = await remindedClient();
    const device = await subscribe(token);
    const rows = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ subscription: string }>(tx, sql`select subscription from push_subscriptions`),
    );
    const pushId = device.endpoint.split('/').pop() as string;
    expect(rows.some((row) => row.subscription.includes(pushId))).toBe(false);
    expect(logs.text).not.toContain(pushId);
  });
  it('keeps reminding a device that subscribed again (a new sign-in on the same phone)', async () => {
    clock.advance(DAY);
    const { token } = await remindedClient();
    const device = await subscribe(token);
    const again = await asPatient(token, 'POST', '/api/v1/patient/push-subscriptions', device);
    expect(again.statusCode, again.body).toBe(204);
    const before = push.received.length;
    await runReminders();
    expect(push.received.slice(before).filter((m) => m.endpoint === device.endpoint)).toHaveLength(1);
  });
});
