import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { browserSuite, signUpThroughApi, type WatchedPage } from './browser.js';

const suite = browserSuite();

// What each flow reads and clicks, in the two languages the workspace ships.
const ui = {
  en: {
    locale: 'en-US',
    title: 'Practice',
    keyName: 'Name',
    createKey: 'Create key',
    shownOnce: 'Copy the key now',
    keyDone: 'I have copied the key',
    inviteEmail: 'Email address',
    inviteRole: 'Role',
    sendInvite: 'Send invitation',
    frontDesk: 'Front desk',
    mfaSwitch: 'Require two-step sign-in for all members',
    setupFirst: 'Set up two-step sign-in for your own account first',
    mfaOn: 'Two-step sign-in is now required for all members.',
    mfaOff: 'Two-step sign-in is no longer required.',
  },
  de: {
    locale: 'de-DE',
    title: 'Praxis',
    keyName: 'Name',
    createKey: 'Schlüssel erstellen',
    shownOnce: 'Kopieren Sie den Schlüssel jetzt',
    keyDone: 'Ich habe den Schlüssel kopiert',
    inviteEmail: 'E-Mail-Adresse',
    inviteRole: 'Rolle',
    sendInvite: 'Einladung senden',
    frontDesk: 'Empfang',
    mfaSwitch: 'Zwei-Schritt-Anmeldung für alle Mitglieder verlangen',
    setupFirst: 'Richten Sie zuerst die Zwei-Schritt-Anmeldung für Ihr eigenes Konto ein',
    mfaOn: 'Die Zwei-Schritt-Anmeldung ist jetzt für alle Mitglieder Pflicht.',
    mfaOff: 'Die Zwei-Schritt-Anmeldung ist nicht mehr Pflicht.',
  },
} as const;

type Language = keyof typeof ui;

/** Turns on the authenticator app through the API, as the owner must have a second factor first. */
async function enrolTotp(watched: WatchedPage, csrfToken: string) {
  const headers = { 'x-csrf-token': csrfToken };
  const started = await watched.page.request.post('/api/v1/me/mfa/totp', { headers });
  expect(started.status()).toBe(200);
  const { secret } = (await started.json()) as { secret: string };
  const code = new TOTP({
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  }).generate();
  const confirmed = await watched.page.request.post('/api/v1/me/mfa/totp/confirm', {
    headers,
    data: { code },
  });
  expect(confirmed.status()).toBe(200);
}

async function open(language: Language) {
  const watched = await suite.open(ui[language].locale);
  return watched;
}

async function openPractice(watched: WatchedPage, language: Language) {
  await watched.page.goto('/practice');
  await watched.page.getByRole('heading', { level: 1, name: ui[language].title }).waitFor();
}

describe.each(['en', 'de'] as const)('practice page (%s)', (language) => {
  const text = ui[language];

  it('creates an API key, shows it once, and lists it by its prefix', async () => {
    const watched = await open(language);
    const { page } = watched;
    await signUpThroughApi(watched.context, undefined, { language });
    await openPractice(watched, language);

    const section = page.getByTestId('practice-api-keys');
    await section.getByLabel(text.keyName).fill('Booking system');
    await section.getByRole('button', { name: text.createKey }).click();

    const dialog = page.getByRole('dialog');
    await dialog.getByText(text.shownOnce).waitFor();
    const key = ((await dialog.getByTestId('new-api-key').textContent()) ?? '').trim();
    await dialog.getByRole('button', { name: text.keyDone }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = section.getByTestId('api-key-row');
    await row.getByText('Booking system').waitFor();
    const prefix = ((await row.getByTestId('api-key-prefix').textContent()) ?? '').replace(/…$/, '');
    expect(prefix.length).toBeGreaterThan(3);
    expect(key.startsWith(prefix)).toBe(true);
    expect(await page.getByText(key).count()).toBe(0);

    // The key shown is the one that works: an integration can check it without a cookie.
    const check = await fetch(`${suite.server.url}/api/v1/api-keys/current`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(check.status).toBe(200);
    expect(((await check.json()) as { name: string }).name).toBe('Booking system');
  });

  it('invites a colleague to the front desk, who joins and sees the name and members only', async () => {
    const owner = await open(language);
    const { practiceName } = await signUpThroughApi(owner.context, undefined, { language });
    await openPractice(owner, language);

    const section = owner.page.getByTestId('practice-invitations');
    const email = `colleague-${randomUUID()}@example.test`;
    const since = suite.server.mail.count();
    await section.getByLabel(text.inviteEmail).fill(email);
    await section.getByLabel(text.inviteRole).selectOption('front_desk');
    await section.getByRole('button', { name: text.sendInvite }).click();
    const row = section.getByTestId('invitation-row');
    await row.getByText(email).waitFor();
    await row.getByText(text.frontDesk).waitFor();

    const link = await suite.server.mail.waitForLink(email, '/invitation', { since });
    const colleague = await open(language);
    await colleague.page.goto(link);
    await colleague.page.getByTestId('invitation-first-name').fill('Kim');
    await colleague.page.getByTestId('invitation-last-name').fill('Berg');
    await colleague.page.getByTestId('invitation-password').fill('copper violin harbour 58');
    await colleague.page.getByTestId('invitation-terms').check();
    await colleague.page.getByTestId('invitation-submit').click();
    await colleague.page.getByTestId('page-home').waitFor();

    await openPractice(colleague, language);
    expect(await colleague.page.getByTestId('practice-heading-name').textContent()).toBe(practiceName);
    const members = colleague.page.getByTestId('member-row');
    await members.filter({ hasText: email }).getByText(text.frontDesk).waitFor();
    expect(await members.count()).toBe(2);
    expect(await colleague.page.getByTestId('members-table').getByRole('combobox').count()).toBe(0);
    for (const ownerOnly of [
      'practice-details',
      'practice-invitations',
      'practice-mfa',
      'practice-api-keys',
    ]) {
      expect(await colleague.page.getByTestId(ownerOnly).count()).toBe(0);
    }

    // The owner sees the new member, and the invitation is no longer pending.
    await openPractice(owner, language);
    await owner.page.getByTestId('member-row').filter({ hasText: email }).waitFor();
    expect(await owner.page.getByTestId('invitation-row').count()).toBe(0);
  });

  it('requires a second factor of the owner first, then turns the MFA policy on and off', async () => {
    const watched = await open(language);
    const { page } = watched;
    const { csrfToken } = await signUpThroughApi(watched.context, undefined, { language });
    await openPractice(watched, language);

    const section = page.getByTestId('practice-mfa');
    const policy = section.getByRole('switch', { name: text.mfaSwitch });
    // The input is visually hidden (hence force), and disabled until the owner's role has loaded:
    // a forced click on it then would do nothing.
    const flip = async () => {
      await expect.poll(() => policy.isEnabled()).toBe(true);
      await policy.click({ force: true });
    };
    await flip();
    await section.getByText(text.setupFirst).waitFor();
    expect(watched.refusals.some((refusal) => refusal.includes('status of 409'))).toBe(true);
    expect(await policy.isChecked()).toBe(false);

    await enrolTotp(watched, csrfToken);
    await openPractice(watched, language);
    await flip();
    await section.getByText(text.mfaOn).waitFor();
    expect(await policy.isChecked()).toBe(true);

    await flip();
    await section.getByText(text.mfaOff).waitFor();
    expect(await policy.isChecked()).toBe(false);
  });
});
