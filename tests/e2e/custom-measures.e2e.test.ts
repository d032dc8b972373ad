import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser.js';
import { clientWithProgram, expectAccessible } from './patient.js';

const suite = browserSuite();

// What the practitioner reads and clicks, in both languages (German in the formal "Sie").
const ui = {
  en: {
    locale: 'en-US',
    practiceMeasures: "Your practice's measures",
    none: 'Your practice has no measures of its own yet.',
    newMeasure: 'New measure',
    name: 'Name',
    instructions: 'English',
    itemText: (n: number) => `Text of item ${n} in English`,
    itemMin: (n: number) => `Lowest answer of item ${n}`,
    itemMax: (n: number) => `Highest answer of item ${n}`,
    addItem: 'Add an item',
    moveDown: (n: number) => `Move item ${n} down`,
    addBand: 'Add a band',
    bandFrom: (n: number) => `From (band ${n})`,
    bandTo: (n: number) => `To (band ${n})`,
    bandLabel: (n: number) => `Name of band ${n} in English`,
    overlap: 'Bands are in ascending order and do not overlap',
    lower: 'Lower is better',
    create: 'Create measure',
    maxAboveMin: 'The highest answer must be above the lowest.',
    created: 'The measure was created.',
    range: 'Score range: 0 to 12.',
    measure: 'Measure',
    assign: 'Assign',
    assigned: (name: string) => `${name} was assigned.`,
    measureToEnter: 'Measure to enter',
    takenOn: 'Taken on',
    saveAnswers: 'Save answers',
    saved: (name: string, total: number) => `${name} saved: score ${total}.`,
    high: 'Hard',
    editFor: (name: string) => `Edit ${name}`,
    save: 'Save changes',
    inUse: 'Clients have already answered this measure',
    archiveFor: (name: string) => `Archive ${name}`,
    archive: 'Archive',
    archived: (name: string) => `${name} was archived.`,
    showArchived: 'Show archived measures',
    archivedBadge: 'Archived',
  },
  de: {
    locale: 'de-DE',
    practiceMeasures: 'Fragebögen Ihrer Praxis',
    none: 'Ihre Praxis hat noch keine eigenen Fragebögen.',
    newMeasure: 'Neuer Fragebogen',
    name: 'Name',
    instructions: 'Englisch',
    itemText: (n: number) => `Text der Frage ${n} auf Englisch`,
    itemMin: (n: number) => `Niedrigste Antwort der Frage ${n}`,
    itemMax: (n: number) => `Höchste Antwort der Frage ${n}`,
    addItem: 'Frage hinzufügen',
    moveDown: (n: number) => `Frage ${n} nach unten`,
    addBand: 'Bereich hinzufügen',
    bandFrom: (n: number) => `Von (Bereich ${n})`,
    bandTo: (n: number) => `Bis (Bereich ${n})`,
    bandLabel: (n: number) => `Name des Bereichs ${n} auf Englisch`,
    overlap: 'Bereiche sind aufsteigend und überschneiden sich nicht',
    lower: 'Niedriger ist besser',
    create: 'Fragebogen anlegen',
    maxAboveMin: 'Die höchste Antwort muss über der niedrigsten liegen.',
    created: 'Der Fragebogen wurde angelegt.',
    range: 'Wertebereich: 0 bis 12.',
    measure: 'Fragebogen',
    assign: 'Zuweisen',
    assigned: (name: string) => `${name} wurde zugewiesen.`,
    measureToEnter: 'Einzutragender Fragebogen',
    takenOn: 'Erhoben am',
    saveAnswers: 'Antworten speichern',
    saved: (name: string, total: number) => `${name} gespeichert: Wert ${total}.`,
    high: 'Hard',
    editFor: (name: string) => `${name} bearbeiten`,
    save: 'Änderungen speichern',
    inUse: 'Dieser Fragebogen wurde bereits beantwortet',
    archiveFor: (name: string) => `${name} archivieren`,
    archive: 'Archivieren',
    archived: (name: string) => `${name} wurde archiviert.`,
    showArchived: 'Archivierte Fragebögen anzeigen',
    archivedBadge: 'Archiviert',
  },
} as const;

/** A day some days back, as a date input takes it (local time, as the app reads it). */
function daysAgo(days: number): { input: string; date: Date } {
  const date = new Date();
  date.setDate(date.getDate() - days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return { input: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`, date };
}

const ariaInvalid = (field: Locator) => field.getAttribute('aria-invalid');

describe.each(['en', 'de'] as const)('custom measures (%s)', (lang) => {
  const text = ui[lang];

  it('creates a measure, fixes the item the server refused, enters it in clinic on an earlier day and archives it', async () => {
    const practitioner = await suite.open(text.locale);
    const setup = await clientWithProgram(practitioner, lang, ['knee-quad-set']);
    const { page } = practitioner;
    const name = `Stairs ${lang}`;

    // From the client's outcome measures to the practice's own, none yet.
    await page.goto(`/clients/${setup.clientId}/outcomes`);
    await page.getByRole('link', { name: text.practiceMeasures }).click();
    await page.getByTestId('page-custom-measures').getByText(text.none).waitFor();
    await page.getByRole('link', { name: text.newMeasure }).click();

    // Three items of 0–4, the second mistyped with its highest answer at 0.
    const editor = page.getByTestId('page-custom-measure');
    await editor.getByLabel(text.name, { exact: true }).fill(name);
    await editor.getByLabel(text.instructions, { exact: true }).fill('How hard was it this week?');
    const itemTexts = ['Going up one floor', 'Going down one floor', 'Carrying a bag upstairs'];
    for (const [index, itemText] of itemTexts.entries()) {
      const number = index + 1;
      if (number > 1) await editor.getByRole('button', { name: text.addItem }).click();
      await editor.getByLabel(text.itemText(number), { exact: true }).fill(itemText);
      await editor.getByLabel(text.itemMin(number), { exact: true }).fill('0');
      await editor.getByLabel(text.itemMax(number), { exact: true }).fill(number === 2 ? '0' : '4');
    }
    await editor.getByRole('radio', { name: text.lower }).check();

    // Two bands; the second first typed overlapping the first, which the live check points out.
    await editor.getByRole('button', { name: text.addBand }).click();
    await editor.getByRole('button', { name: text.addBand }).click();
    await editor.getByLabel(text.bandFrom(1), { exact: true }).fill('0');
    await editor.getByLabel(text.bandTo(1), { exact: true }).fill('5');
    await editor.getByLabel(text.bandLabel(1), { exact: true }).fill('Easy');
    await editor.getByLabel(text.bandFrom(2), { exact: true }).fill('5');
    await editor.getByLabel(text.bandTo(2), { exact: true }).fill('12');
    await editor.getByLabel(text.bandLabel(2), { exact: true }).fill(text.high);
    const secondBand = editor.getByTestId('measure-band').nth(1);
    await secondBand.getByText(text.overlap).waitFor();
    await editor.getByLabel(text.bandFrom(2), { exact: true }).fill('6');
    await expect.poll(() => secondBand.getByText(text.overlap).count()).toBe(0);

    // The server refuses item 2, and says so at item 2's highest answer; nothing typed is lost.
    await editor.getByRole('button', { name: text.create }).click();
    const items = editor.getByTestId('measure-item');
    await items.nth(1).getByText(text.maxAboveMin).waitFor();
    expect(await ariaInvalid(editor.getByLabel(text.itemMax(2), { exact: true }))).toBe('true');
    expect(await ariaInvalid(editor.getByLabel(text.itemMax(1), { exact: true }))).not.toBe('true');
    expect(await editor.getByLabel(text.name, { exact: true }).inputValue()).toBe(name);
    expect(await editor.getByLabel(text.bandLabel(2), { exact: true }).inputValue()).toBe(text.high);
    await expectAccessible(page);

    // Moved down, the item keeps its problem; fixed there, the measure is created.
    await editor.getByRole('button', { name: text.moveDown(2) }).click();
    await items.nth(2).getByText(text.maxAboveMin).waitFor();
    expect(await editor.getByLabel(text.itemText(3), { exact: true }).inputValue()).toBe(itemTexts[1]);
    await editor.getByLabel(text.itemMax(3), { exact: true }).fill('4');
    await editor.getByTestId('score-range').getByText(text.range).waitFor();
    await editor.getByRole('button', { name: text.create }).click();
    await editor.getByText(text.created).waitFor();
    expect(page.url()).toMatch(/\/outcome-measures\/[0-9a-f-]{36}$/);
    await expectAccessible(page);

    // Assigned to the client, then answered in clinic ten days ago: 4 + 2 + 3 = 9, the band "Hard".
    await page.goto(`/clients/${setup.clientId}/outcomes`);
    const assignments = page.getByTestId('outcome-assignments');
    await assignments.getByLabel(text.measure, { exact: true }).selectOption({ label: name });
    await assignments.getByRole('button', { name: text.assign, exact: true }).click();
    await assignments.getByText(text.assigned(name)).waitFor();

    const entry = page.getByTestId('clinic-entry');
    await entry.getByLabel(text.measureToEnter).selectOption({ label: name });
    const form = entry.getByTestId('clinic-entry-form');
    const past = daysAgo(10);
    await form.getByLabel(text.takenOn).fill(past.input);
    const answers = form.getByRole('combobox');
    for (const [index, value] of ['4', '2', '3'].entries()) await answers.nth(index).selectOption(value);
    await form.getByRole('button', { name: text.saveAnswers }).click();
    await entry.getByText(text.saved(name, 9)).waitFor();

    const row = page.getByTestId('outcome-history').getByTestId('outcome-response').filter({ hasText: name });
    await row.getByTestId('response-total').getByText('9', { exact: true }).waitFor();
    await row.getByTestId('response-band').getByText(text.high).waitFor();
    const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(past.date);
    expect(await row.textContent()).toContain(day);
    await expectAccessible(page);

    // Answered now: changing an item's range is refused with the reason, and the change stays typed.
    await page.getByRole('link', { name: text.practiceMeasures }).click();
    await page.getByRole('link', { name: text.editFor(name) }).click();
    await editor.getByLabel(text.itemMax(1), { exact: true }).fill('5');
    await editor.getByRole('button', { name: text.save }).click();
    await editor.getByTestId('measure-in-use').getByText(text.inUse).waitFor();
    expect(await editor.getByLabel(text.itemMax(1), { exact: true }).inputValue()).toBe('5');
    await expectAccessible(page);

    // Archived: gone from the list, back with the archived ones shown.
    await page.getByRole('link', { name: text.practiceMeasures }).click();
    const list = page.getByTestId('page-custom-measures');
    await list.getByRole('button', { name: text.archiveFor(name) }).click();
    await page.getByRole('dialog').getByRole('button', { name: text.archive, exact: true }).click();
    await list.getByText(text.archived(name)).waitFor();
    await list.getByText(text.none).waitFor();
    await list.getByLabel(text.showArchived).check();
    const archived = list.getByTestId('custom-measure').filter({ hasText: name });
    await archived.getByText(text.archivedBadge, { exact: true }).waitFor();
    await expectAccessible(page);
  });
});
