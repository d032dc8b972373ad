import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, type WatchedPage } from './browser.js';
import { clientWithProgram, expectAccessible } from './patient.js';
import { addVirtualAuthenticator } from './second-factors.js';

const suite = browserSuite();

// What the patient reads and taps, in both languages (German in the formal "Sie").
const ui = {
  en: {
    locale: 'en-US',
    continue: 'Continue',
    accessCode: 'Access code',
    open: 'Open my program',
    addPasskey: 'Add a passkey',
    passkeySignIn: 'Sign in with a passkey',
    signOut: 'Sign out',
    greeting: 'Hello, Greta',
    settings: 'Reminders',
    present: 'This phone has a passkey for signing in.',
    revoked: 'This passkey no longer works',
  },
  de: {
    locale: 'de-DE',
    continue: 'Weiter',
    accessCode: 'Zugangscode',
    open: 'Mein Programm öffnen',
    addPasskey: 'Passkey hinzufügen',
    passkeySignIn: 'Mit einem Passkey anmelden',
    signOut: 'Abmelden',
    greeting: 'Hallo Greta',
    settings: 'Erinnerungen',
    present: 'Dieses Telefon hat einen Passkey zum Anmelden.',
    revoked: 'Dieser Passkey funktioniert nicht mehr',
  },
} as const;

type Lang = keyof typeof ui;

interface Setup {
  practitioner: WatchedPage;
  clientId: string;
  accessCode: string;
  csrfToken: string;
}

/** A practitioner (through the API) with a client whose program has one library exercise. */
async function practitionerWithProgram(lang: Lang): Promise<Setup> {
  const practitioner = await suite.open(ui[lang].locale);
  const { clientId, accessCode, csrfToken } = await clientWithProgram(practitioner, lang, ['knee-quad-set']);
  return { practitioner, clientId, accessCode, csrfToken };
}

const passkeyFlag = (page: Page) =>
  page.evaluate(() => window.localStorage.getItem('rehabit.patient.passkey'));

describe.each(['en', 'de'] as const)('patient passkey (%s)', (lang) => {
  const text = ui[lang];

  it('adds a passkey after the code sign-in, then signs in with it alone until the devices are signed out', async () => {
    const setup = await practitionerWithProgram(lang);
    const phone = await suite.open(text.locale);
    const { page } = phone;
    await page.setViewportSize({ width: 390, height: 844 });
    // The phone's fingerprint reader: answers every WebAuthn prompt at once.
    await addVirtualAuthenticator(phone.context, page);

    // The first time: region (when listed), then the code.
    await page.goto('/app/');
    const codeField = page.getByLabel(text.accessCode);
    const continueButton = page.getByRole('button', { name: text.continue });
    await Promise.race([codeField.waitFor(), continueButton.waitFor()]);
    if (await continueButton.isVisible()) await continueButton.click();
    await codeField.fill(setup.accessCode);
    await page.getByRole('button', { name: text.open }).click();
    await page.getByTestId('patient-today').waitFor();

    // The one-time offer on today's screen.
    const offer = page.getByTestId('passkey-offer');
    await offer.waitFor();
    await expectAccessible(page);
    await offer.getByRole('button', { name: text.addPasskey }).click();
    await offer.getByTestId('passkey-added').waitFor();
    expect(await passkeyFlag(page)).toBe('1');

    await page.getByRole('link', { name: text.signOut }).click();
    await page.getByTestId('sign-out').getByRole('button', { name: text.signOut }).click();

    // Back at the sign-in, the passkey comes first; no code and no year are typed from here on.
    const passkeySignIn = page.locator('[data-testid="passkey-sign-in"][data-prominent="true"]');
    await passkeySignIn.waitFor();
    await expectAccessible(page);
    await passkeySignIn.getByRole('button', { name: text.passkeySignIn }).click();
    await page.getByTestId('patient-today').waitFor();
    await page.getByRole('heading', { name: text.greeting }).waitFor();
    await expect.poll(() => page.getByTestId('exercise-card').count()).toBe(1);

    // The phone's settings know it too (where a dismissed offer can be taken up later).
    await page.getByRole('link', { name: text.settings }).click();
    await page.getByTestId('device-passkey').getByText(text.present).waitFor();
    await expectAccessible(page);

    // The practice signs every device out (a lost phone): that retires the passkey too.
    const signedOut = await setup.practitioner.context.request.delete(
      `/api/v1/clients/${setup.clientId}/app-sessions`,
      { headers: { 'x-csrf-token': setup.csrfToken } },
    );
    expect(signedOut.status(), await signedOut.text()).toBe(200);

    // Reopening the app: the session is refused, so the sign-in shows, and the passkey is refused too.
    await page.reload();
    await passkeySignIn.waitFor();
    await passkeySignIn.getByRole('button', { name: text.passkeySignIn }).click();
    await passkeySignIn.getByTestId('form-error').getByText(text.revoked).waitFor();
    // The code is the way back in, and the phone no longer puts the refused passkey first.
    await page
      .getByLabel(text.accessCode)
      .or(page.getByRole('button', { name: text.continue }))
      .waitFor();
    expect(await passkeyFlag(page)).toBeNull();
    expect(phone.refusals.some((refusal) => refusal.includes('401'))).toBe(true);
  });
});
