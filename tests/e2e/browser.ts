import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, inject } from 'vitest';
import {
  linkIn,
  type ReceivedMail,
  startSmtpServer,
  type TestSmtpServer,
} from '../../src/server/testing/smtp.js';

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

/** The mail a test server sent, as a real SMTP server on loopback received it. */
export interface Mailbox {
  /**
   * Waits for a mail to `to` carrying a link to `linkPath` (e.g. `/reset-password`) and answers the
   * newest such link; mail that was already there when `since` was taken is ignored.
   */
  waitForLink(
    to: string,
    linkPath: string,
    options?: { since?: number; timeoutMs?: number },
  ): Promise<string>;
  /** How many mails have arrived so far: pass as `since` to wait only for newer ones. */
  count(): number;
}

export interface RunningServer {
  /** http://localhost:<port>: a host name, not an IP, because WebAuthn refuses IP addresses as RP ids. */
  url: string;
  mail: Mailbox;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function mailboxOf(smtp: TestSmtpServer): Mailbox {
  const linkOf = (mail: ReceivedMail, linkPath: string) => {
    try {
      return linkIn(mail, linkPath);
    } catch {
      return undefined;
    }
  };
  return {
    count: () => smtp.received.length,
    async waitForLink(to, linkPath, { since = 0, timeoutMs = 15_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const links = smtp.received
          .slice(since)
          .filter((mail) => mail.to.includes(to.toLowerCase()))
          .map((mail) => linkOf(mail, linkPath))
          .filter((link): link is string => link !== undefined);
        const newest = links.at(-1);
        if (newest) return newest;
        if (Date.now() > deadline)
          throw new Error(`no mail to ${to} with a ${linkPath} link within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

const noMailbox: Mailbox = {
  count: () => 0,
  waitForLink: () => Promise.reject(new Error('mail cannot be read from an external server (E2E_BASE_URL)')),
};

/**
 * Starts the real server with a fresh data directory, serving the built web app, on a free port it
 * picks itself: PUBLIC_URL must name the port before the server starts (WebAuthn checks the origin
 * against it, and links in mail use it). Its mail goes to a loopback SMTP server the test can read.
 * With E2E_BASE_URL set, tests run against that already running server instead (no mailbox).
 */
export async function startServer(): Promise<RunningServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { url: external.replace(/\/$/, ''), mail: noMailbox, stop: async () => {} };
  const [dataDir, smtp, port] = await Promise.all([
    mkdtemp(path.join(tmpdir(), 'rehabit-e2e-')),
    startSmtpServer(),
    freePort(),
  ]);
  const url = `http://localhost:${port}`;
  const { startRehabit } = await import('../../src/server/main.js');
  const server = await startRehabit({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    SMTP_URL: smtp.url,
    DATA_DIR: dataDir,
    // Servers of one run share its database, so they share its master key.
    MASTER_KEY: inject('masterKey'),
    DATABASE_URL: inject('databaseUrl') || undefined,
    LOG_LEVEL: 'warn',
  }).catch(async (error: unknown) => {
    await smtp.stop();
    throw error;
  });
  return {
    url,
    mail: mailboxOf(smtp),
    stop: async () => {
      await server.stop();
      await smtp.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A practitioner account made for one test; every test signs up its own practice. */
export interface TestAccount {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  practiceName: string;
}

let accountCounter = 0;

/** Fresh, unique account details (the password passes the server's rules). */
export function newAccount(label = 'e2e'): TestAccount {
  accountCounter += 1;
  const unique = `${Date.now().toString(36)}${accountCounter}${Math.random().toString(36).slice(2, 6)}`;
  return {
    email: `${label}-${unique}@example.test`,
    password: `tangerine orbit ${unique} lantern`,
    firstName: 'Robin',
    lastName: 'Quist',
    practiceName: `Practice ${unique}`,
  };
}

/**
 * Signs up through the API inside a browser context, so its pages share the session cookie: for
 * tests that need the workspace but are not about signing up. Answers the account and the session's
 * CSRF token (for further API calls through `context.request`).
 */
export async function signUpThroughApi(
  context: BrowserContext,
  account = newAccount(),
  extra: Record<string, unknown> = {},
): Promise<TestAccount & { csrfToken: string }> {
  const response = await context.request.post('/api/v1/auth/signup', {
    data: { ...account, country: 'GB', acceptTerms: true, ...extra },
  });
  if (response.status() !== 201)
    throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { ...account, csrfToken };
}

/** A page plus everything that went wrong in it: console errors, uncaught errors, CSP violations. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /**
   * The API's 4xx answers the browser logged ("Failed to load resource: … status of 401"): the normal
   * answers of a signed-out session check, a wrong password or a refused form, which the app handles.
   * Kept apart from `problems`, so a test can still assert on them.
   */
  refusals: string[];
}

const isApiRefusal = (text: string, url: string) => {
  try {
    return /status of 4\d\d\b/.test(text) && new URL(url).pathname.startsWith('/api/');
  } catch {
    return false;
  }
};

/**
 * Opens a page in a fresh context (own storage, given locale) that records console errors, page
 * errors and Content-Security-Policy violations, so a test can assert there were none.
 */
export async function openPage(browser: Browser, baseURL: string, locale = 'en-US'): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const entry = `console: ${message.text()} (${message.location().url})`;
    if (isApiRefusal(message.text(), message.location().url)) refusals.push(entry);
    else problems.push(entry);
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
  return { context, page, problems, refusals };
}

/**
 * One server and one browser for a test file, and the pages its tests open: each is closed after its
 * test, which then fails if any page logged an error or a CSP violation.
 */
export function browserSuite() {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let opened: WatchedPage[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async () => {
    const problems = opened.flatMap((watched) => watched.problems);
    await Promise.all(opened.map((watched) => watched.context.close()));
    opened = [];
    expect(problems).toEqual([]);
  });
  const started = () => {
    if (!server || !browser) throw new Error('the browser suite has not started (use it inside tests)');
    return { server, browser };
  };
  return {
    get server(): RunningServer {
      return started().server;
    },
    get browser(): Browser {
      return started().browser;
    },
    /** A watched page in a fresh context of this locale. */
    async open(locale = 'en-US'): Promise<WatchedPage> {
      const { server: running, browser: chromium } = started();
      const watched = await openPage(chromium, running.url, locale);
      opened.push(watched);
      return watched;
    },
  };
}
