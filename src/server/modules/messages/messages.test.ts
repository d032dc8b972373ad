import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';
import { auditOf } from '../practices/team.testkit.js';
import {
  clientMarksRead,
  clientReads,
  clientSends,
  conversationOf,
  practiceMarksRead,
  practiceReads,
  practiceSends,
  sent,
} from './messages.testkit.js';

describe(`messages (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const bodies = (response: { json(): { items: { body: string }[] } }) =>
    response.json().items.map((item) => item.body);

  it('carries a conversation both ways, newest last, with who wrote each message', async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    const first = await practiceSends(app, owner, client.id, '  How is the knee today?  ');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      kind: 'text',
      author: 'practitioner',
      practitioner: { id: owner.practitionerId, firstName: 'Greta', lastName: 'Okafor' },
      body: 'How is the knee today?',
      exercise: null,
      readAt: null,
      readByPractitionerId: null,
    });
    const reply = await clientSends(app, token, 'Better, thank you.');
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ author: 'client', practitioner: null, body: 'Better, thank you.' });
    expect(reply.json()).not.toHaveProperty('readByPractitionerId');

    const practiceView = await practiceReads(app, owner, client.id);
    expect(practiceView.statusCode, practiceView.body).toBe(200);
    expect(bodies(practiceView)).toEqual(['How is the knee today?', 'Better, thank you.']);
    expect(practiceView.json()).toMatchObject({ hasMore: false, unread: 1 });
    const clientView = await clientReads(app, token);
    expect(clientView.statusCode, clientView.body).toBe(200);
    expect(bodies(clientView)).toEqual(['How is the knee today?', 'Better, thank you.']);
    expect(clientView.json()).toMatchObject({ hasMore: false, unread: 1 });
    expect(clientView.json().items[0]).not.toHaveProperty('readByPractitionerId');
  });

  it("marks the client's messages read up to one, with a receipt the client sees", async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    const first = await sent(clientSends(app, token, 'The exercises hurt a little.'));
    const second = await sent(clientSends(app, token, 'Should I go on?'));

    const partly = await practiceMarksRead(app, owner, client.id, first);
    expect(partly.statusCode, partly.body).toBe(200);
    expect(partly.json()).toEqual({ marked: 1, unread: 1 });
    const seen = (await clientReads(app, token)).json().items;
    expect(seen[0].readAt).not.toBeNull();
    expect(seen[1].readAt).toBeNull();
    const practiceView = (await practiceReads(app, owner, client.id)).json();
    expect(practiceView.items[0].readByPractitionerId).toBe(owner.practitionerId);
    expect(practiceView.unread).toBe(1);

    expect((await practiceMarksRead(app, owner, client.id, second)).json()).toEqual({ marked: 1, unread: 0 });
    // Marking again changes nothing: the first reading stands.
    expect((await practiceMarksRead(app, owner, client.id, second)).json()).toEqual({ marked: 0, unread: 0 });
  });

  it("marks the practice's messages read from the app, which the practice sees", async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    await sent(practiceSends(app, owner, client.id, 'Three sets a day, please.'));
    const latest = await sent(practiceSends(app, owner, client.id, 'And rest on Sundays.'));
    const own = await sent(clientSends(app, token, 'Will do.'));
    expect((await clientReads(app, token)).json().unread).toBe(2);
    const unreadCount = () =>
      app.inject({
        method: 'GET',
        url: '/api/v1/patient/messages/unread',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await unreadCount()).json()).toEqual({ unread: 2 });

    // Up to the client's own message: every earlier message of the practice is read too.
    const marked = await clientMarksRead(app, token, own);
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toEqual({ marked: 2, unread: 0 });
    expect((await unreadCount()).json()).toEqual({ unread: 0 });
    const practiceView = (await practiceReads(app, owner, client.id)).json();
    const readAts = practiceView.items.map((item: { id: string; readAt: string | null }) => [
      item.id,
      item.readAt !== null,
    ]);
    expect(readAts).toEqual([
      [expect.any(String), true],
      [latest, true],
      [own, false],
    ]);
    expect(practiceView.items[1].readByPractitionerId).toBeNull();
  });

  it("counts the practice's unread messages per client, the most recent first", async () => {
    const owner = await signUp(app);
    const colleague = await signUp(app);
    const quiet = await conversationOf(app, owner, { firstName: 'Quinn' });
    const early = await conversationOf(app, owner, { firstName: 'Ellis' });
    const late = await conversationOf(app, owner, { firstName: 'Lior' });
    await sent(practiceSends(app, owner, quiet.client.id, 'Only the practice wrote here.'));
    await sent(clientSends(app, early.token, 'One'));
    await sent(clientSends(app, early.token, 'Two'));
    const lateId = await sent(clientSends(app, late.token, 'Three'));
    await sent(clientSends(app, (await conversationOf(app, colleague)).token, 'Elsewhere'));

    const summary = await as(app, owner, { method: 'GET', url: '/api/v1/messages/unread' });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({
      total: 3,
      items: [
        { client: { id: late.client.id, firstName: 'Lior', lastName: 'Lindqvist' }, unread: 1 },
        { client: { id: early.client.id, firstName: 'Ellis' }, unread: 2 },
      ],
    });
    await practiceMarksRead(app, owner, late.client.id, lateId);
    const after = (await as(app, owner, { method: 'GET', url: '/api/v1/messages/unread' })).json();
    expect(after.total).toBe(2);
    expect(after.items.map((item: { client: { id: string } }) => item.client.id)).toEqual([early.client.id]);
  });

  it('pages back with before and catches up with after, on both sides', async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5])
      ids.push(
        await sent(n % 2 ? practiceSends(app, owner, client.id, `m${n}`) : clientSends(app, token, `m${n}`)),
      );

    const latest = await practiceReads(app, owner, client.id, '?limit=2');
    expect(bodies(latest)).toEqual(['m4', 'm5']);
    expect(latest.json().hasMore).toBe(true);
    const earlier = await practiceReads(app, owner, client.id, `?limit=2&before=${ids[3]}`);
    expect(bodies(earlier)).toEqual(['m2', 'm3']);
    const earliest = await practiceReads(app, owner, client.id, `?limit=2&before=${ids[1]}`);
    expect(bodies(earliest)).toEqual(['m1']);
    expect(earliest.json().hasMore).toBe(false);

    const catchUp = await clientReads(app, token, `?limit=2&after=${ids[1]}`);
    expect(bodies(catchUp)).toEqual(['m3', 'm4']);
    expect(catchUp.json().hasMore).toBe(true);
    const rest = await clientReads(app, token, `?limit=2&after=${ids[3]}`);
    expect(bodies(rest)).toEqual(['m5']);
    expect(rest.json().hasMore).toBe(false);
    const nothingNew = await practiceReads(app, owner, client.id, `?after=${ids[4]}`);
    expect(nothingNew.json()).toMatchObject({ items: [], hasMore: false, unread: 2 });
  });

  it('refuses empty, blank and overlong bodies with validation_failed, on both sides', async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    for (const body of ['', '   \n ', 'x'.repeat(4001), undefined, 42]) {
      for (const response of [
        await practiceSends(app, owner, client.id, body),
        await clientSends(app, token, body),
      ]) {
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json().error).toMatchObject({
          code: 'validation_failed',
          details: [{ field: 'body', message: expect.any(String) }],
        });
      }
    }
    const longest = await practiceSends(app, owner, client.id, ` ${'y'.repeat(4000)} `);
    expect(longest.statusCode, longest.body).toBe(201);
    expect(longest.json().body).toHaveLength(4000);
    expect((await practiceReads(app, owner, client.id)).json().items).toHaveLength(1);
  });

  it('refuses cursors outside the conversation, and before with after', async () => {
    const owner = await signUp(app);
    const one = await conversationOf(app, owner);
    const other = await conversationOf(app, owner);
    const foreign = await sent(practiceSends(app, owner, other.client.id, 'Another conversation'));
    const own = await sent(practiceSends(app, owner, one.client.id, 'This conversation'));
    const cases = [
      [await practiceReads(app, owner, one.client.id, `?before=${foreign}`), 'before'],
      [await clientReads(app, one.token, `?after=${foreign}`), 'after'],
      [await practiceReads(app, owner, one.client.id, `?before=${own}&after=${own}`), 'after'],
      [await practiceReads(app, owner, one.client.id, '?limit=0'), 'limit'],
      [await practiceReads(app, owner, one.client.id, '?after=nope'), 'after'],
      [await clientMarksRead(app, one.token, foreign), 'upTo'],
      [await practiceMarksRead(app, owner, one.client.id, foreign), 'upTo'],
    ] as const;
    for (const [response, field] of cases) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.details[0].field).toBe(field);
    }
    expect((await practiceReads(app, owner, other.client.id)).json().items[0].readAt).toBeNull();
  });

  it('audits every read, message and receipt against the client, without content', async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    const before = (await auditOf(app, owner.practiceId)).length;
    const mine = await sent(practiceSends(app, owner, client.id, 'Audit me not'));
    await practiceReads(app, owner, client.id);
    await clientReads(app, token);
    const theirs = await sent(clientSends(app, token, 'Nor me'));
    await clientMarksRead(app, token, mine);
    await practiceMarksRead(app, owner, client.id, theirs);
    await as(app, owner, { method: 'GET', url: '/api/v1/messages/unread' });

    const entries = (await auditOf(app, owner.practiceId)).slice(before);
    expect(entries.map((e) => [e.action, e.subject_type, e.subject_id, e.actor_id])).toEqual([
      ['message.create', 'client', client.id, owner.practitionerId],
      ['message.list', 'client', client.id, owner.practitionerId],
      ['message.list', 'client', client.id, client.id],
      ['message.create', 'client', client.id, client.id],
      ['message.mark_read', 'client', client.id, client.id],
      ['message.mark_read', 'client', client.id, owner.practitionerId],
      ['message.unread_summary', 'client_count', '0', owner.practitionerId],
    ]);
  });
  it('documents its routes in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/clients/{id}/messages',
        '/api/v1/clients/{id}/messages/read',
        '/api/v1/messages/unread',
        '/api/v1/patient/messages',
        '/api/v1/patient/messages/read',
      ]),
    );
    const page = document.paths['/api/v1/patient/messages'].get.responses['200'].content['application/json'];
    expect(Object.keys(page.schema.properties)).toEqual(['items', 'hasMore', 'unread']);
  });
});
