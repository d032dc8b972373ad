import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newAccount,
  openPage,
  type RunningServer,
  signUpThroughApi,
  startServer,
  type WatchedPage,
} from './browser.js';
import { addVirtualAuthenticator, enableTotp, registerPasskey } from './second-factors.js';

let server: RunningServer;
let browser: Browser;
let current: WatchedPage | undefined;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

afterEach(async () => {
  const problems = current?.problems ?? [];
  await current?.context.close();
  current = undefined;
  expect(problems).toEqual([]);
});

// What each language shows; the flows are the same.
const languages = [
  {
    name: 'English',
    locale: 'en-US',
    language: 'en',
    home: 'Welcome to Rehabit',
    signIn: 'Sign in',
    countrySearch: 'Germ',
    country: 'Germany',
    owner: 'Owner',
    wrongPassword: 'The email or password is not right.',
    locked: 'Your account is locked for 15 more minutes.',
    refusedCode: 'That code or passkey was not accepted. Try again.',
    linkSent: 'If an account exists for',
    passwordChanged: 'Your password has been changed',
    emailConfirmed: 'your email address is confirmed',
    tooShort: 'Use at least 12 characters.',
    invitedAs: 'as practitioner',
    memberRole: 'Practitioner',
    mfaBanner: 'Set up two-step sign-in to continue',
    invitationInvalid: 'This invitation is no longer valid',
  },
  {
    name: 'German',
    locale: 'de-DE',
    language: 'de',
    home: 'Willkommen bei Rehabit',
    signIn: 'Anmelden',
    countrySearch: 'Deutschl',
    country: 'Deutschland',
    owner: 'Inhaber/in',
    wrongPassword: 'E-Mail-Adresse oder Passwort stimmen nicht.',
    locked: 'Ihr Konto ist noch 15 Minuten gesperrt.',
    refusedCode: 'Dieser Code oder Passkey wurde nicht angenommen.',
    linkSent: 'Falls es ein Konto für',
    passwordChanged: 'Ihr Passwort wurde geändert',
    emailConfirmed: 'Ihre E-Mail-Adresse ist bestätigt',
    tooShort: 'Verwenden Sie mindestens 12 Zeichen.',
    invitedAs: 'als Therapeut/in',
    memberRole: 'Therapeut/in',
    mfaBanner: 'Richten Sie die Anmeldung in zwei Schritten ein',
    invitationInvalid: 'Diese Einladung ist nicht mehr gültig',
  },
] as const;

const pathOf = (page: Page) => new URL(page.url()).pathname;

async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
}

describe.each(languages)('in $name', (text) => {
  /** A page in this language; afterEach asserts it logged no errors or CSP violations. */
  async function open(): Promise<WatchedPage> {
    current = await openPage(browser, server.url, text.locale);
    return current;
  }

  /** An account of this language (sign-in adopts the profile's), signed in in this browser. */
  const signedUp = (watched: WatchedPage) =>
    signUpThroughApi(watched.context, newAccount(), { language: text.language });

  /** An account that exists, with this browser signed out of it. */
  async function existingAccount(watched: WatchedPage) {
    const account = await signedUp(watched);
    await watched.context.clearCookies();
    return account;
  }

  it('signs up through the form, lands in the workspace and confirms the email from the mail', async () => {
    const { page } = await open();
    const account = newAccount('signup');
    await page.goto('/sign-up');
    await page.getByTestId('sign-up-first-name').fill(account.firstName);
    await page.getByTestId('sign-up-last-name').fill(account.lastName);
    await page.getByTestId('sign-up-email').fill(account.email);
    await page.getByTestId('sign-up-password').fill('short');
    await page.getByTestId('sign-up-practice-name').fill(account.practiceName);
    await page.getByTestId('sign-up-submit').click();
    // Checked before anything is sent, in the page's language.
    await page.getByText(text.tooShort).waitFor();

    await page.getByTestId('sign-up-password').fill(account.password);
    await page.getByTestId('sign-up-country').fill(text.countrySearch);
    await page.getByRole('option', { name: text.country, exact: true }).click();
    await page.getByTestId('sign-up-more').click();
    await page.getByTestId('sign-up-mobile').fill('+44 7700 900123');
    await page.getByTestId('sign-up-weight-unit').selectOption('lb');
    await page.getByTestId('sign-up-terms').check();
    await page.getByTestId('sign-up-submit').click();

    await page.getByRole('heading', { level: 1, name: text.home }).waitFor();
    expect(pathOf(page)).toBe('/');
    await page.getByTestId('banner-verify-email').waitFor();
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me).toMatchObject({
      email: account.email,
      firstName: account.firstName,
      role: 'owner',
      mobile: '+447700900123',
      emailVerified: false,
      preferences: { language: text.language, weightUnit: 'lb' },
    });

    await server.mail.waitForLink(account.email, '/verify-email');
    const since = server.mail.count();
    await page.getByTestId('banner-verify-email-resend').click();
    await page.getByTestId('banner-verify-email-sent').waitFor();
    // Sending again retires the first link, so only the new one works.
    const link = await server.mail.waitForLink(account.email, '/verify-email', { since });
    await page.goto(link);
    await page.getByTestId('verify-email-done').getByText(text.emailConfirmed).waitFor();
    await page.getByTestId('verify-email-continue').click();
    await page.getByRole('heading', { level: 1, name: text.home }).waitFor();
    expect(await page.getByTestId('banner-verify-email').count()).toBe(0);
  });

  it('signs out from the user menu and signs in again', async () => {
    const watched = await open();
    const { page } = watched;
    const account = await signedUp(watched);
    await page.goto('/');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-role').getByText(text.owner).waitFor();
    await page.getByTestId('user-menu-sign-out').click();
    await page.getByRole('heading', { level: 1, name: text.signIn }).waitFor();
    expect(pathOf(page)).toBe('/sign-in');
    expect((await page.request.get('/api/v1/auth/session')).status()).toBe(401);

    await signInWith(page, account.email, account.password);
    await page.getByRole('heading', { level: 1, name: text.home }).waitFor();
    expect(pathOf(page)).toBe('/');
  });

  it('shows the translated error for a wrong password and stays on the sign-in page', async () => {
    const watched = await open();
    const account = await existingAccount(watched);
    await watched.page.goto('/sign-in');
    await signInWith(watched.page, account.email, `${account.password} but wrong`);
    await watched.page.getByTestId('form-error').getByText(text.wrongPassword).waitFor();
    expect(pathOf(watched.page)).toBe('/sign-in');
  });

  it('says how many minutes an account stays locked after too many wrong passwords', async () => {
    const watched = await open();
    const account = await existingAccount(watched);
    for (let attempt = 1; attempt < 10; attempt += 1) {
      const answer = await watched.context.request.post('/api/v1/auth/sessions', {
        data: { email: account.email, password: `wrong ${attempt}` },
      });
      expect(answer.status()).toBe(401);
    }
    await watched.page.goto('/sign-in');
    await signInWith(watched.page, account.email, 'the tenth wrong one');
    await watched.page.getByTestId('form-error').getByText(text.locked).waitFor();
    expect(watched.refusals.filter((refusal) => refusal.includes('status of 429'))).toHaveLength(1);
  });

  it('resets a forgotten password through the mailed link and signs in with the new one', async () => {
    const watched = await open();
    const { page } = watched;
    const account = await existingAccount(watched);
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-forgot').click();
    const since = server.mail.count();
    await page.getByTestId('forgot-password-email').fill(account.email);
    await page.getByTestId('forgot-password-submit').click();
    await page.getByTestId('forgot-password-sent').getByText(text.linkSent).waitFor();

    const link = await server.mail.waitForLink(account.email, '/reset-password', { since });
    await page.goto(link);
    const newPassword = `${account.password} renewed`;
    await page.getByTestId('reset-password-password').fill(newPassword);
    await page.getByTestId('reset-password-confirm').fill(newPassword);
    await page.getByTestId('reset-password-submit').click();
    await page.getByTestId('reset-password-done').getByText(text.passwordChanged).waitFor();
    await page.getByTestId('reset-password-sign-in').click();

    await signInWith(page, account.email, newPassword);
    await page.getByRole('heading', { level: 1, name: text.home }).waitFor();
  });

  it('sends a signed-out visitor to sign in and back to the page they asked for', async () => {
    const watched = await open();
    const { page } = watched;
    const account = await existingAccount(watched);
    await page.goto('/schedule?view=week');
    await page.getByRole('heading', { level: 1, name: text.signIn }).waitFor();
    const signInUrl = new URL(page.url());
    expect(signInUrl.pathname).toBe('/sign-in');
    expect(signInUrl.searchParams.get('next')).toBe('/schedule?view=week');

    await signInWith(page, account.email, account.password);
    await page.getByTestId('page-section-schedule').waitFor();
    expect(pathOf(page)).toBe('/schedule');
    expect(new URL(page.url()).search).toBe('?view=week');
  });

  it('takes a passkey as the second factor, and signs in with a passkey alone', async () => {
    const watched = await open();
    const { page, context } = watched;
    await addVirtualAuthenticator(context, page);
    const account = await signedUp(watched);
    await page.goto('/');
    await registerPasskey(page, account.csrfToken);
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-sign-out').click();

    await signInWith(page, account.email, account.password);
    await page.getByTestId('page-second-factor').waitFor();
    // Only the factors the account has are offered.
    expect(await page.getByTestId('second-factor-code').count()).toBe(0);
    await page.getByTestId('second-factor-passkey').click();
    await page.getByRole('heading', { level: 1, name: text.home }).waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-sign-out').click();
    await page.getByTestId('sign-in-passkey').click();
    await page.getByRole('heading', { level: 1, name: text.home }).waitFor();
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me.email).toBe(account.email);
  });

  it('accepts an invitation, and keeps a member without a second factor on the account page', async () => {
    const watched = await open();
    const { page, context } = watched;
    const owner = await signedUp(watched);
    await enableTotp(context, owner.csrfToken);
    const headers = { 'x-csrf-token': owner.csrfToken };
    const required = await context.request.patch('/api/v1/practice', {
      headers,
      data: { mfaRequired: true },
    });
    expect(required.status()).toBe(200);
    const invitee = newAccount('invitee');
    const invited = await context.request.post('/api/v1/practice/members', {
      headers,
      data: { email: invitee.email, role: 'practitioner' },
    });
    expect(invited.status()).toBe(201);
    await context.clearCookies();

    const link = await server.mail.waitForLink(invitee.email, '/invitation');
    await page.goto(link);
    await page.getByTestId('page-invitation').getByText(owner.practiceName).waitFor();
    await page.getByText(text.invitedAs).waitFor();
    expect(await page.getByTestId('invitation-email').inputValue()).toBe(invitee.email);
    await page.getByTestId('invitation-first-name').fill('Sam');
    await page.getByTestId('invitation-last-name').fill('Lindqvist');
    await page.getByTestId('invitation-password').fill(invitee.password);
    await page.getByTestId('invitation-terms').check();
    await page.getByTestId('invitation-submit').click();

    await page.getByTestId('banner-mfa-setup').getByText(text.mfaBanner).waitFor();
    expect(pathOf(page)).toBe('/account');
    await page.goto('/clients');
    await page.getByTestId('banner-mfa-setup').waitFor();
    expect(pathOf(page)).toBe('/account');
    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-role').getByText(text.memberRole).waitFor();

    // The link worked once.
    await context.clearCookies();
    await page.goto(link);
    await page.getByTestId('form-error').getByText(text.invitationInvalid).waitFor();
  });

  it('asks for the authenticator code in the same card, or takes a recovery code', async () => {
    const watched = await open();
    const { page } = watched;
    const account = await signedUp(watched);
    const totp = await enableTotp(watched.context, account.csrfToken);
    await watched.context.clearCookies();

    await page.goto('/sign-in');
    await signInWith(page, account.email, account.password);
    const code = page.getByTestId('second-factor-code');
    expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
    await code.fill('000000');
    await page.getByTestId('second-factor-submit').click();
    await page.getByTestId('form-error').getByText(text.refusedCode).waitFor();
    await code.fill(totp.currentCode());
    await page.getByTestId('second-factor-submit').click();
    await page.getByRole('heading', { level: 1, name: text.home }).waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('user-menu-sign-out').click();
    await signInWith(page, account.email, account.password);
    await page.getByTestId('second-factor-toggle-recovery').click();
    await page.getByTestId('second-factor-recovery-code').fill(totp.recoveryCodes[0] ?? '');
    await page.getByTestId('second-factor-submit').click();
    await page.getByRole('heading', { level: 1, name: text.home }).waitFor();
  });
});

describe('language', () => {
  it('adopts the profile language at sign-in, and saves a switch to the profile', async () => {
    current = await openPage(browser, server.url, 'en-US');
    const { page, context } = current;
    const account = await signUpThroughApi(context, newAccount('lang'), { language: 'de' });
    await context.clearCookies();
    await page.goto('/sign-in');
    await signInWith(page, account.email, account.password);
    await page.getByRole('heading', { level: 1, name: 'Willkommen bei Rehabit' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');

    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/api/v1/me') && response.request().method() === 'PATCH',
    );
    await page.getByTestId('language-switch').selectOption('en');
    expect((await saved).status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Welcome to Rehabit' }).waitFor();
    const me = await (await page.request.get('/api/v1/me')).json();
    expect(me.preferences.language).toBe('en');
  });
});
