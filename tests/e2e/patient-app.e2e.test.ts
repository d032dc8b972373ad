import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, type WatchedPage } from './browser.js';
import { clientWithProgram, expectAccessible, waitForServiceWorker } from './patient.js';

const suite = browserSuite();

// What the patient reads and clicks, in both languages of the app (German in the formal "Sie").
const ui = {
  en: {
    locale: 'en-US',
    continue: 'Continue',
    accessCode: 'Access code',
    open: 'Open my program',
    yearOfBirth: 'Year of birth',
    wrongYear: 'This year of birth does not match your record.',
    wrongCode: 'This access code is not right.',
    doneAll: /^Done all: /,
    openExercise: /^Open: /,
    comment: 'Comment for your practitioner (optional)',
    saveLog: 'Save log',
    waiting: '2 logs are waiting to be sent',
    offline: 'You are offline.',
    history: 'History',
  },
  de: {
    locale: 'de-DE',
    continue: 'Weiter',
    accessCode: 'Zugangscode',
    open: 'Mein Programm öffnen',
    yearOfBirth: 'Geburtsjahr',
    wrongYear: 'Dieses Geburtsjahr passt nicht zu Ihrer Akte.',
    wrongCode: 'Dieser Zugangscode stimmt nicht.',
    doneAll: /^Alles erledigt: /,
    openExercise: /^Öffnen: /,
    comment: 'Kommentar für Ihre Praxis (optional)',
    saveLog: 'Eintrag speichern',
    waiting: '2 Einträge warten auf das Senden',
    offline: 'Sie sind offline.',
    history: 'Verlauf',
  },
} as const;

type Lang = keyof typeof ui;

interface Setup {
  practitioner: WatchedPage;
  clientId: string;
  accessCode: string;
  itemIds: string[];
  csrfToken: string;
}

/** A practitioner (through the API) with a client whose program has two library exercises. */
async function practitionerWithProgram(lang: Lang): Promise<Setup> {
  const practitioner = await suite.open(ui[lang].locale);
  const client = await clientWithProgram(practitioner, lang, ['knee-quad-set', 'knee-straight-leg-raise']);
  return { practitioner, ...client };
}

/** The patient's phone: a fresh context (own storage and service worker) at a phone's size. */
async function openPhone(lang: Lang): Promise<WatchedPage> {
  const watched = await suite.open(ui[lang].locale);
  await watched.page.setViewportSize({ width: 390, height: 844 });
  return watched;
}

/** Region (when the deployment lists regions), then the code, typed as a person might: capitals and a dash. */
async function enterCode(page: Page, lang: Lang, code: string): Promise<void> {
  await page.goto('/app/');
  const codeField = page.getByLabel(ui[lang].accessCode);
  const continueButton = page.getByRole('button', { name: ui[lang].continue });
  await Promise.race([codeField.waitFor(), continueButton.waitFor()]);
  if (await continueButton.isVisible()) await continueButton.click();
  await codeField.fill(`${code.slice(0, 5).toUpperCase()}-${code.slice(5)}`);
  expect(await codeField.inputValue()).toBe(`${code.slice(0, 5)} ${code.slice(5)}`);
  await page.getByRole('button', { name: ui[lang].open }).click();
}

/** Offline, the browser logs every request it could not make; those are the point of the test. */
function forgiveOfflineFailures(watched: WatchedPage): void {
  const offline = (problem: string) =>
    problem.includes('ERR_INTERNET_DISCONNECTED') || problem.includes('resulted in a network error');
  watched.problems.splice(0, Infinity, ...watched.problems.filter((problem) => !offline(problem)));
}

async function setOffline(context: BrowserContext, offline: boolean): Promise<void> {
  await context.setOffline(offline);
}

describe.each(['en', 'de'] as const)('patient app (%s)', (lang) => {
  const text = ui[lang];

  it('signs in with the access code, logs two exercises offline and syncs each exactly once', async () => {
    const setup = await practitionerWithProgram(lang);
    const phone = await openPhone(lang);
    const { page } = phone;

    await enterCode(page, lang, setup.accessCode);
    await page.getByTestId('patient-today').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
    await waitForServiceWorker(page);
    // Loaded once more under the service worker, so its offline copy of the program exists.
    await page.reload();
    await page.getByTestId('patient-today').waitFor();
    await expect.poll(() => page.getByTestId('exercise-card').count()).toBe(2);
    await expectAccessible(page);

    await setOffline(phone.context, true);
    // Cards move from "due" to "the rest" once logged: find each by its program item.
    const card = (itemId: string | undefined) =>
      page.locator(`[data-testid="exercise-card"][data-item-id="${itemId}"]`);
    await card(setup.itemIds[0]).getByRole('button', { name: text.doneAll }).click();
    await page.locator('[data-testid="sync-status"][data-waiting="1"]').waitFor();

    // The second one in full detail, on its own screen (loaded lazily: from the service worker's copy).
    await card(setup.itemIds[1]).getByRole('link', { name: text.openExercise }).click();
    await page.getByTestId('exercise-page').waitFor();
    // The chip's radio input is visually hidden; a person taps its label.
    await page.locator('label').filter({ hasText: /^3$/ }).click();
    expect(await page.getByRole('radio', { name: '3', exact: true }).isChecked()).toBe(true);
    await page.getByLabel(text.comment).fill('Knee felt stiff');
    await page.getByRole('button', { name: text.saveLog }).click();
    await page.getByTestId('patient-today').waitFor();

    const status = page.getByTestId('sync-status');
    await status.getByText(text.waiting).waitFor();
    await status.getByText(text.offline).waitFor();
    expect(await page.getByTestId('waiting-list').getByRole('listitem').count()).toBe(2);

    // Closing and reopening the app offline: the shell, the program and the waiting logs are still there.
    await page.reload();
    await page.getByTestId('patient-today').waitFor();
    await page.getByTestId('sync-status').getByText(text.waiting).waitFor();

    await setOffline(phone.context, false);
    await page.getByTestId('sync-status').waitFor({ state: 'detached', timeout: 15_000 });
    // Forgiven only now: the sync the reload started may fail a moment after it, still offline.
    forgiveOfflineFailures(phone);

    // A restart syncs again on start: nothing is left to send, and nothing arrives twice.
    await page.reload();
    await page.getByTestId('patient-today').waitFor();
    const adherence = await setup.practitioner.context.request.get(
      `/api/v1/clients/${setup.clientId}/adherence`,
    );
    expect(adherence.status()).toBe(200);
    const { items } = (await adherence.json()) as {
      items: {
        clientEntryId: string;
        programItemId: string;
        painLevel: number | null;
        comment: string | null;
      }[];
    };
    expect(items).toHaveLength(2);
    expect(new Set(items.map((entry) => entry.clientEntryId)).size).toBe(2);
    expect(items.map((entry) => entry.programItemId).sort()).toEqual([...setup.itemIds].sort());
    const detailed = items.find((entry) => entry.programItemId === setup.itemIds[1]);
    expect(detailed).toMatchObject({ painLevel: 3, comment: 'Knee felt stiff' });
  });

  it('asks for the year of birth once the record holds patient data, and refuses a wrong one', async () => {
    const setup = await practitionerWithProgram(lang);
    // One log through the API makes the record patient-specific: from now on the year is asked too.
    // Plain fetch, not the practitioner's context: its session cookie would make these cookie-authenticated calls.
    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${suite.server.url}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const session = await post('/api/v1/patient/sessions', { accessCode: setup.accessCode });
    expect(session.status).toBe(201);
    const { token } = (await session.json()) as { token: string };
    const entry = {
      clientEntryId: crypto.randomUUID(),
      programItemId: setup.itemIds[0],
      date: new Date().toISOString().slice(0, 10),
      setsDone: 3,
      repsDone: 10,
      holdSeconds: 5,
      painLevel: null,
      comment: null,
    };
    const logged = await post('/api/v1/patient/adherence', { entries: [entry] }, token);
    expect(logged.status).toBe(201);

    const phone = await openPhone(lang);
    const { page } = phone;
    await page.goto('/app/');
    await page.getByTestId('patient-welcome').waitFor();
    await expectAccessible(page);

    // A wrong code first: a clear message, and no year asked.
    await enterCode(page, lang, 'zzzzzqqqqq');
    await page.getByTestId('form-error').getByText(text.wrongCode).waitFor();

    await enterCode(page, lang, setup.accessCode);
    const year = page.getByLabel(text.yearOfBirth);
    await year.waitFor();
    await expectAccessible(page);
    await year.fill('1950');
    await page.getByRole('button', { name: text.open }).click();
    await page.getByTestId('form-error').getByText(text.wrongYear).waitFor();

    await year.fill('1971');
    await page.getByRole('button', { name: text.open }).click();
    await page.getByTestId('patient-today').waitFor();
    // The entry logged through the API shows in the app's history.
    await page.getByRole('link', { name: text.history }).click();
    await page.getByTestId('patient-history').waitFor();
  });
});
