import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { filesContaining, openScannableDatabase, type ScannableDatabase } from '../../testing/at-rest.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { addMember } from '../practices/team.testkit.js';
import { answerInApp, appClient, assign, enter, phq9 } from './outcomes.testkit.js';

/** Every practitioner route of the module, for one client, assignment and custom measure. */
function routesFor(clientId: string, assignmentId: string, customId: string) {
  const client = `/api/v1/clients/${clientId}`;
  return [
    { method: 'GET', url: `${client}/outcome-assignments` },
    { method: 'POST', url: `${client}/outcome-assignments`, payload: { measure: 'NPRS', schedule: 'once' } },
    { method: 'POST', url: `${client}/outcome-assignments/${assignmentId}/end` },
    { method: 'POST', url: `${client}/outcome-assignments/discharge` },
    { method: 'POST', url: `${client}/outcome-responses`, payload: { measure: 'NPRS', answers: [3] } },
    { method: 'GET', url: `${client}/outcome-responses` },
    { method: 'GET', url: `${client}/outcome-progress?measure=NPRS` },
    { method: 'PUT', url: `/api/v1/custom-measures/${customId}`, payload: customBody('x') },
    { method: 'POST', url: `/api/v1/custom-measures/${customId}/archive` },
  ] as const;
}

const customBody = (itemText: string) => ({
  name: 'Grip comfort',
  items: [{ text: { en: itemText }, min: 0, max: 10 }],
  scoring: 'sum',
});

describe(`outcome measures across practices and roles (${engineUnderTest()})`, () => {
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

  it("answers 404 for another practice's client, assignment or custom measure on every route", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const client = await createClient(app, owner);
    const assignment = (await assign(app, owner, client.id, { measure: 'GAD-7', schedule: 'once' })).json();
    const custom = (
      await as(app, owner, { method: 'POST', url: '/api/v1/custom-measures', payload: customBody('Grip') })
    ).json();
    for (const route of routesFor(client.id, assignment.id, custom.id)) {
      const response = await as(app, other, route);
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
    }
    // Another practice's custom measure is no measure at all for this one.
    const foreign = await enter(app, other, (await createClient(app, other)).id, {
      measure: custom.measure,
      answers: [1],
    });
    expect(foreign.statusCode).toBe(400);
    const catalogue = await as(app, other, { method: 'GET', url: '/api/v1/outcome-measures' });
    expect(catalogue.json().items.some((m: { measure: string }) => m.measure === custom.measure)).toBe(false);
  });

  it('keeps the front desk out of every route', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const assignment = (await assign(app, owner, client.id, { measure: 'GAD-7', schedule: 'once' })).json();
    const custom = (
      await as(app, owner, { method: 'POST', url: '/api/v1/custom-measures', payload: customBody('Grip') })
    ).json();
    const frontDesk = await addMember(app, smtp, owner, 'front_desk');
    const routes = [
      ...routesFor(client.id, assignment.id, custom.id),
      { method: 'GET', url: '/api/v1/outcome-measures' },
      { method: 'GET', url: '/api/v1/custom-measures' },
      { method: 'POST', url: '/api/v1/custom-measures', payload: customBody('Grip') },
    ] as const;
    for (const route of routes) {
      const response = await as(app, frontDesk, route);
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });

  it('needs a patient token for the app routes', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await app.inject({
        method,
        url: `/api/v1/patient/outcome-${method === 'GET' ? 'measures' : 'responses'}`,
        headers: { authorization: 'Bearer not-a-token' },
        ...(method === 'POST' ? { payload: { measure: 'NPRS', answers: [1] } } : {}),
      });
      expect(response.statusCode).toBe(401);
    }
  });
});

/** Answers, PSFS activities and scores are encrypted under the client's key, and never logged. */
describe(`outcome answers at rest and in logs (${engineUnderTest()})`, () => {
  const logs = new LogCapture();
  let app: FastifyInstance;
  let scannable: ScannableDatabase;

  beforeAll(async () => {
    scannable = await openScannableDatabase();
    app = await buildTestApp({ database: scannable.database, logs, env: { LOG_LEVEL: 'trace' } });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await scannable.close();
  });

  it('keeps PSFS activities, answers and scores out of the database files and the logs', async () => {
    const owner = await signUp(app);
    const marker = `marker${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const { client, token } = await appClient(app, owner);
    await assign(app, owner, client.id, {
      measure: 'PSFS',
      schedule: 'once',
      activities: [`Lifting ${marker}a`],
    });
    expect((await answerInApp(app, token, { measure: 'PSFS', answers: [7] })).statusCode).toBe(201);
    await enter(app, owner, client.id, {
      measure: 'PSFS',
      answers: [6],
      activities: [`Carrying ${marker}b`],
    });
    await enter(app, owner, client.id, { measure: 'PHQ-9', answers: phq9(3, 2) });
    const custom = (
      await as(app, owner, {
        method: 'POST',
        url: '/api/v1/custom-measures',
        payload: {
          name: 'Steps',
          items: [{ text: { en: 'Steps walked today' }, min: 0, max: 999 }],
          scoring: 'sum',
        },
      })
    ).json();
    // A distinctive custom answer and its score (the sum) must not be readable at rest.
    await enter(app, owner, client.id, { measure: custom.measure, answers: [987] });
    const history = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/outcome-responses`,
    });
    expect(JSON.stringify(history.json())).toContain(`${marker}b`);

    // The alert's kind (self_harm_risk) is plain, like "pain": the inbox lists and counts by it.
    const secrets = [`${marker}a`, `${marker}b`, '"answers":[987]', '"total":987', '"total":19'];
    const files = await scannable.files(app);
    expect(await filesContaining(files, ['Steps walked today'])).not.toEqual([]);
    expect(await filesContaining(files, secrets)).toEqual([]);
    expect(secrets.filter((secret) => logs.text.includes(secret))).toEqual([]);
    expect(logs.text).toContain('/outcome-responses');
  }, 120_000);
});
