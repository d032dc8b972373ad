import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's Chromium; install it with `apt-get install -y chromium`. */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches headless Chromium; tests close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the real server on a random port with a fresh data directory, serving the built web app.
 * With E2E_BASE_URL set, tests run against that already running server instead.
 */
export async function startServer(): Promise<RunningServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { url: external.replace(/\/$/, ''), stop: async () => {} };
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rehabit-e2e-'));
  const { startRehabit } = await import('../../src/server/main.js');
  const server = await startRehabit({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    // Servers of one run share its database, so they share its master key.
    MASTER_KEY: inject('masterKey'),
    DATABASE_URL: inject('databaseUrl') || undefined,
    LOG_LEVEL: 'warn',
  });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A page plus everything that went wrong in it: console errors, uncaught errors, CSP violations. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * Opens a page in a fresh context (own storage, given locale) that records console errors, page
 * errors and Content-Security-Policy violations, so a test can assert there were none.
 */
export async function openPage(browser: Browser, baseURL: string, locale = 'en-US'): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  // Injected through the DevTools protocol, so the page's own CSP does not block it.
  await context.exposeBinding('reportCspViolation', (_source, text: string) => problems.push(`csp: ${text}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`);
    });
  });
  return { context, page, problems };
}
