import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { saveProgram } from '../../testing/programs.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { logEntries, patientSignIn, someIp } from '../patient/patient.testkit.js';
import { addMember, auditOf } from '../practices/team.testkit.js';

const today = () => new Date().toISOString().slice(0, 10);

describe(`alerts (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await buildTestApp({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });

  async function loggingClient(owner: TestAccount) {
    const client = await createClient(app, owner);
    const saved = await saveProgram(app, owner, client.id);
    const token = (await patientSignIn(app, { accessCode: saved.accessCode }, someIp())).json()
      .token as string;
    const log = (painLevel: number | null) =>
      logEntries(app, token, [
        { programItemId: saved.program.items[0]?.id as string, date: today(), painLevel },
      ]);
    return { client, saved, log };
  }
  const openAlerts = async (account: TestAccount) =>
    (await as(app, account, { method: 'GET', url: '/api/v1/alerts' })).json().items as {
      id: string;
      kind: string;
      client: { id: string };
      details: { painLevel: number; threshold: number } | null;
    }[];

  it('raises an alert only at the top of the scale by default, and acknowledges it', async () => {
    const owner = await signUp(app);
    const { client, log } = await loggingClient(owner);
    await log(9);
    expect(await openAlerts(owner)).toEqual([]);
    expect((await log(10)).statusCode).toBe(201);
    const [alert] = await openAlerts(owner);
    expect(alert).toMatchObject({
      kind: 'pain',
      client: { id: client.id },
      details: { painLevel: 10, threshold: 10 },
    });
    const acknowledged = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/alerts/${alert?.id}/acknowledge`,
    });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json().acknowledgedBy).toBe(owner.practitionerId);
    expect(await openAlerts(owner)).toEqual([]);
    const all = await as(app, owner, { method: 'GET', url: '/api/v1/alerts?status=all' });
    expect(all.json().items).toHaveLength(1);
    const actions = (await auditOf(app, owner.practiceId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['alert.create', 'alert.acknowledge']));
  });

  it("follows the practice's default and a client's own threshold, and back to the default", async () => {
    const owner = await signUp(app);
    const first = await loggingClient(owner);
    const second = await loggingClient(owner);
    const setPractice = await as(app, owner, {
      method: 'PUT',
      url: '/api/v1/alert-rules',
      payload: { painAtOrAbove: 7 },
    });
    expect(setPractice.json()).toMatchObject({ painAtOrAbove: 7, effective: { painAtOrAbove: 7 } });
    const url = `/api/v1/clients/${second.client.id}/alert-rules`;
    const setClient = await as(app, owner, { method: 'PUT', url, payload: { painAtOrAbove: 4 } });
    expect(setClient.json()).toMatchObject({ painAtOrAbove: 4, effective: { painAtOrAbove: 4 } });

    await first.log(6);
    await first.log(7);
    await second.log(4);
    const raised = await openAlerts(owner);
    expect(raised.map((a) => [a.client.id, a.details?.painLevel]).sort()).toEqual(
      [
        [first.client.id, 7],
        [second.client.id, 4],
      ].sort(),
    );
    const reset = await as(app, owner, { method: 'PUT', url, payload: { painAtOrAbove: null } });
    expect(reset.json()).toMatchObject({ painAtOrAbove: null, effective: { painAtOrAbove: 7 } });
    const bad = await as(app, owner, { method: 'PUT', url, payload: { painAtOrAbove: 11 } });
    expect(bad.statusCode).toBe(400);
  });

  it('raises an alert when a code is locked by wrong years of birth', async () => {
    const owner = await signUp(app);
    const { client, saved, log } = await loggingClient(owner);
    await log(null);
    for (let attempt = 0; attempt < 5; attempt++)
      await patientSignIn(app, { accessCode: saved.accessCode, yearOfBirth: 1901 }, someIp());
    const [alert] = await openAlerts(owner);
    expect(alert).toMatchObject({ kind: 'access_code_locked', client: { id: client.id }, details: null });
  });

  it('keeps alerts and rules within the practice, and away from the front desk', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const { client, log } = await loggingClient(owner);
    await log(10);
    const [alert] = await openAlerts(owner);
    expect(await openAlerts(other)).toEqual([]);
    const acknowledge = await as(app, other, {
      method: 'POST',
      url: `/api/v1/alerts/${alert?.id}/acknowledge`,
    });
    expect(acknowledge.statusCode).toBe(404);
    for (const method of ['GET', 'PUT'] as const) {
      const response = await as(app, other, {
        method,
        url: `/api/v1/clients/${client.id}/alert-rules`,
        ...(method === 'PUT' ? { payload: { painAtOrAbove: 3 } } : {}),
      });
      expect(response.statusCode, `${method} alert-rules`).toBe(404);
    }
    const frontDesk = await addMember(app, smtp, owner, 'front_desk');
    expect((await as(app, frontDesk, { method: 'GET', url: '/api/v1/alerts' })).statusCode).toBe(403);
    const practitioner = await addMember(app, smtp, owner, 'practitioner');
    const notOwner = await as(app, practitioner, {
      method: 'PUT',
      url: '/api/v1/alert-rules',
      payload: { painAtOrAbove: 5 },
    });
    expect(notOwner.statusCode).toBe(403);
  });
});
