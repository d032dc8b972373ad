import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../../platform/auth-context/auth-context.js';
import type { PatientAccessService, PatientPrincipal } from './patient-access.service.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/** The signed-in client of a patient-app request, from its bearer token, or 401. */
export async function requirePatient(
  request: FastifyRequest,
  access: PatientAccessService,
): Promise<PatientPrincipal> {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  const patient = token ? await access.resolve(token) : undefined;
  if (!patient) throw unauthenticated();
  return patient;
}
