import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { apiKeyHeaders, createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { createExercise } from '../exercises/exercises.testkit.js';
import { auditOf } from '../practices/team.testkit.js';

describe(`programs (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  const logs = new LogCapture();

  beforeAll(async () => {
    app = await buildTestApp({ logs });
  });
  afterAll(async () => {
    await app.close();
  });

  it('saves a program with dosage, education and outcome measures and answers it with an access code', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const saved = await saveProgram(app, owner, client.id, {
      items: [
        itemBody(LIBRARY.quadSet, { notes: 'Keep the towel under the knee.' }),
        itemBody(LIBRARY.legRaise, { side: null, load: null }),
      ],
      educationIds: [LIBRARY.persistentPain],
      outcomeMeasures: ['NPRS', 'LEFS'],
      note: 'Review in two weeks.',
    });
    expect(saved.accessCode).toMatch(/^[a-z]{10}$/);
    expect(saved.program).toMatchObject({
      clientId: client.id,
      version: 1,
      educationIds: [LIBRARY.persistentPain],
      outcomeMeasures: ['NPRS', 'LEFS'],
      note: 'Review in two weeks.',
      updatedBy: { id: owner.practitionerId, name: 'Greta Okafor' },
    });
    expect(saved.program.items[0]).toMatchObject({
      exerciseId: LIBRARY.quadSet,
      sets: 3,
      reps: 10,
      holdSeconds: 5,
      restSeconds: 30,
      timesPerDay: 2,
      daysPerWeek: 5,
      side: 'left',
      load: '2 kg',
      notes: 'Keep the towel under the knee.',
      exercise: { title: 'Quad set (static quadriceps)', source: 'library', archived: false },
    });
    expect(saved.program.items[1]).toMatchObject({ side: null, load: null, notes: null });

    const read = await as(app, owner, { url: `/api/v1/clients/${client.id}/program` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(saved);
    const german = await as(app, owner, { url: `/api/v1/clients/${client.id}/program?lang=de` });
    expect(german.json().program.items[0].exercise.title).toBe('Quadrizeps-Anspannung (statisch)');
  });

  it('names every bad field of a program in a 400 validation_failed', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const shape = await as(app, owner, {
      method: 'PUT',
      url: `/api/v1/clients/${client.id}/program`,
      payload: {
        items: [itemBody(LIBRARY.quadSet, { sets: 0, side: 'middle', daysPerWeek: 8 })],
        outcomeMeasures: ['XYZ'],
      },
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().error.code).toBe('validation_failed');
    const fields = shape.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['items.0.sets', 'items.0.side', 'items.0.daysPerWeek', 'outcomeMeasures.0']),
    );
    expect(shape.json().error.details).toContainEqual({
      field: 'items.0.sets',
      message: 'Enter the sets from 1 to 20.',
    });

    const unknown = await as(app, owner, {
      method: 'PUT',
      url: `/api/v1/clients/${client.id}/program`,
      payload: {
        items: [itemBody(LIBRARY.quadSet), itemBody('00000000-0000-4000-8000-000000000000')],
        educationIds: ['00000000-0000-4000-8000-000000000001'],
      },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([
      { field: 'items.1.exerciseId', message: 'This exercise was not found.' },
      { field: 'educationIds.0', message: 'This education article was not found.' },
    ]);
    const none = await as(app, owner, { url: `/api/v1/clients/${client.id}/program` });
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toEqual({ code: 'not_found', message: 'This client has no program yet.' });
  });

  it('keeps every saved version and lists them newest first', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    await saveProgram(app, owner, client.id, { items: [itemBody(LIBRARY.quadSet)] });
    await saveProgram(app, owner, client.id, {
      items: [itemBody(LIBRARY.quadSet), itemBody(LIBRARY.legRaise)],
    });
    const list = await as(app, owner, { url: `/api/v1/clients/${client.id}/program/versions` });
    expect(list.statusCode).toBe(200);
    expect(
      list.json().items.map((v: { version: number; itemCount: number }) => [v.version, v.itemCount]),
    ).toEqual([
      [2, 2],
      [1, 1],
    ]);
    expect(list.json().items[0].createdBy).toEqual({ id: owner.practitionerId, name: 'Greta Okafor' });
    const first = await as(app, owner, { url: `/api/v1/clients/${client.id}/program/versions/1` });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, items: [{ exerciseId: LIBRARY.quadSet }] });
    const missing = await as(app, owner, { url: `/api/v1/clients/${client.id}/program/versions/3` });
    expect(missing.statusCode).toBe(404);
    const malformed = await as(app, owner, { url: `/api/v1/clients/${client.id}/program/versions/0` });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details).toEqual([{ field: 'version', message: 'Versions count from 1.' }]);
  });

  it('keeps item ids across versions when they are sent back, and refuses ids the program never had', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const first = await saveProgram(app, owner, client.id, {
      items: [itemBody(LIBRARY.quadSet), itemBody(LIBRARY.legRaise)],
    });
    const [quad, raise] = first.program.items;
    const second = await saveProgram(app, owner, client.id, {
      items: [{ ...itemBody(LIBRARY.legRaise, { sets: 4 }), id: raise?.id }, itemBody(LIBRARY.pendulum)],
    });
    expect(second.program.items[0]).toMatchObject({ id: raise?.id, sets: 4 });
    expect(second.program.items[1]?.id).not.toBe(quad?.id);
    // An item dropped in version 2 can come back with its id in version 3.
    const third = await saveProgram(app, owner, client.id, {
      items: [{ ...itemBody(LIBRARY.quadSet), id: quad?.id }],
    });
    expect(third.program.items[0]?.id).toBe(quad?.id);
    const stranger = await as(app, owner, {
      method: 'PUT',
      url: `/api/v1/clients/${client.id}/program`,
      payload: { items: [{ ...itemBody(LIBRARY.quadSet), id: '00000000-0000-4000-8000-000000000002' }] },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.details[0].field).toBe('items.0.id');
  });

  it('copies a program to another client of the practice, with new item ids and without the program note', async () => {
    const owner = await signUp(app);
    const from = await createClient(app, owner);
    const to = await createClient(app, owner, { firstName: 'Bo' });
    const source = await saveProgram(app, owner, from.id, {
      items: [itemBody(LIBRARY.quadSet, { notes: 'Slowly.' })],
      outcomeMeasures: ['NPRS'],
      note: 'About this client only.',
    });
    const copy = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/clients/${from.id}/program/copy`,
      payload: { toClientId: to.id },
    });
    expect(copy.statusCode, copy.body).toBe(200);
    const copied = copy.json();
    expect(copied.program).toMatchObject({
      clientId: to.id,
      version: 1,
      note: null,
      outcomeMeasures: ['NPRS'],
      items: [{ exerciseId: LIBRARY.quadSet, sets: 3, notes: 'Slowly.' }],
    });
    expect(copied.program.items[0].id).not.toBe(source.program.items[0]?.id);
    expect(copied.accessCode).not.toBe(source.accessCode);
    const self = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/clients/${from.id}/program/copy`,
      payload: { toClientId: from.id },
    });
    expect(self.statusCode).toBe(400);
  });

  it('refuses to copy an exercise made for one client to another', async () => {
    const owner = await signUp(app);
    const from = await createClient(app, owner);
    const to = await createClient(app, owner, { firstName: 'Bo' });
    const own = await createExercise(app, owner, { featuredClientId: from.id });
    await saveProgram(app, owner, from.id, { items: [itemBody(own.id)] });
    const refused = await as(app, owner, {
      method: 'PUT',
      url: `/api/v1/clients/${to.id}/program`,
      payload: { items: [itemBody(own.id)] },
    });
    expect(refused.json().error.details).toEqual([
      { field: 'items.0.exerciseId', message: 'This exercise was made for another client.' },
    ]);
    const copy = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/clients/${from.id}/program/copy`,
      payload: { toClientId: to.id },
    });
    expect(copy.statusCode).toBe(422);
    expect(copy.json().error.code).toBe('content_not_transferable');
  });

  it("answers 404 not_found for another practice's client on every program route", async () => {
    const owner = await signUp(app);
    const mine = await createClient(app, owner);
    await saveProgram(app, owner, mine.id);
    const other = await signUp(app);
    const theirs = await createClient(app, other);
    await saveProgram(app, other, theirs.id);
    const requests = [
      {
        method: 'PUT',
        url: `/api/v1/clients/${theirs.id}/program`,
        payload: { items: [itemBody(LIBRARY.quadSet)] },
      },
      { method: 'GET', url: `/api/v1/clients/${theirs.id}/program` },
      { method: 'GET', url: `/api/v1/clients/${theirs.id}/program/versions` },
      { method: 'GET', url: `/api/v1/clients/${theirs.id}/program/versions/1` },
      { method: 'POST', url: `/api/v1/clients/${theirs.id}/access-code` },
      { method: 'POST', url: `/api/v1/clients/${theirs.id}/program/copy`, payload: { toClientId: mine.id } },
      { method: 'POST', url: `/api/v1/clients/${mine.id}/program/copy`, payload: { toClientId: theirs.id } },
      {
        method: 'POST',
        url: `/api/v1/clients/${theirs.id}/program/template`,
        payload: { name: 'X', shared: false },
      },
      { method: 'GET', url: `/api/v1/clients/${theirs.id}/program/handout.pdf` },
    ] as const;
    for (const request of requests) {
      const response = await as(app, owner, { ...request });
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    const untouched = await as(app, other, { url: `/api/v1/clients/${theirs.id}/program/versions` });
    expect(untouched.json().items).toHaveLength(1);
  });

  it('lists every program route in the OpenAPI document', async () => {
    const document = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/clients/{id}/program',
        '/api/v1/clients/{id}/program/versions/{version}',
        '/api/v1/clients/{id}/program/handout.pdf',
        '/api/v1/program-templates/{id}',
      ]),
    );
  });

  it('lets an integration save and read programs with its API key', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const headers = await apiKeyHeaders(app, owner);
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/v1/clients/${client.id}/program`,
      headers,
      payload: { items: [itemBody(LIBRARY.quadSet)] },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().program.updatedBy).toBeNull();
    const read = await app.inject({ url: `/api/v1/clients/${client.id}/program`, headers });
    expect(read.json().accessCode).toBe(saved.json().accessCode);
  });

  it('audits every read and change of a program against the client', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const other = await createClient(app, owner, { firstName: 'Bo' });
    await saveProgram(app, owner, client.id);
    await as(app, owner, { url: `/api/v1/clients/${client.id}/program` });
    await as(app, owner, { url: `/api/v1/clients/${client.id}/program/versions` });
    await as(app, owner, { url: `/api/v1/clients/${client.id}/program/versions/1` });
    await as(app, owner, { method: 'POST', url: `/api/v1/clients/${client.id}/access-code` });
    await as(app, owner, {
      method: 'POST',
      url: `/api/v1/clients/${client.id}/program/copy`,
      payload: { toClientId: other.id },
    });
    const events = (await auditOf(app, owner.practiceId)).filter((e) => e.subject_type === 'client');
    expect(events.filter((e) => e.subject_id === client.id).map((e) => e.action)).toEqual([
      'client.create',
      'program.save',
      'program.read',
      'program.list_versions',
      'program.read_version',
      'access_code.rotate',
      'program.copy',
    ]);
    expect(events.filter((e) => e.subject_id === other.id).map((e) => e.action)).toEqual([
      'client.create',
      'program.save',
    ]);
    expect(events.every((e) => e.actor_id === owner.practitionerId)).toBe(true);
  });

  it('never logs notes, refused or saved, and keeps them encrypted at rest', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const marker = `marker-${Date.now()}-knee-after-surgery`;
    await saveProgram(app, owner, client.id, {
      items: [itemBody(LIBRARY.quadSet, { notes: marker })],
      note: marker,
    });
    const refused = await as(app, owner, {
      method: 'PUT',
      url: `/api/v1/clients/${client.id}/program`,
      payload: { items: [itemBody(LIBRARY.quadSet, { notes: marker.repeat(200) })], note: marker },
    });
    expect(refused.statusCode).toBe(400);
    const read = await as(app, owner, { url: `/api/v1/clients/${client.id}/program` });
    expect(read.json().program.note).toBe(marker);
    const stored = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ row: string }>(
        tx,
        sql`select v::text as row from program_versions v where v.practice_id = ${owner.practiceId}`,
      ),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.row).not.toContain(marker);
    expect(logs.text).toContain('request refused');
    expect(logs.text).not.toContain(marker);
  });
});
