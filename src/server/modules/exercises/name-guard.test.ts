import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { createExercise, exerciseBody, mediaRowsOf } from './exercises.testkit.js';
import { createNameGuard } from './name-guard.js';

describe('the client-name guard', () => {
  const guard = createNameGuard([
    { firstName: 'Ann', lastName: 'Müller' },
    { firstName: 'José', lastName: 'Strauß' },
    { firstName: 'Anna-Lena', lastName: "O'Brien" },
    { firstName: 'Ørjan', lastName: 'van der Berg' },
    { firstName: 'A.', lastName: 'Øst' },
  ]);

  it.each([
    'Ann’s shoulder routine',
    'ANN: wall slide',
    'Knee bends for Müller',
    'Knee bends for muller',
    'Knee bends for MUELLER',
    'Jose stretch',
    'JOSÉ stretch',
    'Strauss lunge',
    'Anna-Lena squat',
    'anna lena squat',
    'Annalena squat',
    "O'Brien bridge",
    'OBrien bridge',
    'orjan step',
    'Step like Van der Berg',
  ])('finds a name in "%s"', (text) => {
    expect(guard.mentionsAName(text)).toBe(true);
  });

  it.each([
    'Annual review of the knee',
    'Banner pose',
    'Mullerian stretch',
    'Anna squat',
    'Berg climb',
    'A simple step: stand up, sit down',
    'Ostrich walk',
  ])('finds no name in "%s"', (text) => {
    expect(guard.mentionsAName(text)).toBe(false);
  });
});

describe(`custom exercises refuse client names (${engineUnderTest()})`, () => {
  const logs = new LogCapture();
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ logs });
  });
  afterAll(() => app.close());

  const post = (account: TestAccount, payload: Record<string, unknown>) =>
    as(app, account, { method: 'POST', url: '/api/v1/exercises', payload });

  function expectRefused(response: Awaited<ReturnType<typeof post>>, fields: string[], names: string[]) {
    expect(response.statusCode).toBe(422);
    const { error } = response.json();
    expect(error.code).toBe('client_name_in_exercise');
    expect(error.details.map((d: { field: string }) => d.field)).toEqual(fields);
    // The refusal must not tell its reader which client it found.
    for (const name of names) expect(response.body.toLowerCase()).not.toContain(name.toLowerCase());
  }

  it("refuses a client's first or last name in the title or description, whatever the case or accents", async () => {
    const owner = await signUp(app);
    await createClient(app, owner, { firstName: 'Zoë', lastName: 'Håkansson' });
    expectRefused(await post(owner, exerciseBody({ title: 'Bridge for ZOE' })), ['title'], ['zoe', 'zoë']);
    expectRefused(
      await post(owner, exerciseBody({ description: 'As hakansson does it at home.' })),
      ['description'],
      ['hakansson', 'håkansson'],
    );
    expectRefused(
      await post(owner, exerciseBody({ title: 'Zoë bridge', description: 'Like Håkansson.' })),
      ['title', 'description'],
      ['zoë', 'håkansson'],
    );
    expect(logs.text.toLowerCase()).not.toContain('håkansson');
    expect(await mediaRowsOf(app, owner.practiceId)).toEqual([]);
  });

  it('matches whole words only: the client "Ann" does not block "Annual"', async () => {
    const owner = await signUp(app);
    await createClient(app, owner, { firstName: 'Ann', lastName: 'Lee' });
    const response = await post(
      owner,
      exerciseBody({ title: 'Annual knee check', description: 'Sleek and slow.' }),
    );
    expect(response.statusCode, response.body).toBe(201);
  });

  it('checks translations and names the field of the translation', async () => {
    const owner = await signUp(app);
    await createClient(app, owner, { firstName: 'Jürgen', lastName: 'Lindqvist' });
    const response = await post(
      owner,
      exerciseBody({
        translations: {
          de: { title: 'Kniebeuge für Juergen', description: 'Langsam.', instructions: ['Stehen.'] },
        },
      }),
    );
    expectRefused(response, ['translations.de.title'], ['jürgen', 'juergen']);
  });

  it('checks edits: a name put into the title later is refused and nothing changes', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    await createClient(app, owner, { firstName: 'Ingrid', lastName: 'Sørensen' });
    const response = await as(app, owner, {
      method: 'PATCH',
      url: `/api/v1/exercises/${exercise.id}`,
      payload: { title: 'Sorensen wall slide' },
    });
    expectRefused(response, ['title'], ['sorensen', 'sørensen']);
    const read = await as(app, owner, { method: 'GET', url: `/api/v1/exercises/${exercise.id}` });
    expect(read.json().title).toBe('Wall slide with band');
  });

  it('counts archived clients too: their names stay in the practice records', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { firstName: 'Priya', lastName: 'Raman' });
    const archived = await as(app, owner, { method: 'POST', url: `/api/v1/clients/${client.id}/archive` });
    expect(archived.statusCode, archived.body).toBe(200);
    expectRefused(await post(owner, exerciseBody({ title: 'Priya hip hinge' })), ['title'], ['priya']);
  });

  it('leaves instructions and keywords alone, and ignores clients of other practices', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    await createClient(app, owner, { firstName: 'Tomasz', lastName: 'Nowak' });
    await createClient(app, other, { firstName: 'Keiko', lastName: 'Tanaka' });
    const response = await post(
      owner,
      exerciseBody({
        title: 'Tanaka-style shoulder roll',
        instructions: ['Show Tomasz the band first.'],
        keywords: ['nowak'],
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
  });

  it('lets an exercise feature a client whose name stays out of its text', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { firstName: 'Amara', lastName: 'Okoye' });
    const named = await post(owner, exerciseBody({ title: 'Amara bridge', featuredClientId: client.id }));
    expect(named.statusCode).toBe(422);
    const response = await post(owner, exerciseBody({ featuredClientId: client.id }));
    expect(response.statusCode, response.body).toBe(201);
  });
});
