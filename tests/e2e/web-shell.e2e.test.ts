import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openPage,
  type RunningServer,
  signUpThroughApi,
  startServer,
  type WatchedPage,
} from './browser.js';

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

/** Opens a page for this test; afterEach asserts it logged no errors. */
async function open(locale?: string): Promise<WatchedPage> {
  current = await openPage(browser, server.url, locale);
  return current;
}

/** A page whose context has signed up a fresh practice: the workspace needs a session. */
async function openSignedIn(locale?: string): Promise<WatchedPage> {
  const watched = await open(locale);
  await signUpThroughApi(watched.context);
  return watched;
}

afterEach(async () => {
  const problems = current?.problems ?? [];
  await current?.context.close();
  current = undefined;
  expect(problems).toEqual([]);
});

const htmlLang = (watched: WatchedPage) => watched.page.evaluate(() => document.documentElement.lang);

describe('practitioner workspace', () => {
  it('serves the sign-in page to a visitor without a session, under the same strict CSP', async () => {
    const watched = await open();
    const response = await watched.page.goto('/sign-in');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await watched.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await htmlLang(watched)).toBe('en');
    expect(await watched.page.title()).toBe('Sign in · Rehabit');
  });

  it('loads in English under a strict CSP and shows the server as running', async () => {
    const watched = await openSignedIn();
    const response = await watched.page.goto('/');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await watched.page.getByRole('heading', { level: 1, name: 'Welcome to Rehabit' }).waitFor();
    await watched.page.locator('[data-testid="server-status"][data-state="ok"]').waitFor();
    await watched.page.getByText('The server is running.').waitFor();
    expect(await htmlLang(watched)).toBe('en');
    expect(await watched.page.title()).toBe('Home · Rehabit');
  });

  it('switches to German at once through the language switch and remembers the choice', async () => {
    const watched = await openSignedIn();
    await watched.page.goto('/');
    await watched.page.getByLabel('Language').selectOption('de');
    await watched.page.getByRole('heading', { level: 1, name: 'Willkommen bei Rehabit' }).waitFor();
    await watched.page.getByText('Der Server läuft.').waitFor();
    expect(await htmlLang(watched)).toBe('de');
    expect(await watched.page.evaluate(() => localStorage.getItem('rehabit.lang'))).toBe('de');

    await watched.page.reload();
    await watched.page.getByLabel('Sprache').waitFor();
    await watched.page.getByRole('link', { name: 'Übungsbibliothek' }).waitFor();
    expect(await htmlLang(watched)).toBe('de');
  });

  it('opens in German for a German browser locale', async () => {
    const watched = await openSignedIn('de-DE');
    await watched.page.goto('/');
    await watched.page.getByRole('heading', { level: 1, name: 'Willkommen bei Rehabit' }).waitFor();
    await watched.page.locator('[data-testid="server-status"][data-state="ok"]').waitFor();
    expect(await htmlLang(watched)).toBe('de');
  });

  it('navigates to a coming-soon section, and a reload keeps the page', async () => {
    const watched = await openSignedIn();
    await watched.page.goto('/');
    await watched.page.getByRole('navigation').getByRole('link', { name: 'Schedule' }).click();
    await watched.page.getByTestId('page-section-schedule').getByText('Coming soon').waitFor();
    expect(new URL(watched.page.url()).pathname).toBe('/schedule');

    await watched.page.reload();
    await watched.page.getByRole('heading', { level: 1, name: 'Schedule' }).waitFor();
    const current = watched.page.getByRole('link', { name: 'Schedule' });
    expect(await current.getAttribute('aria-current')).toBe('page');
  });

  it('shows the not-found page for an unknown address', async () => {
    const watched = await openSignedIn();
    await watched.page.goto('/no/such/page');
    await watched.page.getByTestId('page-not-found').waitFor();
    await watched.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await watched.page.getByRole('link', { name: 'Back to the start page' }).click();
    await watched.page.getByTestId('page-home').waitFor();
  });

  it('shows an error with a retry when the health check fails', async () => {
    const watched = await openSignedIn();
    let serverUp = false;
    await watched.page.route('**/healthz', (route) =>
      serverUp ? route.continue() : route.fulfill({ status: 503, body: '' }),
    );
    await watched.page.goto('/');
    await watched.page.locator('[data-testid="server-status"][data-state="failed"]').waitFor();
    await watched.page.getByText('The server could not be reached.').waitFor();
    serverUp = true;
    await watched.page.getByRole('button', { name: 'Try again' }).click();
    await watched.page.locator('[data-testid="server-status"][data-state="ok"]').waitFor();
    // The browser itself logs the refused request; those console errors are this test's point.
    const refused = (problem: string) => problem.includes('status of 503') && problem.includes('/healthz');
    expect(watched.problems.filter(refused).length).toBeGreaterThan(0);
    watched.problems.splice(0, Infinity, ...watched.problems.filter((problem) => !refused(problem)));
  });
});

describe('patient app', () => {
  it('loads in English at /app/ and links a manifest scoped to /app/', async () => {
    const watched = await open();
    await watched.page.goto('/app/');
    await watched.page.getByTestId('patient-welcome').waitFor();
    await watched.page.getByText('Your exercise program from your practitioner.').waitFor();
    expect(await htmlLang(watched)).toBe('en');

    const href = await watched.page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBe('/app/manifest.webmanifest');
    const manifest = await watched.page.request.get(href ?? '');
    expect(manifest.status()).toBe(200);
    const body = (await manifest.json()) as { scope: string; start_url: string; icons: { src: string }[] };
    expect(body.scope).toBe('/app/');
    expect(body.start_url).toBe('/app/');
    for (const icon of body.icons) {
      expect((await watched.page.request.get(icon.src)).status(), icon.src).toBe(200);
    }
  });

  it('loads in German for a German browser locale and switches back to English', async () => {
    const watched = await open('de-DE');
    await watched.page.goto('/app/');
    await watched.page.getByText('Ihr Übungsprogramm aus Ihrer Praxis.').waitFor();
    expect(await htmlLang(watched)).toBe('de');

    await watched.page.getByLabel('Sprache').selectOption('en');
    await watched.page.getByText('Your exercise program from your practitioner.').waitFor();
    expect(await htmlLang(watched)).toBe('en');
  });

  it('opens the welcome screen at /app without the trailing slash', async () => {
    const watched = await open();
    await watched.page.goto('/app');
    await watched.page.getByTestId('patient-welcome').waitFor();
    expect(new URL(watched.page.url()).pathname).toBe('/app/');
  });

  it('shows the not-found page for an unknown address under /app/', async () => {
    const watched = await open();
    await watched.page.goto('/app/no-such-screen');
    await watched.page.getByTestId('page-not-found').waitFor();
    await watched.page.getByRole('link', { name: 'Back to the start page' }).click();
    await watched.page.getByTestId('patient-welcome').waitFor();
    expect(new URL(watched.page.url()).pathname).toBe('/app/');
  });
});
