import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { apiKeyHeaders, createClient } from '../../testing/clients.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { saveProgram } from '../../testing/programs.js';
import { createNotifications } from '../notifications/notifications.service.js';
import { answerInApp, appClient, assign, enter, phq9 } from '../outcomes/outcomes.testkit.js';
import { logEntries, patientSignIn, someIp } from '../patient/patient.testkit.js';
import { auditOf } from '../practices/team.testkit.js';
import { createAlertsService } from './alerts.service.js';

const DAY = 24 * 60 * 60 * 1000;

interface Alert {
  id: string;
  kind: string;
  urgent: boolean;
  client: { id: string };
  details: Record<string, unknown> | null;
}

describe(`alert rules for adherence and outcomes (${engineUnderTest()})`, () => {
  // Near the real time: the test database is shared by parallel workers, and another worker's daily
  // check (with the real clock) must find this file's clients freshly started, not months silent.
  const clock = new FakeClock(new Date());
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());

  /** The practice's alerts through an API key, which outlives the fake clock's jumps. */
  const alertsOf = async (headers: Record<string, string>, query = '') =>
    (await app.inject({ method: 'GET', url: `/api/v1/alerts${query}`, headers })).json().items as Alert[];
  // The daily job's check, for this test's practice only: run for every practice with a clock days
  // ahead, it would raise alerts in other workers' practices.
  const runDailyCheck = (practiceId: string) => {
    const { transactor, audit, cipher, jobs, realtime } = app.platform;
    const notifications = createNotifications({ transactor, audit, clock, jobs, realtime });
    return createAlertsService({ transactor, audit, cipher, clock, notifications }).raiseNoAdherence({
      practiceId,
    });
  };
  const notificationsOf = async (account: TestAccount) =>
    (await as(app, account, { method: 'GET', url: '/api/v1/notifications' })).json().items as {
      kind: string;
      subjectId: string;
    }[];

  it('answers the new rules with their defaults, and PHQ-9 item 9 always on', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const defaults = await as(app, owner, { method: 'GET', url: '/api/v1/alert-rules' });
    expect(defaults.json()).toEqual({
      painAtOrAbove: null,
      noAdherenceDays: null,
      scoreWorseByMcid: null,
      effective: { painAtOrAbove: 10, noAdherenceDays: 7, scoreWorseByMcid: true, selfHarmRisk: true },
    });
    await as(app, owner, { method: 'PUT', url: '/api/v1/alert-rules', payload: { noAdherenceDays: 5 } });
    const url = `/api/v1/clients/${client.id}/alert-rules`;
    const own = await as(app, owner, {
      method: 'PUT',
      url,
      payload: { scoreWorseByMcid: false, noAdherenceDays: 0 },
    });
    expect(own.json()).toEqual({
      painAtOrAbove: null,
      noAdherenceDays: 0,
      scoreWorseByMcid: false,
      effective: { painAtOrAbove: 10, noAdherenceDays: 0, scoreWorseByMcid: false, selfHarmRisk: true },
    });
    // A rule left out stays; null goes back to the practice's.
    const partly = await as(app, owner, { method: 'PUT', url, payload: { noAdherenceDays: null } });
    expect(partly.json()).toMatchObject({
      noAdherenceDays: null,
      scoreWorseByMcid: false,
      effective: { noAdherenceDays: 5 },
    });
    const bad = await as(app, owner, { method: 'PUT', url, payload: { noAdherenceDays: 91 } });
    expect(bad.json().error.details[0].field).toBe('noAdherenceDays');
  });

  it('raises an urgent alert and a notification when PHQ-9 item 9 is above 0', async () => {
    const owner = await signUp(app);
    const pms = await apiKeyHeaders(app, owner);
    const { client, token } = await appClient(app, owner);
    await assign(app, owner, client.id, { measure: 'PHQ-9', schedule: 'once' });
    const answered = await answerInApp(app, token, { measure: 'PHQ-9', answers: phq9(2, 0) });
    expect(answered.json().score.flags).toEqual(['self_harm_risk']);
    const [alert] = await alertsOf(pms);
    expect(alert).toMatchObject({
      kind: 'self_harm_risk',
      urgent: true,
      client: { id: client.id },
      details: { responseId: answered.json().id, measure: 'PHQ-9' },
    });
    const notified = await notificationsOf(owner);
    expect(notified).toContainEqual(expect.objectContaining({ kind: 'outcome_alert', subjectId: alert?.id }));
    const acknowledged = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/alerts/${alert?.id}/acknowledge`,
    });
    expect(acknowledged.json()).toMatchObject({ urgent: true, acknowledgedBy: owner.practitionerId });
    expect(await alertsOf(pms)).toEqual([]);
    // The client's own rules cannot turn it off.
    await as(app, owner, {
      method: 'PUT',
      url: `/api/v1/clients/${client.id}/alert-rules`,
      payload: { scoreWorseByMcid: false },
    });
    await enter(app, owner, client.id, { measure: 'PHQ-9', answers: phq9(1, 0) });
    expect((await alertsOf(pms)).map((a) => a.kind)).toEqual(['self_harm_risk']);
  });

  it('raises an alert when a score is worse than the baseline by the MCID, unless the rule is off', async () => {
    const owner = await signUp(app);
    const pms = await apiKeyHeaders(app, owner);
    const [first, second] = [await createClient(app, owner), await createClient(app, owner)];
    for (const client of [first, second]) {
      await enter(app, owner, client.id, { measure: 'NPRS', answers: [3] });
      await enter(app, owner, client.id, { measure: 'NPRS', answers: [4] });
    }
    expect(await alertsOf(pms)).toEqual([]);
    await as(app, owner, {
      method: 'PUT',
      url: `/api/v1/clients/${second.id}/alert-rules`,
      payload: { scoreWorseByMcid: false },
    });
    const worse = await enter(app, owner, first.id, { measure: 'NPRS', answers: [6] });
    await enter(app, owner, second.id, { measure: 'NPRS', answers: [6] });
    // Better by the MCID is no alert either.
    const lefs = await createClient(app, owner);
    await enter(app, owner, lefs.id, { measure: 'LEFS', answers: Array(20).fill(2) });
    await enter(app, owner, lefs.id, { measure: 'LEFS', answers: Array(20).fill(3) });
    const alerts = await alertsOf(pms);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      kind: 'outcome_worse',
      urgent: false,
      client: { id: first.id },
      details: { responseId: worse.json().id, measure: 'NPRS', delta: 3, mcid: 2 },
    });
    expect(await notificationsOf(owner)).toContainEqual(
      expect.objectContaining({ kind: 'outcome_alert', subjectId: alerts[0]?.id }),
    );
  });

  it('raises a no-adherence alert from the daily job, once per silence, by practice and client rules', async () => {
    const owner = await signUp(app);
    const pms = await apiKeyHeaders(app, owner);
    const quiet = await createClient(app, owner);
    const program = await saveProgram(app, owner, quiet.id);
    const off = await createClient(app, owner);
    await saveProgram(app, owner, off.id);
    const soon = await createClient(app, owner);
    await saveProgram(app, owner, soon.id);
    await as(app, owner, {
      method: 'PUT',
      url: `/api/v1/clients/${off.id}/alert-rules`,
      payload: { noAdherenceDays: 0 },
    });
    await as(app, owner, {
      method: 'PUT',
      url: `/api/v1/clients/${soon.id}/alert-rules`,
      payload: { noAdherenceDays: 2 },
    });
    const kinds = async () =>
      (await alertsOf(pms, '?status=all'))
        .filter((a) => a.kind === 'no_adherence')
        .map((a) => a.client.id)
        .sort();

    clock.advance(2 * DAY);
    await runDailyCheck(owner.practiceId);
    expect(await kinds()).toEqual([soon.id]);
    clock.advance(5 * DAY);
    await runDailyCheck(owner.practiceId);
    await runDailyCheck(owner.practiceId);
    expect(await kinds()).toEqual([quiet.id, soon.id].sort());
    const alert = (await alertsOf(pms)).find((a) => a.client.id === quiet.id);
    expect(alert?.details).toMatchObject({ days: 7, threshold: 7 });

    // A log ends the silence; a new one of a week raises a new alert.
    const signedIn = await patientSignIn(app, { accessCode: program.accessCode }, someIp());
    const token = signedIn.json().token as string;
    const day = clock.now().toISOString().slice(0, 10);
    await logEntries(app, token, [{ programItemId: program.program.items[0]?.id as string, date: day }]);
    clock.advance(6 * DAY);
    await runDailyCheck(owner.practiceId);
    expect((await kinds()).filter((id) => id === quiet.id)).toHaveLength(1);
    clock.advance(DAY);
    await runDailyCheck(owner.practiceId);
    expect((await kinds()).filter((id) => id === quiet.id)).toHaveLength(2);
    const actions = (await auditOf(app, owner.practiceId)).map((event) => event.action);
    expect(actions).toContain('alert.create');
  });
});
