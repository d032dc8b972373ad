import { describe, expect, it } from 'vitest';
import { browserSuite } from './browser.js';
import { clientWithProgram, expectAccessible } from './patient.js';

const suite = browserSuite();

// What the patient and the practitioner read and tap, in both languages.
const ui = {
  en: {
    locale: 'en-US',
    continue: 'Continue',
    accessCode: 'Access code',
    open: 'Open my program',
    nav: 'My data',
    viewed: 'Robin Quist (practice owner) viewed your details',
    field: 'What is wrong?',
    email: 'email address',
    message: 'What should it say?',
    send: 'Send request',
    sent: 'Your request was sent to your practice.',
    label: 'Correction requested: email',
    category: 'Client contact details',
    encrypted: 'encrypted',
  },
  de: {
    locale: 'de-DE',
    continue: 'Weiter',
    accessCode: 'Zugangscode',
    open: 'Mein Programm öffnen',
    nav: 'Meine Daten',
    viewed: 'Robin Quist (Praxisinhaber:in) hat Ihre Angaben angesehen',
    field: 'Was stimmt nicht?',
    email: 'E-Mail-Adresse',
    message: 'Wie soll es lauten?',
    send: 'Anfrage senden',
    sent: 'Ihre Anfrage wurde an Ihre Praxis gesendet.',
    label: 'Korrektur angefragt: E-Mail',
    category: 'Kontaktdaten der Klient:innen',
    encrypted: 'verschlüsselt',
  },
} as const;

describe.each(['en', 'de'] as const)('privacy and rectification (%s)', (lang) => {
  const text = ui[lang];

  it("shows the client who opened their record, and their correction request reaches the practitioner's conversation", async () => {
    const practitioner = await suite.open(text.locale);
    const { clientId, accessCode, csrfToken } = await clientWithProgram(practitioner, lang, [
      'knee-quad-set',
    ]);
    const read = await practitioner.context.request.get(`/api/v1/clients/${clientId}`, {
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(read.status()).toBe(200);

    const phone = await suite.open(text.locale);
    await phone.page.setViewportSize({ width: 390, height: 844 });
    const { page } = phone;
    await page.goto('/app/');
    const codeField = page.getByLabel(text.accessCode);
    const continueButton = page.getByRole('button', { name: text.continue });
    await Promise.race([codeField.waitFor(), continueButton.waitFor()]);
    if (await continueButton.isVisible()) await continueButton.click();
    await codeField.fill(accessCode);
    await page.getByRole('button', { name: text.open }).click();
    await page.getByTestId('patient-today').waitFor();

    await page.getByRole('link', { name: text.nav }).click();
    await page.getByTestId('patient-my-data').waitFor();
    await page.getByTestId('record-access').getByText(text.viewed).first().waitFor();
    await page.getByTestId('correction-field').click();
    await page.getByRole('option', { name: text.email, exact: true }).click();
    await page.getByLabel(text.message).fill('ada.new@example.org');
    await expectAccessible(page);
    await page.getByRole('button', { name: text.send }).click();
    await page.getByTestId('correction-sent').getByText(text.sent).waitFor();

    await practitioner.page.goto(`/clients/${clientId}/messages`);
    const request = practitioner.page.locator('[data-kind="correction_request"]');
    await request.getByTestId('message-correction').getByText(text.label).waitFor();
    await request.getByText('ada.new@example.org').waitFor();
  });

  it('shows the public privacy page signed out, with the data categories and their protection', async () => {
    const visitor = await suite.open(text.locale);
    const { page } = visitor;
    await page.goto('/privacy');
    await page.getByTestId('page-privacy').waitFor();
    const contact = page.getByTestId('data-category').filter({ hasText: text.category });
    await contact.getByTestId('data-category-protection').getByText(text.encrypted).waitFor();
    expect(await page.getByTestId('data-category').count()).toBeGreaterThan(10);
    await expectAccessible(page);
  });
});
