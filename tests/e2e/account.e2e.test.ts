import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { browserSuite, signUpThroughApi, type WatchedPage } from './browser.js';

const suite = browserSuite();

// What each flow reads and clicks, in the two languages the workspace ships.
const ui = {
  en: {
    locale: 'en-US',
    title: 'Your account',
    securityTab: 'Two-step sign-in',
    startTotp: 'Set up an authenticator app',
    code: 'Code from the app',
    turnOn: 'Turn on',
    codesSaved: 'I have saved these codes somewhere safe',
    done: 'Done',
    totpOn: 'On',
    addPasskey: 'Add a passkey',
    passkeyName: 'Name',
    continue: 'Continue',
    deviceOnly: 'This device only',
    passwordTab: 'Password',
    changePassword: 'Change password',
    wrongCurrent: 'This is not your current password.',
    passwordChanged: 'Your password is changed. Other browsers were signed out.',
    sessionsTab: 'Sessions',
    thisBrowser: 'This browser',
    everywhere: 'Sign out everywhere',
  },
  de: {
    locale: 'de-DE',
    title: 'Ihr Konto',
    securityTab: 'Zwei-Schritt-Anmeldung',
    startTotp: 'Authenticator-App einrichten',
    code: 'Code aus der App',
    turnOn: 'Einschalten',
    codesSaved: 'Ich habe diese Codes sicher aufbewahrt',
    done: 'Fertig',
    totpOn: 'Aktiv',
    addPasskey: 'Passkey hinzufügen',
    passkeyName: 'Name',
    continue: 'Weiter',
    deviceOnly: 'Nur auf diesem Gerät',
    passwordTab: 'Passwort',
    changePassword: 'Passwort ändern',
    wrongCurrent: 'Das ist nicht Ihr aktuelles Passwort.',
    passwordChanged: 'Ihr Passwort ist geändert. Andere Browser wurden abgemeldet.',
    sessionsTab: 'Sitzungen',
    thisBrowser: 'Dieser Browser',
    everywhere: 'Überall abmelden',
  },
} as const;

type Language = keyof typeof ui;

async function open(language: Language) {
  const watched = await suite.open(ui[language].locale);
  return watched;
}

async function openTab(watched: WatchedPage, language: Language, tab: string) {
  const { page } = watched;
  await page.goto('/account');
  await page.getByRole('heading', { level: 1, name: ui[language].title }).waitFor();
  await page.getByRole('tab', { name: tab }).click();
}

/** Signs the account in from another browser, through the API: a second session to see end. */
async function signInElsewhere(language: Language, account: { email: string; password: string }) {
  const other = await open(language);
  const response = await other.context.request.post('/api/v1/auth/sessions', {
    data: { email: account.email, password: account.password },
  });
  expect(response.status()).toBe(200);
  return other;
}

const sessionStatus = async (watched: WatchedPage) =>
  (await watched.context.request.get('/api/v1/auth/session')).status();

async function signOut(watched: WatchedPage) {
  await watched.page.getByTestId('user-menu').click();
  await watched.page.getByTestId('user-menu-sign-out').click();
  await watched.page.getByTestId('page-sign-in').waitFor();
}

describe.each(['en', 'de'] as const)('account page (%s)', (language) => {
  const text = ui[language];

  it('turns on the authenticator app, shows the recovery codes once, and asks for a code at sign-in', async () => {
    const watched = await open(language);
    const { page } = watched;
    const account = await signUpThroughApi(watched.context, undefined, { language });
    await openTab(watched, language, text.securityTab);

    await page.getByRole('button', { name: text.startTotp }).click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
    await page.getByLabel(text.code).fill(totp.generate());
    await page.getByRole('button', { name: text.turnOn }).click();

    await page.getByTestId('recovery-codes').waitFor();
    expect(await page.getByTestId('recovery-code').count()).toBe(10);
    const done = page.getByRole('button', { name: text.done });
    expect(await done.isDisabled()).toBe(true);
    await page.getByLabel(text.codesSaved).check();
    await done.click();
    await page.getByTestId('recovery-codes').waitFor({ state: 'detached' });
    expect((await page.getByTestId('totp-state').textContent()) ?? '').toBe(text.totpOn);

    await signOut(watched);
    await page.getByTestId('sign-in-email').fill(account.email);
    await page.getByTestId('sign-in-password').fill(account.password);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('page-second-factor').waitFor();
    // Each code is accepted once: the one that turned the app on is spent, so use the next step's.
    await page.getByTestId('second-factor-code').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByTestId('second-factor-submit').click();
    await page.getByTestId('page-home').waitFor();
  });

  it('adds a passkey on the account page, lists it, and signs in with it alone', async () => {
    const watched = await open(language);
    const { page, context } = watched;
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await signUpThroughApi(watched.context, undefined, { language });
    await openTab(watched, language, text.securityTab);

    await page.getByRole('button', { name: text.addPasskey }).click();
    const name = page.getByRole('dialog').getByLabel(text.passkeyName);
    // The suggested name tells the devices apart: "Passkey on Chrome on Linux" and the like.
    expect(await name.inputValue()).toContain('Chrome');
    await name.fill('Work laptop');
    await page.getByRole('dialog').getByRole('button', { name: text.continue }).click();

    const listed = page.getByTestId('passkey');
    await listed.getByText('Work laptop').waitFor();
    await listed.getByText(text.deviceOnly).waitFor();
    expect(await listed.count()).toBe(1);

    await signOut(watched);
    await page.getByTestId('sign-in-passkey').click();
    await page.getByTestId('page-home').waitFor();
  });

  it('changes the password, naming a wrong current one, and ends the other sessions', async () => {
    const watched = await open(language);
    const { page } = watched;
    const account = await signUpThroughApi(watched.context, undefined, { language });
    const other = await signInElsewhere(language, account);
    await openTab(watched, language, text.passwordTab);

    const fresh = 'velvet compass thunder 31';
    await page.getByTestId('password-current').fill('not the password at all');
    await page.getByTestId('password-new').fill(fresh);
    await page.getByTestId('password-repeat').fill(fresh);
    await page.getByRole('button', { name: text.changePassword }).click();
    await page.getByText(text.wrongCurrent).waitFor();

    await page.getByTestId('password-current').fill(account.password);
    await page.getByRole('button', { name: text.changePassword }).click();
    await page.getByText(text.passwordChanged).waitFor();
    expect(await sessionStatus(other)).toBe(401);
    expect(await sessionStatus(watched)).toBe(200);
  });

  it('lists the sessions with this browser marked, and signs out everywhere to the sign-in page', async () => {
    const watched = await open(language);
    const { page } = watched;
    const account = await signUpThroughApi(watched.context, undefined, { language });
    const other = await signInElsewhere(language, account);
    await openTab(watched, language, text.sessionsTab);

    const sessions = page.getByTestId('account-session');
    await sessions.filter({ hasText: text.thisBrowser }).waitFor();
    expect(await sessions.count()).toBe(2);

    await page.getByRole('button', { name: text.everywhere }).click();
    await page.getByRole('dialog').getByRole('button', { name: text.everywhere }).click();
    await page.getByTestId('page-sign-in').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await sessionStatus(other)).toBe(401);
    expect(await sessionStatus(watched)).toBe(401);
  });
});
