import type { FastifyInstance } from 'fastify';
import { as, type TestAccount } from '../../testing/accounts.js';
import { createClient, type TestClient } from '../../testing/clients.js';
import { saveProgram, type TestProgram } from '../../testing/programs.js';
import { patientSignIn, someIp } from '../patient/patient.testkit.js';

/** A PHQ-9 response: nine frequency answers and item 10. */
export const phq9 = (item9 = 0, rest = 1, item10: number | null = 1) => [
  rest,
  rest,
  rest,
  rest,
  rest,
  rest,
  rest,
  rest,
  item9,
  item10,
];

/** A client with a program and the patient app signed in (with the year of birth, which always works). */
export async function appClient(
  app: FastifyInstance,
  owner: TestAccount,
  overrides: Record<string, unknown> = {},
): Promise<{ client: TestClient; saved: TestProgram; token: string; signIn(): Promise<string> }> {
  const client = await createClient(app, owner, overrides);
  const saved = await saveProgram(app, owner, client.id);
  const signIn = async () => {
    const response = await patientSignIn(
      app,
      { accessCode: saved.accessCode, yearOfBirth: Number(client.yearOfBirth ?? 1984) },
      someIp(),
    );
    if (response.statusCode !== 201) throw new Error(`patient sign-in failed: ${response.body}`);
    return response.json().token as string;
  };
  return { client, saved, token: await signIn(), signIn };
}

export const assign = (app: FastifyInstance, account: TestAccount, clientId: string, payload: object) =>
  as(app, account, { method: 'POST', url: `/api/v1/clients/${clientId}/outcome-assignments`, payload });

export const enter = (app: FastifyInstance, account: TestAccount, clientId: string, payload: object) =>
  as(app, account, { method: 'POST', url: `/api/v1/clients/${clientId}/outcome-responses`, payload });

export const dueInApp = (app: FastifyInstance, token: string) =>
  app.inject({
    method: 'GET',
    url: '/api/v1/patient/outcome-measures',
    headers: { authorization: `Bearer ${token}` },
  });

export const answerInApp = (app: FastifyInstance, token: string, payload: object) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/patient/outcome-responses',
    headers: { authorization: `Bearer ${token}` },
    payload,
  });
