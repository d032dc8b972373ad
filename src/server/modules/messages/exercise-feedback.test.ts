import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { saveProgram } from '../../testing/programs.js';
import { logEntries, patientSignIn, someIp } from '../patient/patient.testkit.js';
import {
  clientReads,
  clientSends,
  conversationOf,
  practiceReads,
  practiceSends,
  sent,
  YEAR_OF_BIRTH,
} from './messages.testkit.js';

const today = () => new Date().toISOString().slice(0, 10);

describe(`exercise feedback and the year-of-birth gate (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows the comment on a logged exercise once, with its exercise, however often the sync replays', async () => {
    const owner = await signUp(app);
    const { client, token, programItemId } = await conversationOf(app, owner);
    const batch = [
      {
        clientEntryId: randomUUID(),
        programItemId,
        date: today(),
        painLevel: 3,
        comment: '  Knee felt stiff  ',
      },
      { clientEntryId: randomUUID(), programItemId, date: today(), comment: '   ' },
      { clientEntryId: randomUUID(), programItemId, date: today() },
    ];
    for (let sync = 0; sync < 3; sync++) {
      const logged = await logEntries(app, token, batch);
      expect(logged.statusCode, logged.body).toBe(201);
    }

    const view = await practiceReads(app, owner, client.id);
    expect(view.json()).toMatchObject({ unread: 1, hasMore: false });
    expect(view.json().items).toEqual([
      expect.objectContaining({
        kind: 'exercise_feedback',
        author: 'client',
        practitioner: null,
        body: 'Knee felt stiff',
        exercise: { programItemId, title: 'Quad set (static quadriceps)' },
        readAt: null,
      }),
    ]);
    const german = await practiceReads(app, owner, client.id, '?lang=de');
    expect(german.json().items[0].exercise.title).toBe('Quadrizeps-Anspannung (statisch)');
    const inApp = await clientReads(app, token);
    expect(inApp.json()).toMatchObject({ unread: 0, items: [{ kind: 'exercise_feedback' }] });
  });

  it("shows feedback among the messages, in the client's language in the app", async () => {
    const owner = await signUp(app);
    const { client, token, programItemId } = await conversationOf(app, owner, { language: 'de' });
    await sent(practiceSends(app, owner, client.id, 'Wie geht es?'));
    await logEntries(app, token, [{ programItemId, date: today(), comment: 'Etwas steif' }]);
    await sent(clientSends(app, token, 'Sonst gut.'));
    const items = (await clientReads(app, token)).json().items;
    expect(items.map((item: { kind: string; body: string }) => [item.kind, item.body])).toEqual([
      ['text', 'Wie geht es?'],
      ['exercise_feedback', 'Etwas steif'],
      ['text', 'Sonst gut.'],
    ]);
    expect(items[1].exercise).toEqual({ programItemId, title: 'Quadrizeps-Anspannung (statisch)' });
    expect(items[0].exercise).toBeNull();
  });

  it('asks for the year of birth once the record holds a message, before any exercise is logged', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { yearOfBirth: YEAR_OF_BIRTH });
    const { accessCode } = await saveProgram(app, owner, client.id);
    expect((await patientSignIn(app, { accessCode }, someIp())).statusCode).toBe(201);

    await sent(practiceSends(app, owner, client.id, 'Welcome to your program.'));
    const codeOnly = await patientSignIn(app, { accessCode }, someIp());
    expect(codeOnly.statusCode).toBe(401);
    expect(codeOnly.json().error.code).toBe('year_of_birth_required');
    const withYear = await patientSignIn(app, { accessCode, yearOfBirth: YEAR_OF_BIRTH }, someIp());
    expect(withYear.statusCode, withYear.body).toBe(201);
  });
});
