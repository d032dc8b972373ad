import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

export const TEST_PASSWORD = 'cobalt kettle umbrella 42';

/** A signed-in practitioner in a test: the cookie and CSRF token to send, and who they are. */
export interface TestAccount {
  email: string;
  password: string;
  cookie: string;
  csrfToken: string;
  practitionerId: string;
  practiceId: string;
}

export const uniqueEmail = (label = 'pt') => `${label}.${randomUUID().slice(0, 8)}@example.org`;

/** The session cookie a response sets, as a Cookie header value. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('rehabit_session'));
  if (!cookie) throw new Error(`no session cookie in a ${response.statusCode} response`);
  return `${cookie.name}=${cookie.value}`;
}

/** Signs up a new practice and its owner through the API. */
export async function signUp(
  app: FastifyInstance,
  overrides: Record<string, unknown> = {},
): Promise<TestAccount> {
  const body = {
    email: uniqueEmail(),
    password: TEST_PASSWORD,
    firstName: 'Greta',
    lastName: 'Okafor',
    practiceName: `Practice ${randomUUID().slice(0, 8)}`,
    country: 'GB',
    acceptTerms: true,
    ...overrides,
  };
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/signup', payload: body });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  const json = response.json();
  return {
    email: String(body.email).toLowerCase(),
    password: String(body.password),
    cookie: sessionCookieOf(response),
    csrfToken: json.csrfToken,
    practitionerId: json.practitioner.id,
    practiceId: json.practice.id,
  };
}

/** Sends a request as the account: its cookie, and its CSRF token on unsafe methods. */
export function as(
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  options: InjectOptions,
) {
  const method = String(options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {
    cookie: account.cookie,
    ...(options.headers as Record<string, string>),
  };
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = account.csrfToken;
  return app.inject({ ...options, headers });
}

/** Signs in through the API and answers the account with its new session. */
export async function signIn(
  app: FastifyInstance,
  credentials: { email: string; password: string; totpCode?: string; recoveryCode?: string },
  headers: Record<string, string> = {},
) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/sessions', payload: credentials, headers });
}
