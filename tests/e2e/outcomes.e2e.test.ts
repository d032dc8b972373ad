import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, type WatchedPage } from './browser.js';
import { clientWithProgram, expectAccessible } from './patient.js';

const suite = browserSuite();

// What the practitioner and the patient read and click, in both languages (German in the formal "Sie").
const ui = {
  en: {
    locale: 'en-US',
    openOutcomes: 'Open outcome measures',
    measure: 'Measure',
    assign: 'Assign',
    assigned: 'Patient Health Questionnaire-9 was assigned.',
    dueNow: 'Due now',
    continue: 'Continue',
    accessCode: 'Access code',
    open: 'Open my program',
    answerNow: 'Answer now: Patient Health Questionnaire-9',
    continueLabel: 'Continue: Patient Health Questionnaire-9',
    progress: (n: number) => `Question ${n} of 10`,
    severalDays: 'Several days',
    somewhatDifficult: 'Somewhat difficult',
    next: 'Next',
    back: 'Back',
    review: 'Check your answers',
    send: 'Send answers',
    thanks: 'Thank you',
    safety: 'call your local emergency number',
    selfHarm: 'Self-harm risk',
    band: 'Mild',
    alerts: 'Alerts',
    urgent: 'Urgent',
    alertKind: 'Self-harm risk',
    measureToEnter: 'Measure to enter',
    saveAnswers: 'Save answers',
    saved: (total: number) => `Numeric Pain Rating Scale saved: score ${total}.`,
    chart: 'Numeric Pain Rating Scale over time',
    important: 'Clinically important',
  },
  de: {
    locale: 'de-DE',
    openOutcomes: 'Fragebögen öffnen',
    measure: 'Fragebogen',
    assign: 'Zuweisen',
    assigned: 'Patient Health Questionnaire-9 wurde zugewiesen.',
    dueNow: 'Jetzt fällig',
    continue: 'Weiter',
    accessCode: 'Zugangscode',
    open: 'Mein Programm öffnen',
    answerNow: 'Jetzt beantworten: Patient Health Questionnaire-9',
    continueLabel: 'Fortsetzen: Patient Health Questionnaire-9',
    progress: (n: number) => `Frage ${n} von 10`,
    severalDays: 'An einzelnen Tagen',
    somewhatDifficult: 'Etwas erschwert',
    next: 'Weiter',
    back: 'Zurück',
    review: 'Prüfen Sie Ihre Antworten',
    send: 'Antworten senden',
    thanks: 'Vielen Dank',
    safety: 'rufen Sie bitte sofort den örtlichen Notruf an',
    selfHarm: 'Risiko der Selbstverletzung',
    band: 'Leicht',
    alerts: 'Alarme',
    urgent: 'Dringend',
    alertKind: 'Risiko der Selbstverletzung',
    measureToEnter: 'Einzutragender Fragebogen',
    saveAnswers: 'Antworten speichern',
    saved: (total: number) => `Numeric Pain Rating Scale gespeichert: Wert ${total}.`,
    chart: 'Numeric Pain Rating Scale im Verlauf',
    important: 'Klinisch bedeutsam',
  },
} as const;

type Lang = keyof typeof ui;

/** The patient's phone: a fresh context (own storage) at a phone's size. */
async function openPhone(lang: Lang): Promise<WatchedPage> {
  const watched = await suite.open(ui[lang].locale);
  await watched.page.setViewportSize({ width: 390, height: 844 });
  return watched;
}

/** The region step (when the deployment lists regions), then the access code. */
async function signIn(page: Page, lang: Lang, code: string): Promise<void> {
  await page.goto('/app/');
  const codeField = page.getByLabel(ui[lang].accessCode);
  const continueButton = page.getByRole('button', { name: ui[lang].continue, exact: true });
  await Promise.race([codeField.waitFor(), continueButton.waitFor()]);
  if (await continueButton.isVisible()) await continueButton.click();
  await codeField.fill(code);
  await page.getByRole('button', { name: ui[lang].open }).click();
  await page.getByTestId('patient-today').waitFor();
}

/** Answers the question on screen with the choice named, and goes on. */
async function answer(page: Page, lang: Lang, step: number, choice: string): Promise<void> {
  await page.getByTestId('questionnaire-progress').getByText(ui[lang].progress(step)).waitFor();
  await page.getByRole('radiogroup').getByRole('radio', { name: choice, exact: true }).click();
  await page.getByRole('button', { name: ui[lang].next }).click();
}

describe.each(['en', 'de'] as const)('outcome measures (%s)', (lang) => {
  const text = ui[lang];

  it('assigns PHQ-9, the patient answers it in the app with a break, and the practitioner sees the risk', async () => {
    const practitioner = await suite.open(text.locale);
    const setup = await clientWithProgram(practitioner, lang, ['knee-quad-set']);
    const { page } = practitioner;

    // The practitioner assigns PHQ-9 once, from the client's page.
    await page.goto(`/clients/${setup.clientId}`);
    await page.getByRole('link', { name: text.openOutcomes }).click();
    const assignments = page.getByTestId('outcome-assignments');
    await assignments.getByLabel(text.measure, { exact: true }).selectOption('PHQ-9');
    await assignments.getByRole('button', { name: text.assign, exact: true }).click();
    await assignments.getByText(text.assigned).waitFor();
    await assignments
      .locator('[data-testid="outcome-assignment"][data-measure="PHQ-9"]')
      .getByText(text.dueNow)
      .waitFor();
    await expectAccessible(page);

    // The patient finds it on the today screen and answers four questions, one per screen.
    const phone = await openPhone(lang);
    await signIn(phone.page, lang, setup.accessCode);
    const card = phone.page.getByTestId('questionnaires-due');
    await card.getByRole('link', { name: text.answerNow }).click();
    await phone.page.getByTestId('questionnaire').waitFor();
    await expectAccessible(phone.page);
    for (const step of [1, 2, 3, 4]) await answer(phone.page, lang, step, text.severalDays);

    // The app is closed mid-way and opened again: it continues at question 5, the answers kept.
    await phone.page.close();
    const reopened = await phone.context.newPage();
    await reopened.goto('/app/');
    await reopened.getByTestId('questionnaires-due').getByRole('link', { name: text.continueLabel }).click();
    await reopened.getByTestId('questionnaire-progress').getByText(text.progress(5)).waitFor();
    await reopened.getByRole('button', { name: text.back }).click();
    await reopened.getByTestId('questionnaire-progress').getByText(text.progress(4)).waitFor();
    expect(await reopened.getByRole('radio', { name: text.severalDays }).getAttribute('aria-checked')).toBe(
      'true',
    );
    await reopened.getByRole('button', { name: text.next }).click();
    for (const step of [5, 6, 7, 8, 9]) await answer(reopened, lang, step, text.severalDays);
    await answer(reopened, lang, 10, text.somewhatDifficult);

    // The review, sending, and after it the thanks with where to get help now (no score shown).
    await reopened.getByRole('heading', { name: text.review }).waitFor();
    await expectAccessible(reopened);
    await reopened.getByRole('button', { name: text.send }).click();
    const thanks = reopened.getByTestId('questionnaire-thanks');
    await thanks.getByRole('heading', { name: text.thanks }).waitFor();
    await thanks.getByTestId('safety-message').getByText(text.safety, { exact: false }).waitFor();
    expect(await thanks.textContent()).not.toMatch(/\b9\b/);
    await expectAccessible(reopened);
    // The draft went with the sending.
    expect(
      await reopened.evaluate(() =>
        Object.keys(localStorage).filter((key) => key.startsWith('rehabit.patient.questionnaire.')),
      ),
    ).toEqual([]);

    // The practitioner sees the score, its band and the self-harm flag, in words.
    await page.reload();
    const history = page.getByTestId('outcome-history');
    const row = history.locator('[data-testid="outcome-response"][data-measure="PHQ-9"]');
    await row.getByTestId('response-total').getByText('9', { exact: true }).waitFor();
    await row.getByTestId('response-band').getByText(text.band).waitFor();
    await row.getByTestId('flag-self-harm').getByText(text.selfHarm).waitFor();
    await history.getByTestId('self-harm-alert').waitFor();
    await expectAccessible(page);

    // And an urgent alert, first in the inbox.
    await page.getByRole('navigation').getByRole('link', { name: text.alerts }).click();
    const first = page.getByTestId('alert-item').first();
    await first.getByText(text.urgent, { exact: true }).waitFor();
    await first.getByText(text.alertKind, { exact: true }).waitFor();
    expect(await first.getAttribute('data-kind')).toBe('self_harm_risk');
    await expectAccessible(page);
  });

  it('enters the NPRS twice in clinic and charts it with the clinically important change', async () => {
    const practitioner = await suite.open(text.locale);
    const setup = await clientWithProgram(practitioner, lang, ['knee-quad-set']);
    const { page } = practitioner;

    await page.goto(`/clients/${setup.clientId}/outcomes`);
    const entry = page.getByTestId('clinic-entry');
    await entry.getByLabel(text.measureToEnter).selectOption('NPRS');
    const form = entry.getByTestId('clinic-entry-form');
    await form.getByTestId('measure-attribution').waitFor();
    for (const pain of [7, 4]) {
      await form.getByRole('combobox').selectOption(String(pain));
      await form.getByRole('button', { name: text.saveAnswers }).click();
      await entry.getByText(text.saved(pain)).waitFor();
    }

    const chart = page.locator('[data-testid="progress-chart"][data-measure="NPRS"]');
    await chart.getByRole('img', { name: text.chart }).waitFor();
    await expect.poll(() => chart.getAttribute('data-points')).toBe('2');
    await expect.poll(() => chart.getByTestId('progress-point').count()).toBe(2);
    // 7 to 4 is 3 points better: it reaches the NPRS's MCID of 2.
    await chart.locator('summary').click();
    await chart.getByTestId('clinically-important').getByText(text.important).waitFor();
    await expectAccessible(page);
  });
});
