import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RealtimeEvent, RealtimeListener } from '../../platform/realtime/realtime.js';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';
import type { RaisedNotification } from '../notifications/notifications.types.js';
import { logEntries } from '../patient/patient.testkit.js';
import { createMessagesService } from './messages.service.js';
import {
  clientMarksRead,
  clientReads,
  clientSends,
  conversationOf,
  practiceMarksRead,
  practiceSends,
  sent,
} from './messages.testkit.js';

const today = () => new Date().toISOString().slice(0, 10);

describe(`messages: realtime and notifications (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  const heard: RealtimeEvent[] = [];
  let unsubscribe: () => void;

  beforeAll(async () => {
    app = await buildTestApp();
    const listener: RealtimeListener = (event) => {
      if (event.type !== 'resync') heard.push(event);
    };
    unsubscribe = app.platform.realtime.subscribe(listener);
  });
  afterAll(async () => {
    unsubscribe();
    await app.close();
  });

  // Message events only: the notification centre announces its own.
  const heardFor = (clientId: string) =>
    heard.filter((event) => event.clientId === clientId && event.type.startsWith('message.'));

  /** The messages service on the app's platform, with a raiser of the test's own. */
  const serviceWith = (raise: (notification: RaisedNotification) => void) => {
    const { transactor, audit, cipher, clock, realtime } = app.platform;
    return createMessagesService({
      transactor,
      audit,
      cipher,
      clock,
      realtime,
      notifications: { raise: async (_tx, notification) => raise(notification) },
    });
  };
  const principal = (practiceId: string, clientId: string) => ({
    sessionId: 'test',
    expiresAt: new Date(Date.now() + 60_000),
    practiceId,
    clientId,
  });

  it('announces every new message and read receipt at commit, with ids only', async () => {
    const owner = await signUp(app);
    const { client, token } = await conversationOf(app, owner);
    const mine = await sent(practiceSends(app, owner, client.id, 'Ping'));
    const theirs = await sent(clientSends(app, token, 'Pong'));
    await practiceMarksRead(app, owner, client.id, theirs);
    await clientMarksRead(app, token, mine);
    const ref = { practiceId: owner.practiceId, clientId: client.id };
    await vi.waitFor(() =>
      expect(heardFor(client.id)).toEqual([
        { type: 'message.created', ...ref, id: mine },
        { type: 'message.created', ...ref, id: theirs },
        { type: 'message.read', ...ref, id: theirs },
        { type: 'message.read', ...ref, id: mine },
      ]),
    );
    // A receipt that reads nothing new is not announced.
    await practiceMarksRead(app, owner, client.id, theirs);
    await sent(practiceSends(app, owner, client.id, 'Marker of order'));
    await vi.waitFor(() => expect(heardFor(client.id)).toHaveLength(5));
    expect(heardFor(client.id)[4]?.type).toBe('message.created');
  });

  it('announces and stores nothing when the transaction rolls back', async () => {
    const owner = await signUp(app);
    const { client } = await conversationOf(app, owner);
    const failing = serviceWith(() => {
      throw new Error('the notification centre is down');
    });
    await expect(
      failing.postOwn(principal(owner.practiceId, client.id), 'Lost with its transaction', {}),
    ).rejects.toThrow('the notification centre is down');
    // A control message after it: once its event is heard, the rolled-back one would have been too.
    const control = await sent(practiceSends(app, owner, client.id, 'Control'));
    await vi.waitFor(() => expect(heardFor(client.id).map((event) => event.id)).toContain(control));
    expect(heardFor(client.id)).toEqual([
      { type: 'message.created', practiceId: owner.practiceId, clientId: client.id, id: control },
    ]);
    const view = await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}/messages` });
    expect(view.json().items.map((item: { body: string }) => item.body)).toEqual(['Control']);
  });

  it("raises a new-message notification for the client's messages, not the practice's", async () => {
    const owner = await signUp(app);
    const { client } = await conversationOf(app, owner);
    const raised: RaisedNotification[] = [];
    const messages = serviceWith((notification) => raised.push(notification));
    const caller = {
      practiceId: owner.practiceId,
      actor: { type: 'practitioner' as const, id: owner.practitionerId },
      practitionerId: owner.practitionerId,
      role: 'owner' as const,
    };
    await messages.post(caller, client.id, 'From the practice');
    expect(raised).toEqual([]);
    const own = await messages.postOwn(principal(owner.practiceId, client.id), 'From the client', {});
    expect(raised).toEqual([
      { practiceId: owner.practiceId, clientId: client.id, kind: 'new_message', subjectId: own.id },
    ]);
  });

  it("puts the client's messages and exercise feedback in the practice's notification centre", async () => {
    const owner = await signUp(app);
    const { client, token, programItemId } = await conversationOf(app, owner);
    await sent(practiceSends(app, owner, client.id, 'How did it go?'));
    const theirs = await sent(clientSends(app, token, 'Are you there?'));
    const logged = await logEntries(app, token, [{ programItemId, date: today(), comment: 'Too easy' }]);
    expect(logged.statusCode, logged.body).toBe(201);
    const feedback = (await clientReads(app, token)).json().items[2];
    expect(feedback).toMatchObject({ kind: 'exercise_feedback' });

    const notifications = await as(app, owner, { method: 'GET', url: '/api/v1/notifications' });
    expect(notifications.statusCode, notifications.body).toBe(200);
    const newMessages = notifications
      .json()
      .items.filter((item: { kind: string }) => item.kind === 'new_message')
      .map((item: { subjectId: string }) => item.subjectId);
    expect(newMessages.sort()).toEqual([theirs, feedback.id].sort());
    await vi.waitFor(() =>
      expect(heardFor(client.id).filter((event) => event.type === 'message.created')).toHaveLength(3),
    );
  });
});
