import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { filesContaining, openScannableDatabase, type ScannableDatabase } from '../../testing/at-rest.js';
import { apiKeyHeaders, clientBody, createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { addMember } from '../practices/team.testkit.js';

describe(`clients: who reaches them (${engineUnderTest()})`, () => {
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

  const routesOf = (id: string) =>
    [
      { method: 'GET', url: `/api/v1/clients/${id}` },
      { method: 'PATCH', url: `/api/v1/clients/${id}`, payload: { firstName: 'Changed' } },
      { method: 'POST', url: `/api/v1/clients/${id}/archive` },
      { method: 'POST', url: `/api/v1/clients/${id}/restore` },
    ] as const;

  it("answers 404 for another practice's client on every route and changes nothing", async () => {
    const first = await signUp(app);
    const second = await signUp(app);
    const client = await createClient(app, first);
    for (const route of routesOf(client.id)) {
      const response = await as(app, second, { ...route });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    const unchanged = await as(app, first, { method: 'GET', url: `/api/v1/clients/${client.id}` });
    expect(unchanged.json()).toMatchObject({ firstName: 'Ada', archivedAt: null });
  });

  it('answers 404 for an unknown client id, as for one of another practice', async () => {
    const owner = await signUp(app);
    for (const route of routesOf(randomUUID())) {
      const response = await as(app, owner, { ...route });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
    }
  });

  it('keeps the front desk out of client records with 403, and lets a practitioner share them', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const frontDesk = await addMember(app, smtp, owner, 'front_desk');
    const practitioner = await addMember(app, smtp, owner, 'practitioner');
    const refused = [
      { method: 'GET', url: '/api/v1/clients' },
      { method: 'POST', url: '/api/v1/clients', payload: clientBody() },
      ...routesOf(client.id),
    ] as const;
    for (const route of refused) {
      const response = await as(app, frontDesk, { ...route });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    const shared = await as(app, practitioner, { method: 'GET', url: `/api/v1/clients/${client.id}` });
    expect(shared.statusCode).toBe(200);
    expect(shared.json().id).toBe(client.id);
  });

  it("lets the practice's API key add and read clients, never another practice's", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const headers = await apiKeyHeaders(app, owner);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/clients',
      headers,
      payload: { firstName: 'Pushed', lastName: 'ByPms', gender: 'male', yearOfBirth: 1970 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const read = await app.inject({ method: 'GET', url: `/api/v1/clients/${created.json().id}`, headers });
    expect(read.json().lastName).toBe('ByPms');
    const foreign = await createClient(app, other);
    const refused = await app.inject({ method: 'GET', url: `/api/v1/clients/${foreign.id}`, headers });
    expect(refused.statusCode).toBe(404);
  });
});

/** Mobile, email, diagnosis code and national identifier are encrypted; names are plain for search. */
describe(`client fields at rest and in logs (${engineUnderTest()})`, () => {
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

  it('keeps the encrypted fields out of the database files and the logs', async () => {
    const owner: TestAccount = await signUp(app, { country: 'GB' });
    const marker = `marker${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const lastName = `Plain${randomUUID().slice(0, 8)}`;
    const mobileDigits = `74009${String(Date.now()).slice(-5)}`;
    const client = await createClient(app, owner, {
      lastName,
      email: `${marker}@example.org`,
      mobile: `0${mobileDigits}`,
      diagnosisCode: 'S83.2',
      nationalId: '9434765919',
    });
    const read = await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}` });
    expect(read.json()).toMatchObject({ email: `${marker}@example.org`, mobile: `+44${mobileDigits}` });
    await as(app, owner, { method: 'GET', url: `/api/v1/clients?email=${marker}%40example.org` });

    const secrets = [marker, mobileDigits, 'S83.2', '9434765919'];
    const files = await scannable.files(app);
    // The scan sees what is stored in plain text (the last name), so finding nothing else means something.
    expect(await filesContaining(files, [lastName])).not.toEqual([]);
    expect(await filesContaining(files, secrets)).toEqual([]);
    expect(secrets.filter((secret) => logs.text.includes(secret))).toEqual([]);
    expect(logs.text).toContain('/api/v1/clients');
  }, 120_000);
});
