import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { as, type TestAccount } from '../../testing/accounts.js';
import { createClient, type TestClient } from '../../testing/clients.js';
import { saveProgram } from '../../testing/programs.js';
import { patientSignIn, someIp } from '../patient/patient.testkit.js';

// Conversation tests share these steps: a client with a program, signed in on the patient app.

export const YEAR_OF_BIRTH = 1984;

export interface TestConversation {
  client: TestClient;
  accessCode: string;
  programItemId: string;
  /** The patient app's bearer token. */
  token: string;
}

/** A client of the account's practice with a program, signed in on the patient app. */
export async function conversationOf(
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  clientOverrides: Record<string, unknown> = {},
): Promise<TestConversation> {
  const client = await createClient(app, account, { yearOfBirth: YEAR_OF_BIRTH, ...clientOverrides });
  const saved = await saveProgram(app, account, client.id);
  const session = await patientSignIn(
    app,
    { accessCode: saved.accessCode, yearOfBirth: YEAR_OF_BIRTH },
    someIp(),
  );
  expect(session.statusCode, session.body).toBe(201);
  return {
    client,
    accessCode: saved.accessCode,
    programItemId: saved.program.items[0]?.id as string,
    token: session.json().token,
  };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The practice writes to the client; answers the response. */
export const practiceSends = (
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  clientId: string,
  body: unknown,
) => as(app, account, { method: 'POST', url: `/api/v1/clients/${clientId}/messages`, payload: { body } });

/** The client writes to the practice from the app; answers the response. */
export const clientSends = (app: FastifyInstance, token: string, body: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/patient/messages', headers: bearer(token), payload: { body } });

export const practiceReads = (
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  clientId: string,
  query = '',
) => as(app, account, { method: 'GET', url: `/api/v1/clients/${clientId}/messages${query}` });

export const clientReads = (app: FastifyInstance, token: string, query = '') =>
  app.inject({ method: 'GET', url: `/api/v1/patient/messages${query}`, headers: bearer(token) });

export const practiceMarksRead = (
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  clientId: string,
  upTo: string,
) =>
  as(app, account, {
    method: 'POST',
    url: `/api/v1/clients/${clientId}/messages/read`,
    payload: { upTo },
  });

export const clientMarksRead = (app: FastifyInstance, token: string, upTo: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/patient/messages/read',
    headers: bearer(token),
    payload: { upTo },
  });

/** Sends a message and answers its id, failing the test unless it was created. */
export async function sent(response: Promise<{ statusCode: number; body: string; json(): { id: string } }>) {
  const answered = await response;
  expect(answered.statusCode, answered.body).toBe(201);
  return answered.json().id;
}
