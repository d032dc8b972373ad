import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { filesContaining, openScannableDatabase, type ScannableDatabase } from '../../testing/at-rest.js';
import { engineUnderTest } from '../../testing/database.js';
import { clientReads, conversationOf, practiceReads } from '../messages/messages.testkit.js';
import { auditOf } from '../practices/team.testkit.js';

/** Rectification: the client asks for a correction from the app; the practice reads it in the conversation. */
describe(`correction requests (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let scannable: ScannableDatabase;

  beforeAll(async () => {
    scannable = await openScannableDatabase();
    app = await buildTestApp({ database: scannable.database });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await scannable.close();
  });

  const requestCorrection = (token: string, payload: unknown) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/patient/correction-requests',
      headers: { authorization: `Bearer ${token}` },
      payload: payload as Record<string, unknown>,
    });

  it('names each bad field in a 400, and needs the patient token', async () => {
    const owner = await signUp(app);
    const { token } = await conversationOf(app, owner);
    const bad = await requestCorrection(token, { field: 'shoeSize', message: '  ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
    const fields = bad
      .json()
      .error.details.map((detail: { field: string }) => detail.field)
      .sort();
    expect(fields).toEqual(['field', 'message']);
    expect((await requestCorrection(token, { message: 'x'.repeat(4001) })).statusCode).toBe(400);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/patient/correction-requests',
      payload: { message: 'Hi' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('reaches the practice in the conversation with its kind and field, and notifies it', async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    const response = await requestCorrection(token, { field: 'email', message: 'My address is new.' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      kind: 'correction_request',
      author: 'client',
      body: 'My address is new.',
      correction: { field: 'email' },
    });
    const unnamed = await requestCorrection(token, { message: 'My diagnosis is wrong.' });
    expect(unnamed.json()).toMatchObject({ correction: { field: null } });

    const practice = (await practiceReads(app, owner, client.id)).json();
    expect(practice.items).toMatchObject([
      { kind: 'correction_request', body: 'My address is new.', correction: { field: 'email' } },
      { kind: 'correction_request', body: 'My diagnosis is wrong.', correction: { field: null } },
    ]);
    expect(practice.unread).toBe(2);
    expect((await clientReads(app, token)).json().items[0]).toMatchObject({ correction: { field: 'email' } });

    const notifications = (await as(app, owner, { method: 'GET', url: '/api/v1/notifications' })).json();
    const raised = notifications.items
      .filter((item: { kind: string }) => item.kind === 'new_message')
      .map((item: { subjectId: string }) => item.subjectId);
    expect(raised).toContain(response.json().id);
    const actions = (await auditOf(app, owner.practiceId)).map((event) => event.action);
    expect(actions.filter((action) => action === 'correction_request.create')).toHaveLength(2);
  });

  it('stores the request encrypted: its words are not in the database files', async () => {
    const owner = await signUp(app);
    const lastName = `Plain${randomUUID().slice(0, 8)}`;
    const { token } = await conversationOf(app, owner, { lastName });
    const marker = `marker${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const response = await requestCorrection(token, { field: 'diagnosisCode', message: `It is ${marker}` });
    expect(response.statusCode, response.body).toBe(201);
    const files = await scannable.files(app);
    // The scan finds what is stored in plain text (the last name), so finding no marker means something.
    expect(await filesContaining(files, [lastName])).not.toEqual([]);
    expect(await filesContaining(files, [marker])).toEqual([]);
  }, 120_000);
});
