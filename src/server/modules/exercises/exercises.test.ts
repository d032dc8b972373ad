import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { auditActions, createExercise, exerciseBody, JPEG, upload } from './exercises.testkit.js';

const GERMAN = {
  title: 'Wandrutschen mit Band',
  description: 'Stärkt die Kontrolle des Schulterblatts beim Heben des Arms.',
  instructions: ['Mit dem Rücken zur Wand stehen.', 'Die Unterarme die Wand hinaufschieben.'],
};

describe(`custom exercises (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  const post = (account: TestAccount, payload: Record<string, unknown>) =>
    as(app, account, { method: 'POST', url: '/api/v1/exercises', payload });
  const patch = (account: TestAccount, id: string, payload: Record<string, unknown>) =>
    as(app, account, { method: 'PATCH', url: `/api/v1/exercises/${id}`, payload });
  const archive = (account: TestAccount, id: string) =>
    as(app, account, { method: 'DELETE', url: `/api/v1/exercises/${id}` });
  const get = (account: TestAccount, id: string, lang = 'en') =>
    as(app, account, { method: 'GET', url: `/api/v1/exercises/${id}?lang=${lang}` });
  const fieldsOf = (response: { json(): { error: { details?: { field: string }[] } } }) =>
    (response.json().error.details ?? []).map((d) => d.field).sort();

  it('creates a custom exercise with every field and reads it back', async () => {
    const owner = await signUp(app);
    const response = await post(owner, exerciseBody({ keywords: ['scapula'], translations: { de: GERMAN } }));
    expect(response.statusCode, response.body).toBe(201);
    const exercise = response.json();
    expect(exercise).toMatchObject({
      source: 'practice',
      language: 'en',
      languages: ['de', 'en'],
      title: 'Wall slide with band',
      instructions: exerciseBody().instructions,
      keywords: ['scapula'],
      bodyRegion: 'shoulder',
      equipment: ['resistance_band', 'wall'],
      position: 'standing',
      difficulty: 'moderate',
      contraindications: ['shoulder_instability'],
      defaultDosage: exerciseBody().defaultDosage,
      featuredClientId: null,
      thumbnailMediaId: null,
      media: [],
    });
    const read = await get(owner, exercise.id, 'de');
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id: exercise.id, title: GERMAN.title, language: 'de' });
    expect(await auditActions(app, owner.practiceId)).toContain('exercise.create exercise');
  });

  it('creates an exercise written in German only', async () => {
    const owner = await signUp(app);
    const response = await post(owner, exerciseBody({ ...GERMAN, language: 'de' }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ language: 'de', languages: ['de'], title: GERMAN.title });
  });

  it('finds a custom exercise in search for its own practice only', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const word = `zq${randomUUID().slice(0, 6)}`;
    const exercise = await createExercise(app, owner, { title: `Band slide ${word}` });
    const search = (account: TestAccount) =>
      as(app, account, { method: 'GET', url: `/api/v1/exercises?q=${word}` });
    expect((await search(owner)).json().items.map((i: { id: string }) => i.id)).toEqual([exercise.id]);
    expect((await search(other)).json().items).toEqual([]);
  });

  it('names every bad field in a 400 validation_failed with a message for a person', async () => {
    const owner = await signUp(app);
    const response = await post(
      owner,
      exerciseBody({
        title: '   ',
        description: 'x'.repeat(1001),
        instructions: [],
        bodyRegion: 'elbowish',
        equipment: ['none', 'wall'],
        contraindications: ['pregnancy_late', 'pregnancy_late'],
        defaultDosage: { ...exerciseBody().defaultDosage, sets: 50 },
      }),
    );
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('validation_failed');
    expect(fieldsOf(response)).toEqual([
      'bodyRegion',
      'contraindications',
      'defaultDosage.sets',
      'description',
      'equipment',
      'instructions',
      'title',
    ]);
    const message = (field: string) =>
      error.details.find((d: { field: string }) => d.field === field)?.message as string;
    expect(message('title')).toBe('Give the exercise a title.');
    expect(message('description')).toBe('Use at most 1000 characters for the description.');
    expect(message('instructions')).toBe('Give at least one instruction.');
    expect(message('contraindications')).toBe('A contraindication is listed twice.');
  });

  it('asks for the missing fields of a body without them', async () => {
    const owner = await signUp(app);
    const response = await post(owner, {});
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(
      expect.arrayContaining(['title', 'description', 'instructions', 'bodyRegion', 'defaultDosage']),
    );
  });

  it('refuses a translation in the language of the main text', async () => {
    const owner = await signUp(app);
    const response = await post(owner, exerciseBody({ translations: { en: GERMAN } }));
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['translations']);
  });

  it('edits fields and texts, keeping what is not given, and audits the change', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const response = await patch(owner, exercise.id, {
      title: 'Wall slide, slow',
      difficulty: 'hard',
      translations: { de: GERMAN },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      title: 'Wall slide, slow',
      description: exerciseBody().description,
      instructions: exerciseBody().instructions,
      difficulty: 'hard',
      bodyRegion: 'shoulder',
      languages: ['de', 'en'],
    });
    const german = await patch(owner, exercise.id, { language: 'de', title: 'Langsames Wandrutschen' });
    expect(german.statusCode, german.body).toBe(200);
    expect(german.json()).toMatchObject({ language: 'de', title: 'Langsames Wandrutschen' });
    expect((await get(owner, exercise.id)).json().title).toBe('Wall slide, slow');
    const actions = await auditActions(app, owner.practiceId);
    expect(actions.filter((a) => a.startsWith('exercise.'))).toEqual([
      'exercise.create exercise',
      'exercise.update exercise',
      'exercise.update exercise',
    ]);
  });

  it('edits the only text of a German exercise when no language is given', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner, { ...GERMAN, language: 'de' });
    const response = await patch(owner, exercise.id, { title: 'Langsames Wandrutschen' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      language: 'de',
      languages: ['de'],
      title: 'Langsames Wandrutschen',
      description: GERMAN.description,
    });
    // A translation alone in that language replaces its text whole.
    const replaced = await patch(owner, exercise.id, { translations: { de: { ...GERMAN, title: 'Neu' } } });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().title).toBe('Neu');
  });

  it('refuses an edit giving the same language twice', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    for (const body of [
      { title: 'Slow slide', translations: { en: GERMAN } },
      { language: 'de', translations: { de: GERMAN } },
    ]) {
      const response = await patch(owner, exercise.id, body);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toEqual(['translations']);
    }
  });

  it('asks for the whole text when an edit starts a language the exercise lacks', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const response = await patch(owner, exercise.id, { language: 'de', title: 'Wandrutschen' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['description', 'instructions']);
  });

  it('validates an edit like a creation', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const response = await patch(owner, exercise.id, { title: '', position: 'upside_down' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['position', 'title']);
  });

  it('archives an exercise: it leaves search and editing, its page and media stay readable', async () => {
    const owner = await signUp(app);
    const word = `zq${randomUUID().slice(0, 6)}`;
    const exercise = await createExercise(app, owner, { title: `Band slide ${word}` });
    const media = (await upload(app, owner, exercise.id, { data: JPEG })).json();
    expect((await archive(owner, exercise.id)).statusCode).toBe(204);
    const search = await as(app, owner, { method: 'GET', url: `/api/v1/exercises?q=${word}` });
    expect(search.json().items).toEqual([]);
    const read = await get(owner, exercise.id);
    expect(read.statusCode).toBe(200);
    expect(read.json().archivedAt).not.toBeNull();
    expect((await as(app, owner, { method: 'GET', url: `/api/v1/media/${media.id}` })).statusCode).toBe(200);
    expect((await patch(owner, exercise.id, { title: 'Again' })).statusCode).toBe(404);
    expect((await archive(owner, exercise.id)).statusCode).toBe(404);
    expect(await auditActions(app, owner.practiceId)).toContain('exercise.archive exercise');
  });

  it('marks an exercise as featuring a client, audits it on the client, and can unmark it', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const exercise = await createExercise(app, owner, { featuredClientId: client.id });
    expect(exercise.featuredClientId).toBe(client.id);
    const unmarked = await patch(owner, exercise.id, { featuredClientId: null });
    expect(unmarked.statusCode, unmarked.body).toBe(200);
    expect(unmarked.json().featuredClientId).toBeNull();
    const actions = await auditActions(app, owner.practiceId);
    expect(actions.filter((a) => a.endsWith(' client') && a.includes('exercise'))).toEqual([
      'client.exercise.create client',
      'client.exercise.update client',
    ]);
  });

  it('refuses to feature a client of another practice or one that does not exist (404)', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const stranger = await createClient(app, other);
    for (const id of [stranger.id, randomUUID()]) {
      const response = await post(owner, exerciseBody({ featuredClientId: id }));
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    const exercise = await createExercise(app, owner);
    expect((await patch(owner, exercise.id, { featuredClientId: stranger.id })).statusCode).toBe(404);
  });
});
