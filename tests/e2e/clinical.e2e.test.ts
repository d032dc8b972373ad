import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { browserSuite, signUpThroughApi, type WatchedPage } from './browser.js';

const suite = browserSuite();

// A 1×1 PNG: the server decides what a file is by its first bytes, so it must be a real one.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

// What each flow reads and clicks, in the two languages the workspace ships.
const ui = {
  en: {
    locale: 'en-US',
    clients: 'Clients',
    searchClients: 'Search by name',
    show: 'Show',
    archive: 'Archive client',
    restore: 'Restore client',
    addClient: 'Add client',
    firstName: 'First name',
    lastName: 'Last name',
    gender: 'Gender',
    yearOfBirth: 'Year of birth',
    email: 'Email address',
    mobile: 'Mobile number',
    diagnosis: 'Diagnosis code (ICD-10)',
    nhs: 'NHS number',
    yearProblem: 'Enter a year of birth from 1900 to',
    nhsProblem: 'An NHS number has 10 digits',
    openProgram: 'Open the program builder',
    programFor: 'Program for',
    search: 'Search exercises',
    searchButton: 'Search',
    query: 'sholder',
    addButton: / to the program$/,
    sets: 'Sets',
    hold: 'Hold (seconds)',
    moveUp: (title: string) => `Move ${title} up`,
    save: 'Save program',
    saved: 'The program was saved (version 1).',
    saveAsTemplate: 'Save as template',
    templateName: 'Template name',
    templateSaved: 'The template “Shoulder basics” was saved.',
    downloadPdf: 'Download PDF',
    templates: 'Program templates',
    shareTemplate: 'Share Shoulder basics with the practice',
    renameTemplate: 'Rename Shoulder basics',
    templateNameColumn: 'Name',
    saveButton: 'Save',
    fromTemplate: 'Start from a template',
    chooseTemplate: 'Template',
    templateOption: 'Shoulder start (2 exercises)',
    useTemplate: 'Use this template',
    templateApplied: 'The template was applied.',
    library: 'Library',
    newExercise: 'New custom exercise',
    title: 'Title (English)',
    description: 'Description (English)',
    step1: 'Step 1 (English)',
    addStep: 'Add a step',
    step2: 'Step 2 (English)',
    create: 'Create exercise',
    nameRefused: "A client's name may not appear in an exercise's title or description",
    nameAtField: "Contains a client's name.",
    created: 'The exercise was created.',
    file: 'Image or video file',
    upload: 'Upload',
    uploaded: 'The file was uploaded.',
    image: 'Image 1 of this exercise',
    frontDesk: 'Not available for the front desk',
    notMedia: 'This file is not an accepted image or video.',
  },
  de: {
    locale: 'de-DE',
    clients: 'Patienten',
    searchClients: 'Nach Namen suchen',
    show: 'Anzeigen',
    archive: 'Archivieren',
    restore: 'Wiederherstellen',
    addClient: 'Patient anlegen',
    firstName: 'Vorname',
    lastName: 'Nachname',
    gender: 'Geschlecht',
    yearOfBirth: 'Geburtsjahr',
    email: 'E-Mail-Adresse',
    mobile: 'Mobilnummer',
    diagnosis: 'Diagnoseschlüssel (ICD-10)',
    nhs: 'NHS-Nummer',
    yearProblem: 'Geben Sie ein Geburtsjahr von 1900 bis',
    nhsProblem: 'Eine NHS-Nummer hat 10 Ziffern',
    openProgram: 'Programm-Editor öffnen',
    programFor: 'Programm für',
    search: 'Übungen suchen',
    searchButton: 'Suchen',
    query: 'Schulter',
    addButton: / zum Programm hinzufügen$/,
    sets: 'Sätze',
    hold: 'Halten (Sekunden)',
    moveUp: (title: string) => `${title} nach oben verschieben`,
    save: 'Programm speichern',
    saved: 'Das Programm wurde gespeichert (Version 1).',
    saveAsTemplate: 'Als Vorlage speichern',
    templateName: 'Name der Vorlage',
    templateSaved: 'Die Vorlage „Shoulder basics“ wurde gespeichert.',
    downloadPdf: 'PDF herunterladen',
    templates: 'Programmvorlagen',
    shareTemplate: 'Shoulder basics mit der Praxis teilen',
    renameTemplate: 'Shoulder basics umbenennen',
    templateNameColumn: 'Name',
    saveButton: 'Speichern',
    fromTemplate: 'Mit einer Vorlage beginnen',
    chooseTemplate: 'Vorlage',
    templateOption: 'Shoulder start (2 Übungen)',
    useTemplate: 'Vorlage verwenden',
    templateApplied: 'Die Vorlage wurde übernommen.',
    library: 'Bibliothek',
    newExercise: 'Eigene Übung erstellen',
    title: 'Titel (Deutsch)',
    description: 'Beschreibung (Deutsch)',
    step1: 'Schritt 1 (Deutsch)',
    addStep: 'Schritt hinzufügen',
    step2: 'Schritt 2 (Deutsch)',
    create: 'Übung erstellen',
    nameRefused: 'Der Name einer Patientin oder eines Patienten darf nicht im Titel',
    nameAtField: 'Enthält den Namen einer Patientin oder eines Patienten.',
    created: 'Die Übung wurde erstellt.',
    file: 'Bild- oder Videodatei',
    upload: 'Hochladen',
    uploaded: 'Die Datei wurde hochgeladen.',
    image: 'Bild 1 dieser Übung',
    frontDesk: 'Für den Empfang nicht verfügbar',
    notMedia: 'Diese Datei ist kein zulässiges Bild oder Video.',
  },
} as const;

type Language = keyof typeof ui;

async function open(language: Language) {
  const watched = await suite.open(ui[language].locale);
  return watched;
}

const titlesIn = (watched: WatchedPage) => watched.page.getByTestId('program-item-title').allTextContents();

describe.each(['en', 'de'] as const)('clinical screens (%s)', (language) => {
  const text = ui[language];

  it('adds a client, builds, reorders and saves a program, then keeps it as a template and a PDF', async () => {
    const watched = await open(language);
    const { page } = watched;
    await signUpThroughApi(watched.context, undefined, { language });

    // The client form: the server's field problems show at their fields, in the UI language.
    await page.goto('/');
    await page.getByRole('navigation').getByRole('link', { name: text.clients }).click();
    await page.getByRole('heading', { level: 1, name: text.clients }).waitFor();
    await page.getByRole('link', { name: text.addClient }).click();
    const form = page.getByRole('form', { name: text.addClient });
    await form.getByLabel(text.firstName).fill('Ada');
    await form.getByLabel(text.lastName).fill('Lovelace');
    await form.getByLabel(text.gender).selectOption('female');
    await form.getByLabel(text.yearOfBirth).fill('1850');
    await form.getByLabel(text.email).fill('ada@example.test');
    await form.getByLabel(text.mobile).fill('07400 123456');
    await form.getByLabel(text.diagnosis).fill('M54.5');
    await form.getByLabel(text.nhs).fill('123');
    await form.getByRole('button', { name: text.addClient }).click();
    await page.getByText(text.yearProblem).waitFor();
    await page.getByText(text.nhsProblem).waitFor();

    await form.getByLabel(text.yearOfBirth).fill('1984');
    await form.getByLabel(text.nhs).fill('943 476 5919');
    await form.getByRole('button', { name: text.addClient }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    await page.getByTestId('client-details').getByText('943 476 5919').waitFor();

    // The program builder: search (with a typo in English), add two exercises, dose, reorder.
    await page.getByRole('link', { name: text.openProgram }).click();
    await page.getByRole('heading', { level: 1, name: `${text.programFor} Ada Lovelace` }).waitFor();
    await page.getByLabel(text.search).fill(text.query);
    const searched = page.waitForResponse(
      (response) =>
        response.url().includes('/api/v1/exercises?') && response.url().includes(`q=${text.query}`),
    );
    await page.getByRole('button', { name: text.searchButton, exact: true }).click();
    expect((await searched).status()).toBe(200);
    const results = page.getByTestId('exercise-result');
    // The misspelt English query is corrected, and the page says so.
    if (language === 'en') await page.getByTestId('corrected-query').getByText('shoulder').waitFor();
    await results.nth(1).waitFor();
    const firstTitle = (await results.nth(0).locator('p').first().textContent()) ?? '';
    const secondTitle = (await results.nth(1).locator('p').first().textContent()) ?? '';
    expect(`${firstTitle} ${secondTitle}`.toLowerCase()).toMatch(/shoulder|schulter/);
    await results.nth(0).getByRole('button', { name: text.addButton }).click();
    await results.nth(1).getByRole('button', { name: text.addButton }).click();
    expect(await titlesIn(watched)).toEqual([firstTitle, secondTitle]);

    const items = page.getByTestId('program-item');
    await items.nth(0).getByLabel(text.sets).fill('4');
    await items.nth(0).getByLabel(text.hold).fill('5');
    // Reordering works from the keyboard, and focus stays with the moved exercise.
    const moveUp = page.getByRole('button', { name: text.moveUp(secondTitle) });
    await moveUp.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => titlesIn(watched)).toEqual([secondTitle, firstTitle]);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    expect(focused).toContain(secondTitle);

    await page.getByRole('button', { name: text.save }).click();
    await page.getByText(text.saved).waitFor();
    const code = ((await page.getByTestId('access-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[a-z]{5} [a-z]{5}$/);

    // What was saved is what the builder showed: the order and the dosage.
    const saved = await page.request.get(
      `${new URL(page.url()).pathname.replace('/clients/', '/api/v1/clients/')}`,
    );
    const { program, accessCode } = (await saved.json()) as {
      program: { items: { sets: number; holdSeconds: number | null }[] };
      accessCode: string;
    };
    expect(accessCode).toBe(code.replace(' ', ''));
    expect(program.items.map((item) => [item.sets, item.holdSeconds])[1]).toEqual([4, 5]);

    await page.getByRole('button', { name: text.saveAsTemplate }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(text.templateName).fill('Shoulder basics');
    await dialog.getByRole('button', { name: text.saveAsTemplate }).click();
    await page.getByText(text.templateSaved).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: text.downloadPdf }).click(),
    ]);
    const pdf = await readFile((await download.path()) as string);
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');

    await page.goto('/programs');
    await page.getByRole('heading', { level: 1, name: text.templates }).waitFor();
    const row = page.getByTestId('template-row').filter({ hasText: 'Shoulder basics' });
    await row.waitFor();
    // Templates: shared with the practice, renamed, then used to start the program's next version.
    await row.getByRole('switch', { name: text.shareTemplate }).click({ force: true });
    await expect.poll(() => row.getByRole('switch').isChecked()).toBe(true);
    await row.getByRole('button', { name: text.renameTemplate }).click();
    await page.getByRole('dialog').getByLabel(text.templateNameColumn).fill('Shoulder start');
    await page.getByRole('dialog').getByRole('button', { name: text.saveButton }).click();
    await page.getByTestId('template-row').filter({ hasText: 'Shoulder start' }).waitFor();

    await page.goBack();
    await page.getByRole('button', { name: text.fromTemplate }).click();
    const picker = page.getByRole('dialog');
    await picker.getByLabel(text.chooseTemplate).selectOption({ label: text.templateOption });
    await picker.getByRole('button', { name: text.useTemplate }).click();
    await page.getByText(text.templateApplied).waitFor();
    await page.getByTestId('program-version-row').nth(1).waitFor();
  });

  it('finds a client by name, archives them and brings them back', async () => {
    const watched = await open(language);
    const { page } = watched;
    const { csrfToken } = await signUpThroughApi(watched.context, undefined, { language });
    for (const [firstName, lastName] of [
      ['Ada', 'Lovelace'],
      ['Jörg', 'Müller'],
    ])
      await page.request.post('/api/v1/clients', {
        headers: { 'x-csrf-token': csrfToken },
        data: { firstName, lastName, gender: 'not_stated', yearOfBirth: 1960 },
      });

    await page.goto('/clients');
    const rows = page.getByTestId('client-row');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByLabel(text.searchClients).fill('muller');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.getByRole('link', { name: 'Jörg Müller' }).click();
    await page.getByRole('heading', { level: 1, name: 'Jörg Müller' }).waitFor();
    await page.getByRole('button', { name: text.archive }).click();
    await page.getByRole('button', { name: text.restore }).waitFor();

    await page.goto('/clients');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel(text.show, { exact: true }).selectOption('archived');
    await rows.getByRole('link', { name: 'Jörg Müller' }).click();
    await page.getByRole('button', { name: text.restore }).click();
    await page.getByRole('button', { name: text.archive }).waitFor();
  });

  it("creates a custom exercise, refusing a client's name, and uploads an image to it", async () => {
    const watched = await open(language);
    const { page } = watched;
    const { csrfToken } = await signUpThroughApi(watched.context, undefined, { language });
    const client = await page.request.post('/api/v1/clients', {
      headers: { 'x-csrf-token': csrfToken },
      data: { firstName: 'Greta', lastName: 'Lindqvist', gender: 'female', yearOfBirth: 1971 },
    });
    expect(client.status()).toBe(201);

    await page.goto('/library');
    await page.getByRole('heading', { level: 1, name: text.library }).waitFor();
    await page.getByRole('link', { name: text.newExercise }).click();
    await page.getByLabel(text.title).fill('Wall slide for Greta');
    await page.getByLabel(text.description).fill('Slide the arms up the wall and back down.');
    await page.getByLabel(text.step1).fill('Stand with your back to the wall.');
    await page.getByRole('button', { name: text.addStep }).click();
    await page.getByLabel(text.step2).fill('Slide both arms up slowly.');
    await page.getByRole('button', { name: text.create }).click();
    await page.getByRole('alert').filter({ hasText: text.nameRefused }).waitFor();
    await page.getByText(text.nameAtField).waitFor();
    expect(watched.refusals.some((refusal) => refusal.includes('status of 422'))).toBe(true);

    await page.getByLabel(text.title).fill('Wall slide');
    await page.getByRole('button', { name: text.create }).click();
    await page.getByText(text.created).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/library\/exercises\/[0-9a-f-]{36}$/);

    await page.getByLabel(text.file).waitFor();
    // A file that is no image or video is refused (415), and the page says why.
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('just some text') });
    await page.getByRole('button', { name: text.upload, exact: true }).click();
    await page.getByRole('alert').filter({ hasText: text.notMedia }).waitFor();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'slide.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: text.upload, exact: true }).click();
    await page.getByText(text.uploaded).waitFor();
    const image = page.getByRole('img', { name: text.image });
    await image.waitFor();
    await expect.poll(() => image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(1);
  });

  it('keeps clients, library and programs away from the front desk', async () => {
    const owner = await open(language);
    const { csrfToken } = await signUpThroughApi(owner.context, undefined, { language });
    const email = `desk-${Date.now().toString(36)}@example.test`;
    const since = suite.server.mail.count();
    const invited = await owner.page.request.post('/api/v1/practice/members', {
      headers: { 'x-csrf-token': csrfToken },
      data: { email, role: 'front_desk' },
    });
    expect(invited.ok()).toBe(true);
    const token = new URL(
      await suite.server.mail.waitForLink(email, '/invitation', { since }),
    ).searchParams.get('token');

    const desk = await open(language);
    const accepted = await desk.context.request.post('/api/v1/invitations/accept', {
      data: {
        token,
        firstName: 'Kim',
        lastName: 'Berg',
        password: 'copper violin harbour 58',
        acceptTerms: true,
      },
    });
    expect(accepted.ok()).toBe(true);
    await desk.page.goto('/');
    await desk.page.getByTestId('page-home').waitFor();
    const nav = desk.page.getByRole('navigation');
    expect(await nav.getByTestId('nav-schedule').count()).toBe(1);
    for (const section of ['clients', 'library', 'programs'])
      expect(await nav.getByTestId(`nav-${section}`).count()).toBe(0);

    await desk.page.goto('/clients');
    await desk.page.getByTestId('clinical-forbidden').getByText(text.frontDesk).waitFor();
    expect((await desk.page.request.get('/api/v1/clients')).status()).toBe(403);
  });
});
