import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { browserSuite, type WatchedPage } from './browser.js';
import { clientWithProgram, expectAccessible, waitForServiceWorker } from './patient.js';

const suite = browserSuite();

const _axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// What the patient reads and taps, in both languages (German in the formal "Sie").
const ui = {
  en: {
    locale: 'en-US',
    continue: 'Continue',
    accessCode: 'Access code',
    open: 'Open my program',
    nav: 'Reminders',
    add: 'Add a time',
    time: (n: number) => `Time ${n}`,
    quiet: 'No reminders during quiet hours',
    from: 'From',
    until: 'Until',
    pastMidnight: 'Quiet from 21:30 until 06:15 the next morning.',
    save: 'Save reminders',
    saved: 'Your reminders are saved.',
    enable: 'Get reminders on this phone',
    failed: 'Reminders could not be changed on this phone. Please try again in a moment.',
    email: 'Email',
    refusedSince: 'Switched off since',
  },
  de: {
    locale: 'de-DE',
    continue: 'Weiter',
    accessCode: 'Zugangscode',
    open: 'Mein Programm öffnen',
    nav: 'Erinnerungen',
    add: 'Uhrzeit hinzufügen',
    time: (n: number) => `Uhrzeit ${n}`,
    quiet: 'Keine Erinnerungen in der Ruhezeit',
    from: 'Von',
    until: 'Bis',
    pastMidnight: 'Ruhe von 21:30 bis 06:15 Uhr am nächsten Morgen.',
    save: 'Erinnerungen speichern',
    saved: 'Ihre Erinnerungen sind gespeichert.',
    enable: 'Erinnerungen auf diesem Telefon erhalten',
    failed:
      'Erinnerungen konnten auf diesem Telefon nicht geändert werden. Bitte versuchen Sie es gleich noch einmal.',
    email: 'E-Mail',
    refusedSince: 'Ausgeschaltet seit',
  },
} as const;

type Lang = keyof typeof ui;

/** A client with a one-exercise program, set up by a practitioner through the API: its access code. */
async function accessCodeOfNewClient(lang: Lang): Promise<string> {
  const practitioner = await suite.open(ui[lang].locale);
  return (await clientWithProgram(practitioner, lang, ['knee-quad-set'])).accessCode;
}

/** The patient's phone, signed in with the access code, its service worker in control. */
async function signedInPhone(lang: Lang, accessCode: string): Promise<WatchedPage> {
  const phone = await suite.open(ui[lang].locale);
  await phone.page.setViewportSize({ width: 390, height: 844 });
  // Granted up front: headless Chromium has no one to answer the permission question.
  await phone.context.grantPermissions(['notifications'], { origin: suite.server.url });
  const { page } = phone;
  await page.goto('/app/');
  const codeField = page.getByLabel(ui[lang].accessCode);
  const continueButton = page.getByRole('button', { name: ui[lang].continue });
  await Promise.race([codeField.waitFor(), continueButton.waitFor()]);
  if (await continueButton.isVisible()) await continueButton.click();
  await codeField.fill(accessCode);
  await page.getByRole('button', { name: ui[lang].open }).click();
  await page.getByTestId('patient-today').waitFor();
  await waitForServiceWorker(page);
  return phone;
}

describe.each(['en', 'de'] as const)('patient reminders (%s)', (lang) => {
  const text = ui[lang];

  it('saves two reminder times and quiet hours past midnight, which survive a reload and reach the server', async () => {
    const phone = await signedInPhone(lang, await accessCodeOfNewClient(lang));
    const { page } = phone;

    await page.getByRole('link', { name: text.nav }).click();
    await page.getByTestId('patient-reminders').waitFor();
    await page.getByRole('button', { name: text.add }).click();
    await page.getByRole('button', { name: text.add }).click();
    await page.getByLabel(text.time(1), { exact: true }).fill('19:30');
    await page.getByLabel(text.time(2), { exact: true }).fill('07:45');
    await page.getByRole('switch', { name: text.quiet }).check();
    await page.getByLabel(text.from, { exact: true }).fill('21:30');
    await page.getByLabel(text.until, { exact: true }).fill('06:15');
    await page.getByText(text.pastMidnight).waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: text.save }).click();
    await page.getByTestId('reminders-saved').getByText(text.saved).waitFor();

    await page.reload();
    await page.getByTestId('patient-reminders').waitFor();
    // Sorted as the server keeps them.
    await expect.poll(() => page.getByLabel(text.time(1), { exact: true }).inputValue()).toBe('07:45');
    expect(await page.getByLabel(text.time(2), { exact: true }).inputValue()).toBe('19:30');
    expect(await page.getByRole('switch', { name: text.quiet }).isChecked()).toBe(true);
    expect(await page.getByLabel(text.from, { exact: true }).inputValue()).toBe('21:30');
    expect(await page.getByLabel(text.until, { exact: true }).inputValue()).toBe('06:15');

    const { token, timeZone } = await page.evaluate(() => ({
      token: (JSON.parse(localStorage.getItem('rehabit.patient.session') ?? '{}') as { token?: string })
        .token,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }));
    const stored = await fetch(`${suite.server.url}/api/v1/patient/reminders`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({
      times: ['07:45', '19:30'],
      quietHours: { start: '21:30', end: '06:15' },
      timeZone,
      devices: 0,
    });
  });

  it('lets the client refuse mail, which the practice then sees refused with its time', async () => {
    const practitioner = await suite.open(text.locale);
    const { clientId, accessCode, csrfToken } = await clientWithProgram(practitioner, lang, [
      'knee-quad-set',
    ]);
    const phone = await signedInPhone(lang, accessCode);
    const { page } = phone;
    await page.getByRole('link', { name: text.nav }).click();
    const email = page.getByRole('switch', { name: text.email, exact: true });
    await expect.poll(() => email.isChecked()).toBe(true);
    // Saved at once; the switch shows the server's answer (checking it before would race the save).
    await email.click();
    await page.getByTestId('contact-preferences').getByText(text.refusedSince).waitFor();
    await expectAccessible(page);

    const seen = await practitioner.context.request.get(`/api/v1/clients/${clientId}/contact-preferences`, {
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(seen.status()).toBe(200);
    expect(await seen.json()).toMatchObject({ email: { status: 'refused' }, sms: { status: 'allowed' } });
    await page.reload();
    await page.getByTestId('contact-preferences').getByText(text.refusedSince).waitFor();
    expect(await email.isChecked()).toBe(false);
  });

  it('shows a pushed reminder as one notification that the next one replaces', async () => {
    const phone = await signedInPhone(lang, await accessCodeOfNewClient(lang));
    const { page, context } = phone;

    // Headless Chromium reaches no real push service: the DevTools protocol delivers the push instead.
    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find(
          (registration) => registration.scopeURL === `${suite.server.url}/app/`,
        );
        if (ours && !ours.isDeleted) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    const push = async (payload: object) =>
      cdp.send('ServiceWorker.deliverPushMessage', {
        origin: suite.server.url,
        registrationId: await registrationId,
        data: JSON.stringify(payload),
      });
    const notifications = () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map(({ title, body, tag, icon, data }) => ({
          title,
          body,
          tag,
          icon,
          data: data as unknown,
        }));
      });

    await push({ title: 'Rehabit', body: 'Time for your exercises.', url: '/app/' });
    await expect.poll(notifications).toEqual([
      {
        title: 'Rehabit',
        body: 'Time for your exercises.',
        tag: 'rehabit-reminder',
        icon: `${suite.server.url}/app/icons/icon-192.png`,
        data: { url: `${suite.server.url}/app/` },
      },
    ]);
    // A link off the app is not followed: the notification opens the app's start page instead.
    await push({ title: 'Rehabit', body: 'Zeit für Ihre Übungen.', url: 'https://elsewhere.example/' });
    await expect
      .poll(async () => (await notifications()).map(({ body, data }) => ({ body, data })))
      .toEqual([{ body: 'Zeit für Ihre Übungen.', data: { url: `${suite.server.url}/app/` } }]);
    await cdp.detach();
  });

  it('says in words when this phone cannot subscribe, instead of breaking', async () => {
    const phone = await signedInPhone(lang, await accessCodeOfNewClient(lang));
    const { page } = phone;
    await page.getByRole('link', { name: text.nav }).click();
    await page.getByTestId('device-push-state').waitFor();
    // Chromium refuses push subscriptions in contexts like this one (incognito-like), as a phone's
    // browser may refuse them without Google services: the permission is granted, subscribing fails.
    await page.getByRole('button', { name: text.enable }).click();
    await page.getByTestId('device-push-problem').getByText(text.failed).waitFor();
    expect(await page.getByTestId('device-push-state').getAttribute('data-enabled')).toBe('false');
    // Chromium logs that refusal itself; the app's own handling logged nothing.
    const chromiumRefusal = (problem: string) => problem.includes('does not support the Push API');
    phone.problems.splice(0, Infinity, ...phone.problems.filter((problem) => !chromiumRefusal(problem)));
  });
});
