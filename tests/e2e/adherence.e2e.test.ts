import { type APIRequestContext, type Browser, request as playwrightRequest } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exerciseIdOf } from '../../src/server/modules/library/words.js';
import {
  launchBrowser,
  openPage,
  type RunningServer,
  signUpThroughApi,
  startServer,
  type WatchedPage,
} from './browser.js';

let server: RunningServer;
let browser: Browser;
let opened: WatchedPage[] = [];
// The patient's phones: API calls without the practitioner's cookie, as the real app makes them.
let phones: APIRequestContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  const problems = opened.flatMap((watched) => watched.problems);
  await Promise.all(opened.map((watched) => watched.context.close()));
  await Promise.all(phones.map((phone) => phone.dispose()));
  opened = [];
  phones = [];
  expect(problems).toEqual([]);
});

// What the flow reads and clicks, in the two languages the workspace ships.
const ui = {
  en: {
    locale: 'en-US',
    dashboard: "Your clients' activity",
    adherence: 'Adherence',
    sevenDays: '7 days',
    chart: 'Pain per day (0–10)',
    alerts: 'Alerts',
    painAlert: 'Logged pain 10 of 10 for',
    acknowledge: 'Acknowledge the alert for Greta Lindqvist',
    noOpenAlerts: 'No open alerts.',
    showAll: 'All',
    acknowledgedBy: 'Acknowledged by Robin Quist',
    practice: 'Practice',
    practiceRules: 'Alert rules',
    threshold: 'Alert when pain is at or above',
    saveThreshold: 'Save alert rules',
    effective: (value: number) => `Alerts from pain ${value} of 10.`,
    practiceDefault: 'Practice default (9)',
    signOutAll: 'Sign out all devices',
    signedOut: '1 device was signed out.',
    noDevices: "No device is signed in to this client's app.",
  },
  de: {
    locale: 'de-DE',
    dashboard: 'Aktivität Ihrer Patienten',
    adherence: 'Therapietreue',
    sevenDays: '7 Tage',
    chart: 'Schmerz pro Tag (0–10)',
    alerts: 'Alarme',
    painAlert: 'Schmerz 10 von 10 für den',
    acknowledge: 'Alarm für Greta Lindqvist bestätigen',
    noOpenAlerts: 'Keine offenen Alarme.',
    showAll: 'Alle',
    acknowledgedBy: 'Bestätigt von Robin Quist',
    practice: 'Praxis',
    practiceRules: 'Alarmregeln',
    threshold: 'Alarm bei Schmerz ab',
    saveThreshold: 'Alarmregeln speichern',
    effective: (value: number) => `Alarm ab Schmerz ${value} von 10.`,
    practiceDefault: 'Standard der Praxis (9)',
    signOutAll: 'Alle Geräte abmelden',
    signedOut: '1 Gerät wurde abgemeldet.',
    noDevices: 'Kein Gerät ist in der App dieser Person angemeldet.',
  },
} as const;

type Language = keyof typeof ui;

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
const COMMENT = 'Knee felt stiff in the morning';

/** An entry as the patient app sends it, with a fresh idempotency id. */
const entry = (programItemId: string, daysAgo: number, painLevel: number, comment: string | null = null) => ({
  clientEntryId: crypto.randomUUID(),
  programItemId,
  date: day(daysAgo),
  setsDone: 3,
  repsDone: 10,
  holdSeconds: 5,
  painLevel,
  comment,
});

async function logEntries(request: APIRequestContext, token: string, entries: unknown[]) {
  const logged = await request.post('/api/v1/patient/adherence', {
    headers: { authorization: `Bearer ${token}` },
    data: { entries },
  });
  expect(logged.status(), await logged.text()).toBe(201);
}

/**
 * Through the API: a practice, a client with a two-exercise program, the client's app signed in
 * with the access code, and three days of logs — one with a comment, one at pain 10.
 */
async function setUp(language: Language) {
  const watched = await openPage(browser, server.url, ui[language].locale);
  opened.push(watched);
  const { request } = watched.context;
  const { csrfToken } = await signUpThroughApi(watched.context, undefined, { language });
  const headers = { 'x-csrf-token': csrfToken };
  const created = await request.post('/api/v1/clients', {
    headers,
    data: { firstName: 'Greta', lastName: 'Lindqvist', gender: 'female', yearOfBirth: 1971, language },
  });
  expect(created.status(), await created.text()).toBe(201);
  const clientId = ((await created.json()) as { id: string }).id;
  const item = (slug: string) => ({
    exerciseId: exerciseIdOf(slug),
    sets: 3,
    reps: 10,
    holdSeconds: 5,
    restSeconds: 30,
    timesPerDay: 1,
    daysPerWeek: 7,
    side: 'left',
    notes: null,
  });
  const saved = await request.put(`/api/v1/clients/${clientId}/program`, {
    headers,
    data: { items: [item('knee-quad-set'), item('knee-straight-leg-raise')] },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const program = (await saved.json()) as { accessCode: string; program: { items: { id: string }[] } };
  const [quadSet = '', legRaise = ''] = program.program.items.map((programItem) => programItem.id);

  const phone = await playwrightRequest.newContext({ baseURL: server.url });
  phones.push(phone);
  const session = await phone.post('/api/v1/patient/sessions', {
    data: { accessCode: program.accessCode },
  });
  expect(session.status(), await session.text()).toBe(201);
  const { token } = (await session.json()) as { token: string };
  await logEntries(phone, token, [
    entry(quadSet, 2, 2),
    entry(quadSet, 1, 3, COMMENT),
    entry(legRaise, 1, 4),
    entry(quadSet, 0, 10),
  ]);
  return { ...watched, phone, clientId, token, quadSet };
}

describe.each(['en', 'de'] as const)("the patient app from the practitioner's side (%s)", (language) => {
  const text = ui[language];

  it('shows adherence, raises and acknowledges a pain alert, sets thresholds and signs the app out', async () => {
    const { page, context, phone, clientId, token, quadSet } = await setUp(language);
    const nav = page.getByRole('navigation');

    // The dashboard lists the client, linked to their page.
    await page.goto('/');
    const dashboard = page.getByTestId('dashboard');
    await dashboard.getByRole('heading', { name: text.dashboard }).waitFor();
    await expect.poll(() => dashboard.getByTestId('dashboard-row').count()).toBe(1);
    await dashboard.getByTestId('sort-name').click();
    await dashboard.getByRole('link', { name: 'Greta Lindqvist' }).click();

    // The client page: adherence numbers, the pain chart, both exercises, the comment.
    const adherence = page.getByTestId('adherence');
    await adherence.getByRole('heading', { name: text.adherence }).waitFor();
    await adherence.getByText(COMMENT).waitFor();
    await adherence.getByRole('img', { name: text.chart }).waitFor();
    await expect
      .poll(() => adherence.getByTestId('adherence-per-exercise').locator('tbody tr').count())
      .toBe(2);
    await expect.poll(() => adherence.getByTestId('adherence-entry').count()).toBe(4);
    await adherence.getByTestId('period-picker').getByText(text.sevenDays).click();
    await page.waitForURL((url) => url.searchParams.get('period') === '7');
    await adherence.getByText(COMMENT).waitFor();

    // The pain-10 entry is in the navigation's count and the inbox; acknowledging clears both.
    await nav.getByTestId('open-alerts-badge').filter({ hasText: '1' }).waitFor();
    await nav.getByRole('link', { name: text.alerts }).click();
    const alert = page.getByTestId('alert-item');
    await alert.getByText(text.painAlert).waitFor();
    await alert.getByRole('link', { name: 'Greta Lindqvist' }).waitFor();
    await alert.getByRole('button', { name: text.acknowledge }).click();
    await page.getByText(text.noOpenAlerts).waitFor();
    await nav.getByTestId('open-alerts-badge').waitFor({ state: 'detached' });
    await page.getByTestId('page-alerts').getByText(text.showAll, { exact: true }).click();
    await page.getByTestId('alert-item').getByText(text.acknowledgedBy).waitFor();

    // The owner's practice default, then the client's own threshold over it.
    await nav.getByRole('link', { name: text.practice }).click();
    const practiceRules = page.getByTestId('practice-alert-rules');
    await practiceRules.getByRole('heading', { name: text.practiceRules }).waitFor();
    await practiceRules.getByLabel(text.threshold).selectOption('9');
    await practiceRules.getByRole('button', { name: text.saveThreshold }).click();
    await practiceRules.getByText(text.effective(9)).waitFor();

    await page.goto(`/clients/${clientId}`);
    const rules = page.getByTestId('client-alert-rules');
    await rules.getByText(text.effective(9)).waitFor();
    await rules.getByRole('option', { name: text.practiceDefault }).waitFor({ state: 'attached' });
    await rules.getByLabel(text.threshold).selectOption('7');
    await rules.getByRole('button', { name: text.saveThreshold }).click();
    await rules.getByText(text.effective(7)).waitFor();
    const stored = await context.request.get(`/api/v1/clients/${clientId}/alert-rules`);
    expect(await stored.json()).toMatchObject({ painAtOrAbove: 7, effective: { painAtOrAbove: 7 } });

    // Pain 8 is below the practice's 9 but at the client's 7: it raises an alert.
    await logEntries(phone, token, [entry(quadSet, 0, 8)]);
    await page.reload();
    await nav.getByTestId('open-alerts-badge').filter({ hasText: '1' }).waitFor();

    // App access: the signed-in device, signed out after a confirmation; its token stops working.
    const access = page.getByTestId('app-access');
    await access.getByTestId('app-devices').waitFor();
    await access.getByRole('button', { name: text.signOutAll }).click();
    await page.getByRole('dialog').getByRole('button', { name: text.signOutAll }).click();
    await access.getByText(text.signedOut).waitFor();
    await access.getByText(text.noDevices).waitFor();
    const me = await phone.get('/api/v1/patient/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status()).toBe(401);
  });
});
