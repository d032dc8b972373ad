import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, type WatchedPage } from './browser.js';
import { clientWithProgram, expectAccessible } from './patient.js';

const suite = browserSuite();

// What both sides read and click, in the two languages (the patient app's German in the formal "Sie").
const ui = {
  en: {
    locale: 'en-US',
    continue: 'Continue',
    accessCode: 'Access code',
    open: 'Open my program',
    messages: 'Messages',
    today: 'Today',
    toClient: 'Message to Greta Lindqvist',
    toPractice: 'Message to your practice',
    send: 'Send',
    read: /^Read /,
    bellUnread: 'Notifications, 1 unread',
    newMessage: 'New message from Greta Lindqvist',
    inboxEmpty: 'No unread messages.',
    unread: '1 unread message',
    feedback: 'Exercise feedback',
    ownFeedback: 'Your comment on an exercise',
    openExercise: /^Open: /,
    comment: 'Comment for your practitioner (optional)',
    saveLog: 'Save log',
    offline: 'You are offline. Messages need a connection',
  },
  de: {
    locale: 'de-DE',
    continue: 'Weiter',
    accessCode: 'Zugangscode',
    open: 'Mein Programm öffnen',
    messages: 'Nachrichten',
    today: 'Heute',
    toClient: 'Nachricht an Greta Lindqvist',
    toPractice: 'Nachricht an Ihre Praxis',
    send: 'Senden',
    read: /^Gelesen /,
    bellUnread: 'Benachrichtigungen, 1 ungelesen',
    newMessage: 'Neue Nachricht von Greta Lindqvist',
    inboxEmpty: 'Keine ungelesenen Nachrichten.',
    unread: '1 ungelesene Nachricht',
    feedback: 'Rückmeldung zur Übung',
    ownFeedback: 'Ihr Kommentar zu einer Übung',
    openExercise: /^Öffnen: /,
    comment: 'Kommentar für Ihre Praxis (optional)',
    saveLog: 'Eintrag speichern',
    offline: 'Sie sind offline. Nachrichten brauchen eine Verbindung',
  },
} as const;

type Lang = keyof typeof ui;

/** The patient's phone: a fresh context (own storage, no cookie of the practitioner) at a phone's size. */
async function openPhone(lang: Lang): Promise<WatchedPage> {
  const watched = await suite.open(ui[lang].locale);
  await watched.page.setViewportSize({ width: 390, height: 844 });
  return watched;
}

/** Region (when the deployment lists regions), then the access code: today's program opens. */
async function signInToApp(page: Page, lang: Lang, code: string): Promise<void> {
  await page.goto('/app/');
  const codeField = page.getByLabel(ui[lang].accessCode);
  const continueButton = page.getByRole('button', { name: ui[lang].continue });
  await Promise.race([codeField.waitFor(), continueButton.waitFor()]);
  if (await continueButton.isVisible()) await continueButton.click();
  await codeField.fill(code);
  await page.getByRole('button', { name: ui[lang].open }).click();
  await page.getByTestId('patient-today').waitFor();
}

describe.each(['en', 'de'] as const)('messaging (%s)', (lang) => {
  const text = ui[lang];

  it('holds a conversation in real time between a practitioner page and the patient app', async () => {
    const practitioner = await suite.open(text.locale);
    const { clientId, accessCode } = await clientWithProgram(practitioner, lang, ['knee-quad-set']);
    const phone = await openPhone(lang);
    const app = phone.page;
    const { page } = practitioner;

    // The patient opens their messages: nothing yet.
    await signInToApp(app, lang, accessCode);
    await app.getByRole('navigation').getByRole('link', { name: text.messages }).click();
    await app.getByTestId('patient-messages').getByTestId('messages-empty').waitFor();
    const appLog = app.getByRole('log');

    // The practitioner writes from the conversation page, sending with Ctrl+Enter.
    await page.goto(`/clients/${clientId}/messages`);
    await page.getByTestId('page-conversation').getByTestId('messages-empty').waitFor();
    await expectAccessible(page);
    const question = 'How does the knee feel after the first week?';
    const toClient = page.getByLabel(text.toClient);
    await toClient.fill(question);
    await toClient.press('Control+Enter');
    const log = page.getByRole('log');
    await log.getByText(question).waitFor();
    await expect.poll(() => toClient.inputValue()).toBe('');

    // It reaches the app without a reload, signed with the practitioner's name; the app has shown it,
    // so the practitioner sees it read.
    const received = appLog.getByTestId('message').filter({ hasText: question });
    await received.getByText('Robin Quist').waitFor();
    await log
      .getByTestId('message')
      .filter({ hasText: question })
      .getByTestId('message-receipt')
      .getByText(text.read)
      .waitFor();

    // The patient replies: it reaches the practitioner's page without a reload and rings the bell.
    const reply = 'Better, thank you. Stairs still hurt a little.';
    await app.getByLabel(text.toPractice).fill(reply);
    await app.getByRole('button', { name: text.send }).click();
    await appLog.getByText(reply).waitFor();
    await log.getByTestId('message').filter({ hasText: reply }).getByText('Greta Lindqvist').waitFor();
    await page.getByRole('button', { name: text.bellUnread }).click();
    await page.getByTestId('notification-new_message').getByText(text.newMessage).waitFor();
    // The open bell too: its times are the secondary ("dimmed") text the theme keeps at AA contrast.
    // Checked once it has faded in (mid-transition every colour is blended with the page).
    const dropdown = page
      .getByTestId('notification-new_message')
      .locator('xpath=ancestor::*[contains(@class,"mantine-Popover-dropdown")]');
    await expect.poll(() => dropdown.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
    await expectAccessible(page);
    await page.keyboard.press('Escape');

    // The practitioner's page showed the reply: the patient sees it read.
    await appLog
      .getByTestId('message')
      .filter({ hasText: reply })
      .getByTestId('message-receipt')
      .getByText(text.read)
      .waitFor();
    await expectAccessible(app);

    // The practitioner waits in the inbox; the patient logs the exercise with a comment.
    const nav = page.getByRole('navigation');
    await nav.getByTestId('nav-messages').click();
    await page.getByTestId('page-messages').getByText(text.inboxEmpty).waitFor();
    await app.getByRole('navigation').getByRole('link', { name: text.today }).click();
    await app.getByRole('link', { name: text.openExercise }).first().click();
    await app.getByTestId('exercise-page').waitFor();
    const exerciseTitle = (await app.getByRole('heading', { level: 1 }).textContent()) ?? '';
    expect(exerciseTitle).not.toBe('');
    const comment = 'The last set made the knee click.';
    await app.getByLabel(text.comment).fill(comment);
    await app.getByRole('button', { name: text.saveLog }).click();
    await app.getByTestId('patient-today').waitFor();

    // The comment arrives as exercise feedback: in the inbox and the navigation's count, live.
    const waiting = page.getByTestId('unread-conversation');
    await waiting.getByText(text.unread).waitFor();
    await nav.getByTestId('unread-messages-badge').filter({ hasText: '1' }).waitFor();
    await waiting.getByRole('link', { name: 'Greta Lindqvist' }).click();
    const feedback = log.locator('[data-testid="message"][data-kind="exercise_feedback"]');
    await feedback.getByText(comment).waitFor();
    await feedback.getByText(text.feedback).waitFor();
    expect(await feedback.getByTestId('message-exercise').textContent()).toBe(exerciseTitle);
    // Opening the conversation read it: the count is gone.
    await nav.getByTestId('unread-messages-badge').waitFor({ state: 'detached' });
    await expectAccessible(page);

    // The patient finds their comment in the conversation too, with its exercise, read by the practice.
    await app.getByRole('navigation').getByRole('link', { name: text.messages }).click();
    const ownFeedback = appLog.locator('[data-testid="message"][data-kind="exercise_feedback"]');
    await ownFeedback.getByText(text.ownFeedback).waitFor();
    expect(await ownFeedback.getByTestId('message-exercise').textContent()).toBe(exerciseTitle);
    await ownFeedback.getByTestId('message-receipt').getByText(text.read).waitFor();
    expect(await appLog.getByTestId('message').count()).toBe(3);
    await expectAccessible(app);
  });

  it('keeps what the patient typed while offline, and sends it once connected again', async () => {
    const practitioner = await suite.open(text.locale);
    const { clientId, accessCode } = await clientWithProgram(practitioner, lang, ['knee-quad-set']);
    const phone = await openPhone(lang);
    const app = phone.page;
    await signInToApp(app, lang, accessCode);
    const nav = app.getByRole('navigation');
    await nav.getByRole('link', { name: text.messages }).click();
    await app.getByTestId('messages-empty').waitFor();

    await phone.context.setOffline(true);
    await app.getByTestId('messages-offline').getByText(text.offline).waitFor();
    const draft = 'Can we move Thursday to the afternoon?';
    const field = app.getByLabel(text.toPractice);
    await field.fill(draft);
    expect(await app.getByRole('button', { name: text.send }).isDisabled()).toBe(true);
    // A look at today's program and back: the text is still there.
    await nav.getByRole('link', { name: text.today }).click();
    await app.getByTestId('patient-today').waitFor();
    await nav.getByRole('link', { name: text.messages }).click();
    expect(await field.inputValue()).toBe(draft);
    await expectAccessible(app);

    await phone.context.setOffline(false);
    await app.getByTestId('messages-offline').waitFor({ state: 'detached' });
    await app.getByRole('button', { name: text.send }).click();
    await app.getByRole('log').getByText(draft).waitFor();
    expect(await field.inputValue()).toBe('');
    forgiveOfflineFailures(phone);

    const answer = await practitioner.context.request.get(`/api/v1/clients/${clientId}/messages`);
    const { items } = (await answer.json()) as { items: { body: string; author: string }[] };
    expect(items).toMatchObject([{ body: draft, author: 'client' }]);
  });
});

/** Offline, the browser logs every request (and socket) it could not make; those are the point of the test. */
function forgiveOfflineFailures(watched: WatchedPage): void {
  const offline = (problem: string) =>
    problem.includes('ERR_INTERNET_DISCONNECTED') || problem.includes('resulted in a network error');
  watched.problems.splice(0, Infinity, ...watched.problems.filter((problem) => !offline(problem)));
}
