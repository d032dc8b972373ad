import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

const hextet = () => randomInt(1, 0xffff).toString(16);
/** A documentation-range address of its own, so each test's per-IP counts start at nothing. */
export const someIp = () => `2001:db8::${hextet()}:${hextet()}`;

export function patientSignIn(
  app: FastifyInstance,
  body: { accessCode: string; yearOfBirth?: number },
  ip: string,
) {
  return app.inject({ method: 'POST', url: '/api/v1/patient/sessions', payload: body, remoteAddress: ip });
}

/** Logs entries as the patient app does; each gets a fresh clientEntryId unless it brings one. */
export function logEntries(
  app: FastifyInstance,
  token: string,
  entries: { programItemId: string; date: string; [field: string]: unknown }[],
) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/patient/adherence',
    headers: { authorization: `Bearer ${token}` },
    payload: { entries: entries.map((entry) => ({ clientEntryId: randomUUID(), ...entry })) },
  });
}

/** Who the token signs in as: 200 while its session lives, 401 after. */
export const whoAmI = (app: FastifyInstance, token: string) =>
  app.inject({ method: 'GET', url: '/api/v1/patient/me', headers: { authorization: `Bearer ${token}` } });
