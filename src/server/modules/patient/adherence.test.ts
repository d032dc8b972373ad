import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { filesContaining, openScannableDatabase, type ScannableDatabase } from '../../testing/at-rest.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { auditOf } from '../practices/team.testkit.js';
import { logEntries, patientSignIn, someIp } from './patient.testkit.js';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe(`adherence (${engineUnderTest()})`, () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  async function signedInClient() {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const saved = await saveProgram(app, owner, client.id, {
      items: [itemBody(LIBRARY.quadSet, { timesPerDay: 1, daysPerWeek: 7 }), itemBody(LIBRARY.legRaise)],
    });
    const session = await patientSignIn(app, { accessCode: saved.accessCode }, someIp());
    const [first, second] = saved.program.items.map((item) => item.id) as [string, string];
    return { owner, client, saved, token: session.json().token as string, first, second };
  }

  it('stores each entry once however often the app replays it', async () => {
    const { owner, client, token, first, second } = await signedInClient();
    const batch = [
      {
        clientEntryId: randomUUID(),
        programItemId: first,
        date: today(),
        setsDone: 3,
        repsDone: 10,
        painLevel: 2,
      },
      {
        clientEntryId: randomUUID(),
        programItemId: second,
        date: today(),
        setsDone: 2,
        comment: 'A bit stiff',
      },
    ];
    const sent = await logEntries(app, token, batch);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().created).toBe(2);
    const replayed = await logEntries(app, token, batch);
    expect(replayed.statusCode).toBe(201);
    expect(replayed.json().created).toBe(0);
    expect(
      replayed
        .json()
        .items.map((e: { id: string }) => e.id)
        .sort(),
    ).toEqual(
      sent
        .json()
        .items.map((e: { id: string }) => e.id)
        .sort(),
    );
    // A replay carrying changed values is still the same entry: the first one stands.
    const changed = await logEntries(app, token, [
      { ...batch[0], programItemId: first, date: today(), painLevel: 9 },
    ]);
    expect(changed.json().items[0].painLevel).toBe(2);

    const view = await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}/adherence` });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().items).toHaveLength(2);
    expect(
      view.json().items.find((e: { programItemId: string }) => e.programItemId === second),
    ).toMatchObject({
      setsDone: 2,
      comment: 'A bit stiff',
      painLevel: null,
    });
    const actions = (await auditOf(app, owner.practiceId)).map((e) => e.action);
    expect(actions.filter((a) => a === 'adherence.create')).toHaveLength(1);
    expect(actions).toContain('adherence.read');
  });

  it('keeps entries for an exercise the practitioner removed while the app was offline', async () => {
    const { owner, client, token, first } = await signedInClient();
    await saveProgram(app, owner, client.id, { items: [itemBody(LIBRARY.pendulum)] });
    const late = await logEntries(app, token, [{ programItemId: first, date: daysAgo(1), setsDone: 3 }]);
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().items[0]).toMatchObject({ programItemId: first, programVersion: 2 });
  });

  it('names each bad entry by its place in the batch and stores none of the batch', async () => {
    const { owner, client, token, first } = await signedInClient();
    const response = await logEntries(app, token, [
      { programItemId: first, date: today() },
      { programItemId: randomUUID(), date: today() },
      { programItemId: first, date: '2001-01-01' },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'entries.1.programItemId',
      'entries.2.date',
    ]);
    const pain = await logEntries(app, token, [{ programItemId: first, date: today(), painLevel: 11 }]);
    expect(pain.json().error.details[0].field).toBe('entries.0.painLevel');
    const view = await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}/adherence` });
    expect(view.json().items).toEqual([]);
  });

  it('summarises adherence against the current program over the period asked for', async () => {
    const { owner, client, token, first } = await signedInClient();
    await logEntries(app, token, [
      { programItemId: first, date: daysAgo(2), painLevel: 4 },
      { programItemId: first, date: daysAgo(1), painLevel: 2 },
      { programItemId: first, date: today() },
    ]);
    const url = `/api/v1/clients/${client.id}/adherence?from=${daysAgo(6)}&to=${today()}`;
    const { summary } = (await as(app, owner, { method: 'GET', url })).json();
    expect(summary).toMatchObject({ activeDays: 3, currentStreak: 3, lastActivity: today() });
    expect(summary.perExercise[0]).toMatchObject({
      programItemId: first,
      prescribed: 7,
      done: 3,
      averagePain: 3,
    });
    expect(summary.painTrend.map((p: { max: number }) => p.max)).toEqual([4, 2]);
    const bad = await as(app, owner, {
      method: 'GET',
      url: `/api/v1/clients/${client.id}/adherence?from=2020-01-01`,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lists the practice dashboard by who has been quiet longest, or by adherence, with counts only', async () => {
    const owner = await signUp(app);
    const active = await createClient(app, owner, { firstName: 'Active', lastName: 'Aalto' });
    const quiet = await createClient(app, owner, { firstName: 'Quiet', lastName: 'Berg' });
    await createClient(app, owner, { firstName: 'NoProgram', lastName: 'Carlsson' });
    const daily = { items: [itemBody(LIBRARY.quadSet, { timesPerDay: 1, daysPerWeek: 7 })] };
    const code = async (clientId: string) => (await saveProgram(app, owner, clientId, daily)).accessCode;
    const activeToken = (await patientSignIn(app, { accessCode: await code(active.id) }, someIp())).json()
      .token;
    const quietToken = (await patientSignIn(app, { accessCode: await code(quiet.id) }, someIp())).json()
      .token;
    const itemOf = async (clientId: string) =>
      (await as(app, owner, { method: 'GET', url: `/api/v1/clients/${clientId}/program` })).json().program
        .items[0].id as string;
    const activeItem = await itemOf(active.id);
    await logEntries(
      app,
      activeToken,
      [0, 1, 2, 3, 4, 5, 6].map((n) => ({ programItemId: activeItem, date: daysAgo(n) })),
    );
    await logEntries(app, quietToken, [{ programItemId: await itemOf(quiet.id), date: daysAgo(5) }]);

    const byInactivity = (
      await as(app, owner, { method: 'GET', url: '/api/v1/adherence-overview?days=7' })
    ).json();
    expect(byInactivity.items).toEqual([
      expect.objectContaining({
        firstName: 'Quiet',
        lastActivity: daysAgo(5),
        prescribed: 7,
        done: 1,
        percent: 14,
      }),
      expect.objectContaining({
        firstName: 'Active',
        lastActivity: today(),
        prescribed: 7,
        done: 7,
        percent: 100,
      }),
    ]);
    const byAdherence = await as(app, owner, {
      method: 'GET',
      url: '/api/v1/adherence-overview?sort=adherence',
    });
    expect(byAdherence.json().items.map((c: { firstName: string }) => c.firstName)).toEqual([
      'Quiet',
      'Active',
    ]);
    const other = await signUp(app);
    const theirs = await as(app, other, { method: 'GET', url: '/api/v1/adherence-overview' });
    expect(theirs.json().items).toEqual([]);
  });

  it('refuses a request without a patient token, or with a practitioner cookie only', async () => {
    const { owner, first } = await signedInClient();
    const anonymous = await logEntries(app, 'not-a-token', [{ programItemId: first, date: today() }]);
    expect(anonymous.statusCode).toBe(401);
    const practitioner = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/patient/adherence',
      payload: { entries: [{ clientEntryId: randomUUID(), programItemId: first, date: today() }] },
    });
    expect(practitioner.statusCode).toBe(401);
  });
});

describe(`adherence comments at rest (${engineUnderTest()})`, () => {
  const logs = new LogCapture();
  let app: FastifyInstance;
  let scannable: ScannableDatabase;

  beforeAll(async () => {
    scannable = await openScannableDatabase();
    app = await buildTestApp({ database: scannable.database, logs, env: { LOG_LEVEL: 'trace' } });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await scannable.close();
  });

  it('keeps a comment out of the database files and the logs', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const saved = await saveProgram(app, owner, client.id);
    const token = (await patientSignIn(app, { accessCode: saved.accessCode }, someIp())).json().token;
    const marker = `marker${randomUUID().replaceAll('-', '')}`;
    const itemId = saved.program.items[0]?.id as string;
    const logged = await logEntries(app, token, [{ programItemId: itemId, date: today(), comment: marker }]);
    expect(logged.statusCode, logged.body).toBe(201);
    const read = await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}/adherence` });
    expect(read.json().items[0].comment).toBe(marker);

    const files = await scannable.files(app);
    expect(await filesContaining(files, [client.lastName])).not.toEqual([]);
    expect(await filesContaining(files, [marker, saved.accessCode])).toEqual([]);
    expect(logs.text).not.toContain(marker);
    expect(logs.text).not.toContain(saved.accessCode);
  }, 120_000);
});
