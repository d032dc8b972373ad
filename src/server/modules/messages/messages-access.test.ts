import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { apiKeyHeaders } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.js';
import { addMember } from '../practices/team.testkit.js';
import {
  clientMarksRead,
  clientReads,
  clientSends,
  conversationOf,
  practiceReads,
  practiceSends,
  sent,
} from './messages.testkit.js';

describe(`messages: who reaches them (${engineUnderTest()})`, () => {
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

  const routesOf = (clientId: string, messageId: string) =>
    [
      { method: 'GET', url: `/api/v1/clients/${clientId}/messages` },
      { method: 'POST', url: `/api/v1/clients/${clientId}/messages`, payload: { body: 'Hello' } },
      { method: 'POST', url: `/api/v1/clients/${clientId}/messages/read`, payload: { upTo: messageId } },
    ] as const;

  it("answers 404 for another practice's client on every route and changes nothing", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    const theirs = await sent(clientSends(app, token, 'Only for my practice'));
    for (const route of routesOf(client.id, theirs)) {
      const response = await as(app, other, { ...route });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    const unchanged = (await practiceReads(app, owner, client.id)).json();
    expect(unchanged.items).toHaveLength(1);
    expect(unchanged.items[0].readAt).toBeNull();
    const summary = (await as(app, other, { method: 'GET', url: '/api/v1/messages/unread' })).json();
    expect(summary).toEqual({ total: 0, items: [] });
  });

  it('answers 404 for an unknown client id, as for one of another practice', async () => {
    const owner = await signUp(app);
    for (const route of routesOf(randomUUID(), randomUUID())) {
      const response = await as(app, owner, { ...route });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it("gives a patient token its own conversation only, never another practice's", async () => {
    const ownerA = await signUp(app);
    const ownerB = await signUp(app);
    const a = await conversationOf(app, ownerA);
    const b = await conversationOf(app, ownerB);
    const toA = await sent(practiceSends(app, ownerA, a.client.id, 'For A only'));
    await sent(practiceSends(app, ownerB, b.client.id, 'For B only'));

    const seenByB = await clientReads(app, b.token);
    expect(seenByB.json().items.map((item: { body: string }) => item.body)).toEqual(['For B only']);
    expect((await clientReads(app, b.token, `?after=${toA}`)).statusCode).toBe(400);
    expect((await clientMarksRead(app, b.token, toA)).statusCode).toBe(400);
    expect((await clientReads(app, a.token)).json().items[0].readAt).toBeNull();
    await sent(clientSends(app, b.token, 'From B'));
    expect((await practiceReads(app, ownerA, a.client.id)).json().items).toHaveLength(1);
  });

  it('answers 401 to the patient routes without a live token', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }]) {
      for (const route of [
        { method: 'GET', url: '/api/v1/patient/messages' },
        { method: 'GET', url: '/api/v1/patient/messages/unread' },
        { method: 'POST', url: '/api/v1/patient/messages', payload: { body: 'Hi' } },
        { method: 'POST', url: '/api/v1/patient/messages/read', payload: { upTo: randomUUID() } },
      ] as const) {
        const response = await app.inject({ ...route, headers });
        expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      }
    }
  });

  it('keeps the front desk out of conversations with 403, and lets a practitioner take part', async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    const theirs = await sent(clientSends(app, token, 'Hello practice'));
    const frontDesk = await addMember(app, smtp, owner, 'front_desk');
    const practitioner = await addMember(app, smtp, owner, 'practitioner');
    for (const route of [...routesOf(client.id, theirs), { method: 'GET', url: '/api/v1/messages/unread' }]) {
      const response = await as(app, frontDesk, { ...route });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    const reply = await practiceSends(app, practitioner, client.id, 'Hello from your physio');
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json().practitioner).toMatchObject({ id: practitioner.practitionerId, firstName: 'Ilse' });
    const read = await as(app, practitioner, {
      method: 'POST',
      url: `/api/v1/clients/${client.id}/messages/read`,
      payload: { upTo: theirs },
    });
    expect(read.json()).toEqual({ marked: 1, unread: 0 });
    const view = (await practiceReads(app, owner, client.id)).json();
    expect(view.items[0].readByPractitionerId).toBe(practitioner.practitionerId);
  });

  it("lets the practice's API key read, write and mark read, never another practice's client", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const headers = await apiKeyHeaders(app, owner);
    const { client, token } = await conversationOf(app, owner);
    const theirs = await sent(clientSends(app, token, 'To the practice'));

    const posted = await app.inject({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/messages`,
      headers,
      payload: { body: 'Your appointment is confirmed.' },
    });
    expect(posted.statusCode, posted.body).toBe(201);
    expect(posted.json()).toMatchObject({ author: 'practitioner', practitioner: null });
    const read = await app.inject({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/messages/read`,
      headers,
      payload: { upTo: theirs },
    });
    expect(read.json()).toEqual({ marked: 1, unread: 0 });
    const list = await app.inject({ method: 'GET', url: `/api/v1/clients/${client.id}/messages`, headers });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((item: { body: string }) => item.body)).toEqual([
      'To the practice',
      'Your appointment is confirmed.',
    ]);
    const unread = await app.inject({ method: 'GET', url: '/api/v1/messages/unread', headers });
    expect(unread.json()).toEqual({ total: 0, items: [] });

    const foreign = await conversationOf(app, other);
    const refused = await app.inject({
      method: 'GET',
      url: `/api/v1/clients/${foreign.client.id}/messages`,
      headers,
    });
    expect(refused.statusCode).toBe(404);
  });
});
