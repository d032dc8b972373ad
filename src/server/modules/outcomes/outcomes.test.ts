import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { apiKeyHeaders, createClient } from '../../testing/clients.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { patientSignIn, someIp } from '../patient/patient.testkit.js';
import { auditOf } from '../practices/team.testkit.js';
import { answerInApp, appClient, assign, dueInApp, enter, phq9 } from './outcomes.testkit.js';

const DAY = 24 * 60 * 60 * 1000;

describe(`outcome measures (${engineUnderTest()})`, () => {
  const clock = new FakeClock(new Date('2026-03-02T09:00:00Z'));
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());

  it('scores answers taken in clinic, with band and flags, and lists them decrypted', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const entered = await enter(app, owner, client.id, { measure: 'PHQ-9', answers: phq9(0, 2) });
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json()).toMatchObject({
      measure: 'PHQ-9',
      source: 'clinic',
      enteredBy: owner.practitionerId,
      answers: phq9(0, 2),
      score: { total: 16, band: 'moderately_severe', flags: [] },
      change: null,
    });
    const flagged = await enter(app, owner, client.id, { measure: 'PHQ-9', answers: phq9(1, 0) });
    expect(flagged.json().score).toEqual({ total: 1, band: 'minimal', flags: ['self_harm_risk'] });
    const fabq = await enter(app, owner, client.id, { measure: 'FABQ', answers: Array(16).fill(2) });
    expect(fabq.json().score).toEqual({ total: 32, subscales: { physicalActivity: 8, work: 14 }, flags: [] });

    const history = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/outcome-responses?measure=PHQ-9`,
    });
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items.map((item: { score: { total: number } }) => item.score.total)).toEqual([
      16, 1,
    ]);
    const all = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/outcome-responses`,
    });
    expect(all.json().items).toHaveLength(3);
    const actions = (await auditOf(app, owner.practiceId)).map((event) => event.action);
    expect(actions.filter((action) => action === 'outcome_response.create')).toHaveLength(3);
    expect(actions).toContain('outcome_response.list');
  });

  it('refuses incomplete or unknown answers with a 400 naming each problem', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const answers = phq9(0, 1);
    answers[2] = null;
    answers[6] = null;
    const missing = await enter(app, owner, client.id, { measure: 'PHQ-9', answers });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('validation_failed');
    expect(missing.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'answers[2]',
      'answers[6]',
    ]);
    const outOfRange = await enter(app, owner, client.id, { measure: 'NPRS', answers: [11] });
    expect(outOfRange.json().error.details).toEqual([{ field: 'answers[0]', message: expect.any(String) }]);
    const unknown = await enter(app, owner, client.id, { measure: 'XYZ-1', answers: [1] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].field).toBe('measure');
    const future = await enter(app, owner, client.id, {
      measure: 'NPRS',
      answers: [3],
      takenAt: new Date(clock.now().getTime() + DAY).toISOString(),
    });
    expect(future.json().error.details[0].field).toBe('takenAt');
    const listed = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/outcome-responses`,
    });
    expect(listed.json().items).toEqual([]);
  });

  it('makes a weekly measure due in the app, answered, then due again a week later', async () => {
    const owner = await signUp(app);
    const pms = await apiKeyHeaders(app, owner);
    const { client, token, signIn } = await appClient(app, owner, { language: 'de' });
    const assigned = await assign(app, owner, client.id, {
      measure: 'PHQ-9',
      schedule: 'every_weeks',
      interval: 1,
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    expect(assigned.json()).toMatchObject({
      measure: 'PHQ-9',
      schedule: 'every_weeks',
      interval: 1,
      due: true,
    });
    const again = await assign(app, owner, client.id, { measure: 'PHQ-9', schedule: 'once' });
    expect(again.statusCode).toBe(409);

    const due = await dueInApp(app, token);
    expect(due.statusCode, due.body).toBe(200);
    const [item] = due.json().items;
    expect(item.measure.measure).toBe('PHQ-9');
    expect(item.measure.language).toBe('de');
    expect(item.measure.items[0].text).toBe('Wenig Interesse oder Freude an Ihren Tätigkeiten');
    expect(item.measure.items[0].options[0]).toEqual({ value: 0, label: 'Überhaupt nicht' });

    const answered = await answerInApp(app, token, { measure: 'PHQ-9', answers: phq9(0, 1) });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json()).toMatchObject({
      source: 'patient',
      assignmentId: assigned.json().id,
      score: { total: 8, band: 'mild', flags: [] },
    });
    expect((await dueInApp(app, token)).json().items).toEqual([]);
    const early = await answerInApp(app, token, { measure: 'PHQ-9', answers: phq9(0, 1) });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('not_due');

    clock.advance(6 * DAY);
    const fresh = await signIn();
    expect((await dueInApp(app, fresh)).json().items).toEqual([]);
    clock.advance(DAY);
    expect((await dueInApp(app, fresh)).json().items).toHaveLength(1);
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/clients/${client.id}/outcome-assignments`,
      headers: pms,
    });
    expect(listed.json().items[0]).toMatchObject({ due: true, nextDueAt: expect.any(String) });
  });

  it('keeps a one-off measure due until answered, and "at discharge" until the discharge', async () => {
    const owner = await signUp(app);
    const { client, token } = await appClient(app, owner);
    await assign(app, owner, client.id, { measure: 'NPRS', schedule: 'once' });
    const atDischarge = await assign(app, owner, client.id, { measure: 'GROC', schedule: 'at_discharge' });
    expect(atDischarge.json()).toMatchObject({ due: false, nextDueAt: null });
    const weekly = await assign(app, owner, client.id, {
      measure: 'GAD-7',
      schedule: 'every_days',
      interval: 3,
    });
    expect(weekly.statusCode, weekly.body).toBe(201);
    const noInterval = await assign(app, owner, client.id, { measure: 'LEFS', schedule: 'every_days' });
    expect(noInterval.json().error.details[0].field).toBe('interval');

    const codes = async () =>
      (await dueInApp(app, token))
        .json()
        .items.map((item: { measure: { measure: string } }) => item.measure.measure);
    expect((await codes()).sort()).toEqual(['GAD-7', 'NPRS']);
    expect((await answerInApp(app, token, { measure: 'NPRS', answers: [4] })).statusCode).toBe(201);
    expect(await codes()).toEqual(['GAD-7']);
    expect((await answerInApp(app, token, { measure: 'GROC', answers: [3] })).statusCode).toBe(409);

    const discharged = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/clients/${client.id}/outcome-assignments/discharge`,
    });
    expect(discharged.statusCode, discharged.body).toBe(200);
    expect(await codes()).toEqual(['GROC']);
    expect((await answerInApp(app, token, { measure: 'GROC', answers: [3] })).statusCode).toBe(201);
    expect(await codes()).toEqual([]);

    const ended = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/clients/${client.id}/outcome-assignments/${weekly.json().id}/end`,
    });
    expect(ended.json().endedAt).not.toBeNull();
    const active = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/outcome-assignments?active=true`,
    });
    expect(
      active
        .json()
        .items.map((item: { measure: string }) => item.measure)
        .sort(),
    ).toEqual(['GROC', 'NPRS']);
  });

  it('keeps the PSFS activities with the assignment and the response', async () => {
    const owner = await signUp(app);
    const { client, token } = await appClient(app, owner);
    const assigned = await assign(app, owner, client.id, {
      measure: 'PSFS',
      schedule: 'once',
      activities: ['Climbing stairs', 'Gardening'],
    });
    expect(assigned.json().activities).toEqual(['Climbing stairs', 'Gardening']);
    const [item] = (await dueInApp(app, token)).json().items;
    expect(item.activities).toEqual(['Climbing stairs', 'Gardening']);
    const answered = await answerInApp(app, token, { measure: 'PSFS', answers: [4, 7] });
    expect(answered.json()).toMatchObject({
      activities: ['Climbing stairs', 'Gardening'],
      score: { total: 5.5, flags: [] },
    });
    const mismatched = await enter(app, owner, client.id, {
      measure: 'PSFS',
      answers: [4, 7],
      activities: ['Running'],
    });
    expect(mismatched.json().error.details[0].field).toBe('activities');
  });

  it('charts a measure with its bands and marks changes that reach the MCID', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    for (const [pain, daysAgo] of [
      [8, 20],
      [7, 10],
      [5, 1],
    ] as const)
      await enter(app, owner, client.id, {
        measure: 'NPRS',
        answers: [pain],
        takenAt: new Date(clock.now().getTime() - daysAgo * DAY).toISOString(),
      });
    const progress = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/outcome-progress?measure=NPRS`,
    });
    expect(progress.statusCode, progress.body).toBe(200);
    const body = progress.json();
    expect(body).toMatchObject({
      measure: 'NPRS',
      range: { min: 0, max: 10 },
      direction: 'lower_is_better',
      mcid: 2,
    });
    expect(body.baseline.total).toBe(8);
    expect(body.points.map((p: { total: number; change: unknown }) => [p.total, p.change])).toEqual([
      [8, null],
      [7, { delta: -1, improved: true, worsened: false, clinicallyImportant: false }],
      [5, { delta: -3, improved: true, worsened: false, clinicallyImportant: true }],
    ]);
    const phq = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/outcome-progress?measure=PHQ-9&lang=de`,
    });
    expect(phq.json()).toMatchObject({ points: [], baseline: null });
    expect(phq.json().bands[0]).toEqual({ code: 'minimal', from: 0, to: 4, label: 'Minimal' });
  });

  it("lists the catalogue with texts in the asked language, licensed structure, and the practice's own", async () => {
    const owner = await signUp(app);
    const custom = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/custom-measures',
      payload: {
        name: 'Morning stiffness',
        items: [{ text: { en: 'Minutes of stiffness', de: 'Minuten Steifigkeit' }, min: 0, max: 120 }],
        scoring: 'sum',
      },
    });
    expect(custom.statusCode, custom.body).toBe(201);
    const response = await as(app, owner, { method: 'GET', url: '/api/v1/outcome-measures?lang=de' });
    expect(response.statusCode, response.body).toBe(200);
    const byCode = new Map(response.json().items.map((m: { measure: string }) => [m.measure, m]));
    expect(byCode.get('PHQ-9')).toMatchObject({ language: 'de', textAvailable: true });
    expect(byCode.get('LEFS')).toMatchObject({ language: 'en', textAvailable: true });
    expect(byCode.get('ODI')).toMatchObject({ textAvailable: false, contentPack: null });
    expect((byCode.get('ODI') as { items: { text: null }[] }).items[0]?.text).toBeNull();
    expect(byCode.get(custom.json().measure)).toMatchObject({
      custom: true,
      name: 'Morning stiffness',
      items: [{ text: 'Minuten Steifigkeit', min: 0, max: 120 }],
    });
  });

  it('creates, assigns, scores, updates and archives a custom measure', async () => {
    const owner = await signUp(app);
    const { client, token } = await appClient(app, owner);
    const definition = {
      name: 'Balance confidence',
      items: [
        { text: { en: 'Standing on one leg' }, min: 0, max: 10 },
        { text: { en: 'Walking in the dark' }, min: 0, max: 10 },
      ],
      scoring: 'mean',
      bands: [
        { code: 'low', from: 0, to: 4, label: { en: 'Low' } },
        { code: 'high', from: 5, to: 10, label: { en: 'High' } },
      ],
      higherIsBetter: true,
      mcid: 2,
    };
    const bad = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/custom-measures',
      payload: { ...definition, items: [{ text: { en: 'x' }, min: 5, max: 5 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('items.0.max');
    const created = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/custom-measures',
      payload: definition,
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, measure } = created.json();
    expect(measure).toBe(`custom:${id}`);
    expect((await assign(app, owner, client.id, { measure, schedule: 'once' })).statusCode).toBe(201);
    const missing = await answerInApp(app, token, { measure, answers: [3, null] });
    expect(missing.json().error.details[0].field).toBe('answers[1]');
    const answered = await answerInApp(app, token, { measure, answers: [3, 8] });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json()).toMatchObject({
      measure,
      name: 'Balance confidence',
      score: { total: 5.5, band: 'high' },
    });

    const url = `/api/v1/custom-measures/${id}`;
    const renamed = await as(app, owner, { method: 'PUT', url, payload: { ...definition, name: 'Balance' } });
    expect(renamed.json().name).toBe('Balance');
    const rescored = await as(app, owner, {
      method: 'PUT',
      url,
      payload: { ...definition, scoring: 'sum', bands: [] },
    });
    expect(rescored.statusCode).toBe(409);
    expect(rescored.json().error.code).toBe('measure_in_use');

    const archived = await as(app, owner, { method: 'POST', url: `${url}/archive` });
    expect(archived.json().archivedAt).not.toBeNull();
    const other = await createClient(app, owner);
    expect((await assign(app, owner, other.id, { measure, schedule: 'once' })).statusCode).toBe(400);
    const listed = await as(app, owner, { method: 'GET', url: '/api/v1/custom-measures?archived=true' });
    expect(listed.json().items).toHaveLength(1);
    expect((await as(app, owner, { method: 'GET', url: '/api/v1/custom-measures' })).json().items).toEqual(
      [],
    );
    const actions = (await auditOf(app, owner.practiceId)).map((event) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['custom_measure.create', 'custom_measure.update', 'custom_measure.archive']),
    );
  });

  it('assigns the measures a saved program lists, once each', async () => {
    const owner = await signUp(app);
    const { client, saved } = await appClient(app, owner);
    const body = {
      items: [{ ...saved.program.items[0], exerciseId: saved.program.items[0]?.exerciseId }],
      outcomeMeasures: ['PHQ-9', 'LEFS'],
    };
    const url = `/api/v1/clients/${client.id}/program`;
    expect((await as(app, owner, { method: 'PUT', url, payload: body })).statusCode).toBe(200);
    expect((await as(app, owner, { method: 'PUT', url, payload: body })).statusCode).toBe(200);
    const listed = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/outcome-assignments`,
    });
    expect(
      listed.json().items.map((item: { measure: string; schedule: string }) => [item.measure, item.schedule]),
    ).toEqual([
      ['PHQ-9', 'once'],
      ['LEFS', 'once'],
    ]);
  });

  it('asks for the year of birth once the record holds a response', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const { accessCode } = await (async () => {
      const response = await as(app, owner, {
        method: 'PUT',
        url: `/api/v1/clients/${client.id}/program`,
        payload: { items: [] },
      });
      return response.json() as { accessCode: string };
    })();
    expect((await patientSignIn(app, { accessCode }, someIp())).statusCode).toBe(201);
    await enter(app, owner, client.id, { measure: 'NPRS', answers: [3] });
    const gated = await patientSignIn(app, { accessCode }, someIp());
    expect(gated.statusCode).toBe(401);
    expect(gated.json().error.code).toBe('year_of_birth_required');
  });
});
