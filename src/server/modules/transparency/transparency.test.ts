import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { apiKeyHeaders, createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { clientSends, conversationOf, sent } from '../messages/messages.testkit.js';
import { auditOf } from '../practices/team.testkit.js';
import { DATA_CATEGORY_IDS } from './data-categories.js';

const mailgun = {
  name: 'Mailgun EU',
  purpose: { en: 'Sends our email', de: 'Versendet unsere E-Mails' },
  location: 'Germany (EU)',
  dataCategories: ['practitioner_account', 'client_contact'],
  termsUrl: 'https://www.mailgun.com/legal/terms/',
  service: 'smtp',
};

describe(`transparency: processors, privacy, who opened my record (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp({
      env: {
        REGION: 'uk',
        PROCESSORS: JSON.stringify([mailgun]),
        SMS_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
        TWILIO_AUTH_TOKEN: 'token',
        SMS_FROM: '+441234567890',
      },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const accessOf = (token: string, query = '') =>
    app.inject({
      method: 'GET',
      url: `/api/v1/patient/record-access${query}`,
      headers: { authorization: `Bearer ${token}` },
    });

  it('shows any member the register with the derived SMS gateway, and nobody signed out', async () => {
    const owner = await signUp(app);
    const response = await as(app, owner, { method: 'GET', url: '/api/v1/processors' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items).toMatchObject([
      {
        name: 'Mailgun EU',
        source: 'register',
        dataCategories: [
          { id: 'practitioner_account', label: { en: 'Practitioner account' } },
          { id: 'client_contact', label: { de: 'Kontaktdaten der Klient:innen' } },
        ],
      },
      { name: 'Twilio (SMS)', service: 'sms', source: 'derived' },
    ]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/processors' })).statusCode).toBe(401);
  });

  it('answers the public privacy summary without a session', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/privacy' });
    expect(response.statusCode, response.body).toBe(200);
    const privacy = response.json();
    expect(privacy.region).toBe('uk');
    expect(privacy.processors.map((entry: { name: string }) => entry.name)).toEqual([
      'Mailgun EU',
      'Twilio (SMS)',
    ]);
    expect(privacy.dataCategories.map((entry: { id: string }) => entry.id)).toEqual(DATA_CATEGORY_IDS);
    expect(privacy.dataCategories).toContainEqual(
      expect.objectContaining({ id: 'client_contact', protection: ['enc', 'bidx'] }),
    );
    expect(privacy.neverStored).toHaveLength(3);
  });

  it("lists a practitioner's read and edit and an API key's read, newest first, with the fields changed", async () => {
    const owner = await signUp(app, { firstName: 'Greta', lastName: 'Okafor' });
    const { client, token } = await conversationOf(app, owner, { email: 'ada@example.org' });
    expect((await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}` })).statusCode).toBe(
      200,
    );
    const edit = await as(app, owner, {
      method: 'PATCH',
      url: `/api/v1/clients/${client.id}`,
      payload: { email: 'ada.l@example.org', lastName: 'Berg', gender: 'female' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const pms = await apiKeyHeaders(app, owner);
    const read = await app.inject({ method: 'GET', url: `/api/v1/clients/${client.id}`, headers: pms });
    expect(read.statusCode).toBe(200);

    const response = await accessOf(token);
    expect(response.statusCode, response.body).toBe(200);
    const [byKey, edited, viewed] = response.json().items;
    expect(byKey).toMatchObject({
      who: { type: 'api_key', name: 'PMS', role: null },
      activity: 'viewed_details',
    });
    // The gender was not changed (the test client's already is female): only real changes are named.
    expect(edited).toMatchObject({
      who: { type: 'practitioner', name: 'Greta Okafor', role: 'owner' },
      activity: 'changed_details',
      fields: ['lastName', 'email'],
    });
    expect(viewed).toMatchObject({ activity: 'viewed_details', fields: [] });
    expect(new Date(edited.at).getTime()).toBeGreaterThanOrEqual(new Date(viewed.at).getTime());
    // Never the values.
    expect(response.body).not.toContain('ada.l@example.org');
    expect(response.body).not.toContain('Berg');
  });

  it("leaves out the client's own acts and other clients' records, and audits the reading", async () => {
    const owner = await signUp(app);
    const mine = await conversationOf(app, owner);
    const other = await createClient(app, owner);
    await sent(clientSends(app, mine.token, 'Hello'));
    expect((await as(app, owner, { method: 'GET', url: `/api/v1/clients/${other.id}` })).statusCode).toBe(
      200,
    );

    const items = (await accessOf(mine.token)).json().items as { who: { type: string }; activity: string }[];
    // conversationOf saved a program (and created the client); nothing else happened to this client.
    expect(items.map((item) => item.activity)).toEqual(['changed_program', 'created_record']);
    expect(items.every((item) => item.who.type === 'practitioner')).toBe(true);
    const audit = await auditOf(app, owner.practiceId);
    expect(audit.filter((event) => event.action === 'client.access_log_read')).toMatchObject([
      { subject_type: 'client', subject_id: mine.client.id, actor_id: mine.client.id },
    ]);
  });

  it("keeps practices apart: another practice's acts never appear, and it cannot reach the client", async () => {
    const first = await signUp(app);
    const second: TestAccount = await signUp(app);
    const ours = await conversationOf(app, first);
    const theirs = await conversationOf(app, second);
    const reach = await as(app, second, { method: 'GET', url: `/api/v1/clients/${ours.client.id}` });
    expect(reach.statusCode).toBe(404);
    await as(app, second, { method: 'GET', url: `/api/v1/clients/${theirs.client.id}` });

    const ourItems = (await accessOf(ours.token)).json().items;
    const theirItems = (await accessOf(theirs.token)).json().items;
    expect(ourItems.map((item: { activity: string }) => item.activity)).toEqual([
      'changed_program',
      'created_record',
    ]);
    expect(theirItems.map((item: { activity: string }) => item.activity)).toEqual([
      'viewed_details',
      'changed_program',
      'created_record',
    ]);
  });

  it('pages with limit and offset, and refuses a request without a patient token', async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    for (let i = 0; i < 3; i++) await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}` });
    const first = (await accessOf(token, '?limit=2')).json();
    expect(first).toMatchObject({ hasMore: true });
    expect(first.items).toHaveLength(2);
    const rest = (await accessOf(token, '?limit=2&offset=4')).json();
    expect(rest).toMatchObject({ hasMore: false });
    expect(rest.items.map((item: { activity: string }) => item.activity)).toEqual(['created_record']);
    expect((await accessOf(token, '?limit=0')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/patient/record-access' })).statusCode).toBe(401);
  });
});
