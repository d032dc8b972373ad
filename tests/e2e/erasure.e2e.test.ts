import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { browserSuite, signUpThroughApi, type WatchedPage } from './browser.js';
import { expectAccessible } from './patient.js';

const suite = browserSuite();

// What each flow reads and clicks, in the two languages the workspace ships.
const ui = {
  en: {
    locale: 'en-US',
    clients: 'Clients',
    show: 'Show',
    erase: 'Erase this client',
    typeClientName: "Type the client's full name to confirm",
    eraseForGood: 'Erase for good',
    erased: 'The client was erased',
    notFound: 'This client was not found.',
    ownerOnly: "Only the practice owner can erase a client's data.",
    practice: 'Practice',
    close: 'Close the practice',
    typePracticeName: "Type the practice's name to confirm",
    banner: (name: string, date: string) => `${name} will be erased on ${date}`,
    cancel: 'Cancel the closure',
    cancelled: 'The closure was cancelled; nothing will be erased.',
  },
  de: {
    locale: 'de-DE',
    clients: 'Patienten',
    show: 'Anzeigen',
    erase: 'Diese Akte löschen',
    typeClientName: 'Geben Sie zur Bestätigung den vollständigen Namen ein',
    eraseForGood: 'Endgültig löschen',
    erased: 'Die Akte wurde gelöscht',
    notFound: 'Diese Akte wurde nicht gefunden.',
    ownerOnly: 'Nur die Inhaberin oder der Inhaber der Praxis kann die Daten',
    practice: 'Praxis',
    close: 'Praxis schließen',
    typePracticeName: 'Geben Sie zur Bestätigung den Namen der Praxis ein',
    banner: (name: string, date: string) => `${name} wird am ${date} gelöscht`,
    cancel: 'Schließung zurücknehmen',
    cancelled: 'Die Schließung wurde zurückgenommen; es wird nichts gelöscht.',
  },
} as const;

type Language = keyof typeof ui;

async function open(language: Language) {
  const watched = await suite.open(ui[language].locale);
  return watched;
}

async function addClient(watched: WatchedPage, csrfToken: string, firstName: string, lastName: string) {
  const created = await watched.page.request.post('/api/v1/clients', {
    headers: { 'x-csrf-token': csrfToken },
    data: { firstName, lastName, gender: 'not_stated', yearOfBirth: 1960 },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** The date as the workspace writes it: the browser's own formatting, in the UI language. */
const dateInBrowser = (watched: WatchedPage, iso: string, language: Language) =>
  watched.page.evaluate(
    ([at, locale]) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(at)),
    [iso, language] as const,
  );

/** Invites a practitioner through the API and accepts in a fresh context: the colleague, signed in. */
async function colleagueOf(owner: WatchedPage, csrfToken: string, language: Language) {
  const email = `colleague-${randomUUID()}@example.test`;
  const since = suite.server.mail.count();
  const invited = await owner.page.request.post('/api/v1/practice/members', {
    headers: { 'x-csrf-token': csrfToken },
    data: { email, role: 'practitioner' },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const token = new URL(
    await suite.server.mail.waitForLink(email, '/invitation', { since }),
  ).searchParams.get('token');
  const colleague = await open(language);
  const accepted = await colleague.context.request.post('/api/v1/invitations/accept', {
    data: {
      token,
      firstName: 'Kim',
      lastName: 'Berg',
      password: 'copper violin harbour 58',
      acceptTerms: true,
      language,
    },
  });
  expect(accepted.status(), await accepted.text()).toBe(201);
  return colleague;
}

describe.each(['en', 'de'] as const)('erasure and closure (%s)', (language) => {
  const text = ui[language];

  it('erases a client after their full name is typed, and the client is gone for good', async () => {
    const watched = await open(language);
    const { page } = watched;
    const { csrfToken } = await signUpThroughApi(watched.context, undefined, { language });
    await addClient(watched, csrfToken, 'Ada', 'Lovelace');
    const clientId = await addClient(watched, csrfToken, 'Jörg', 'Müller');

    await page.goto(`/clients/${clientId}`);
    await page.getByRole('heading', { level: 1, name: 'Jörg Müller' }).waitFor();
    const section = page.getByTestId('client-erase');
    await section.getByRole('button', { name: text.erase }).click();

    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: text.eraseForGood });
    const typed = dialog.getByLabel(text.typeClientName);
    // A near miss (the umlaut left out) is not the name: the button stays disabled.
    await typed.fill('Jörg Muller');
    expect(await confirm.isDisabled()).toBe(true);
    await expectAccessible(page);
    await typed.fill('Jörg Müller');
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();

    await page.getByRole('heading', { level: 1, name: text.clients }).waitFor();
    await page.getByRole('status').getByText(text.erased).waitFor();
    // Not archived either: the list of every client holds only the other one.
    const rows = page.getByTestId('client-row');
    const listed = page.waitForResponse((response) => response.url().includes('status=all'));
    await page.getByLabel(text.show, { exact: true }).selectOption('all');
    expect((await listed).status()).toBe(200);
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Ada Lovelace')]);

    await page.goto(`/clients/${clientId}`);
    await page.getByText(text.notFound).waitFor();
    expect((await page.request.get(`/api/v1/clients/${clientId}`)).status()).toBe(404);
  });

  it('schedules the closure after the practice name is typed, shows the date, and cancels it', async () => {
    const watched = await open(language);
    const { page } = watched;
    const { practiceName } = await signUpThroughApi(watched.context, undefined, { language });

    await page.goto('/practice');
    await page.getByRole('heading', { level: 1, name: text.practice }).waitFor();
    expect(await page.getByTestId('banner-practice-closure').count()).toBe(0);
    const section = page.getByTestId('practice-closure');
    await section.getByRole('button', { name: text.close }).click();
    const dialog = page.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: text.close });
    await dialog.getByLabel(text.typePracticeName).fill(`${practiceName}x`);
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(text.typePracticeName).fill(practiceName);
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });

    const closure = (await (await page.request.get('/api/v1/practice/closure')).json()) as {
      scheduled: boolean;
      eraseAfter: string;
    };
    expect(closure.scheduled).toBe(true);
    const date = await dateInBrowser(watched, closure.eraseAfter, language);
    const banner = page.getByTestId('banner-practice-closure');
    await banner.getByText(text.banner(practiceName, date)).waitFor();
    await section.getByRole('button', { name: text.cancel }).waitFor();
    await expectAccessible(page);

    // The banner follows the owner through the workspace, with the way back to cancelling.
    await page.goto('/clients');
    await page.getByRole('heading', { level: 1, name: text.clients }).waitFor();
    await banner.getByText(text.banner(practiceName, date)).waitFor();
    await banner.getByRole('link', { name: text.cancel }).click();
    const cancel = section.getByRole('button', { name: text.cancel });
    await cancel.waitFor();
    await expect.poll(() => cancel.evaluate((button) => button === document.activeElement)).toBe(true);
    await cancel.click();

    await section.getByText(text.cancelled).waitFor();
    await banner.waitFor({ state: 'detached' });
    await section.getByRole('button', { name: text.close }).waitFor();
    expect(
      ((await (await page.request.get('/api/v1/practice/closure')).json()) as { scheduled: boolean })
        .scheduled,
    ).toBe(false);
  });

  it('shows a practitioner the closure date without a way to cancel, and no way to erase a client', async () => {
    const owner = await open(language);
    const { csrfToken, practiceName } = await signUpThroughApi(owner.context, undefined, { language });
    const clientId = await addClient(owner, csrfToken, 'Ada', 'Lovelace');
    const scheduled = await owner.page.request.post('/api/v1/practice/closure', {
      headers: { 'x-csrf-token': csrfToken },
      data: { confirm: true },
    });
    expect(scheduled.status()).toBe(202);
    const { eraseAfter } = (await scheduled.json()) as { eraseAfter: string };

    const colleague = await colleagueOf(owner, csrfToken, language);
    const { page } = colleague;
    await page.goto(`/clients/${clientId}`);
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    const banner = page.getByTestId('banner-practice-closure');
    const date = await dateInBrowser(colleague, eraseAfter, language);
    await banner.getByText(text.banner(practiceName, date)).waitFor();
    expect(await banner.getByRole('link').count()).toBe(0);
    await page.getByText(text.ownerOnly).waitFor();
    expect(await page.getByRole('button', { name: text.erase }).count()).toBe(0);

    await page.goto('/practice');
    await page.getByRole('heading', { level: 1, name: text.practice }).waitFor();
    expect(await page.getByTestId('practice-closure').count()).toBe(0);
  });
});
