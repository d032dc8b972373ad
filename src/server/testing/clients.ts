import type { FastifyInstance } from 'fastify';
import { as, type TestAccount } from './accounts.js';

/** A client as the API answers it (the fields tests look at). */
export interface TestClient {
  id: string;
  firstName: string;
  lastName: string;
  [field: string]: unknown;
}

/** A valid new client's body; names are made up for tests. */
export const clientBody = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Ada',
  lastName: 'Lindqvist',
  gender: 'female',
  yearOfBirth: 1984,
  ...overrides,
});

/** Adds a client to the account's practice through the API. */
export async function createClient(
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  overrides: Record<string, unknown> = {},
): Promise<TestClient> {
  const response = await as(app, account, {
    method: 'POST',
    url: '/api/v1/clients',
    payload: clientBody(overrides),
  });
  if (response.statusCode !== 201)
    throw new Error(`creating a client failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Creates an API key of the owner's practice and answers the bearer header for it. */
export async function apiKeyHeaders(
  app: FastifyInstance,
  owner: Pick<TestAccount, 'cookie' | 'csrfToken'>,
): Promise<Record<string, string>> {
  const response = await as(app, owner, {
    method: 'POST',
    url: '/api/v1/api-keys',
    payload: { name: 'PMS' },
  });
  if (response.statusCode !== 201) throw new Error(`creating an API key failed: ${response.statusCode}`);
  return { authorization: `Bearer ${response.json().key}` };
}
