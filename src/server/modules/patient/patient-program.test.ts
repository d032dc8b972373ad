import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { png, upload } from '../exercises/exercises.testkit.js';
import { logEntries, patientSignIn, someIp } from './patient.testkit.js';

const today = () => new Date().toISOString().slice(0, 10);

describe(`the patient app's program (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const asPatient = (token: string, url: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, ...headers } });

  async function programFor(language: 'en' | 'de') {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { language, firstName: 'Jonas' });
    const saved = await saveProgram(app, owner, client.id, {
      items: [
        itemBody(LIBRARY.quadSet, { timesPerDay: 2, daysPerWeek: 7, notes: 'Keep the knee straight' }),
        itemBody(LIBRARY.pendulum),
      ],
      educationIds: [LIBRARY.persistentPain],
      note: 'Start gently',
    });
    const token = (await patientSignIn(app, { accessCode: saved.accessCode }, someIp())).json()
      .token as string;
    return { owner, client, saved, token };
  }

  it("answers each exercise in full in the client's language, with notes, education and what is due", async () => {
    const { saved, token } = await programFor('de');
    const response = await asPatient(token, '/api/v1/patient/program');
    expect(response.statusCode, response.body).toBe(200);
    const { client, program } = response.json();
    expect(client).toEqual({ firstName: 'Jonas' });
    expect(program.note).toBe('Start gently');
    expect(program.items.map((i: { id: string }) => i.id)).toEqual(saved.program.items.map((i) => i.id));
    const [quad] = program.items;
    expect(quad).toMatchObject({
      timesPerDay: 2,
      notes: 'Keep the knee straight',
      exercise: { language: 'de' },
    });
    expect(quad.exercise.instructions.length).toBeGreaterThan(0);
    expect(quad.today).toEqual({ doneToday: 0, remainingToday: 2, daysDoneThisWeek: 0, due: true });
    expect(program.education).toHaveLength(1);
    expect(program.education[0]).toMatchObject({ language: 'de' });
    expect(program.education[0].body.length).toBeGreaterThan(200);
  });

  it('counts down what is due as the client logs', async () => {
    const { token, saved } = await programFor('en');
    const quadId = saved.program.items[0]?.id as string;
    await logEntries(app, token, [{ programItemId: quadId, date: today() }]);
    const once = (await asPatient(token, `/api/v1/patient/program?date=${today()}`)).json();
    expect(once.program.items[0].today).toMatchObject({ doneToday: 1, remainingToday: 1, due: true });
    await logEntries(app, token, [{ programItemId: quadId, date: today() }]);
    const twice = (await asPatient(token, '/api/v1/patient/program')).json();
    expect(twice.program.items[0].today).toMatchObject({ doneToday: 2, remainingToday: 0, due: false });
  });

  it("refuses a day far from the server's", async () => {
    const { token } = await programFor('en');
    const response = await asPatient(token, '/api/v1/patient/program?date=2020-01-01');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].field).toBe('date');
  });

  it("streams the program's media with ranges, never an image of another client or outside the program", async () => {
    const { owner, client, token } = await programFor('en');
    const other = await createClient(app, owner, { firstName: 'Other' });
    const own = await upload(app, owner, LIBRARY.quadSet, { data: png('own'), filename: 'a.png' });
    const plain = await upload(app, owner, LIBRARY.quadSet, { data: png('plain'), filename: 'b.png' }, [
      { name: 'featuredClientId', value: client.id },
    ]);
    const foreign = await upload(app, owner, LIBRARY.quadSet, { data: png('foreign'), filename: 'c.png' }, [
      { name: 'featuredClientId', value: other.id },
    ]);
    const outside = await upload(app, owner, LIBRARY.legRaise, { data: png('outside'), filename: 'd.png' });
    for (const response of [own, plain, foreign, outside])
      expect(response.statusCode, response.body).toBe(201);

    const program = (await asPatient(token, '/api/v1/patient/program')).json().program;
    const listed = program.items[0].exercise.media.map((m: { id: string }) => m.id);
    expect(listed.sort()).toEqual([own.json().id, plain.json().id].sort());

    const whole = await asPatient(token, `/api/v1/patient/media/${own.json().id}`);
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('image/png');
    expect(whole.rawPayload.equals(png('own'))).toBe(true);
    const part = await asPatient(token, `/api/v1/patient/media/${own.json().id}`, { range: 'bytes=0-7' });
    expect(part.statusCode).toBe(206);
    expect(part.rawPayload.length).toBe(8);
    for (const refused of [foreign, outside]) {
      const response = await asPatient(token, `/api/v1/patient/media/${refused.json().id}`);
      expect(response.statusCode).toBe(404);
    }
  });

  it("does not serve another practice's client", async () => {
    const first = await programFor('en');
    const second = await programFor('en');
    const media = await upload(app, first.owner, LIBRARY.quadSet, { data: png('first'), filename: 'a.png' });
    const response = await asPatient(second.token, `/api/v1/patient/media/${media.json().id}`);
    expect(response.statusCode).toBe(404);
    const theirs = (await asPatient(second.token, '/api/v1/patient/program')).json();
    expect(theirs.program.items[0].exercise.media).toEqual([]);
  });
});
