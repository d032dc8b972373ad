import type { FastifyRequest } from 'fastify';
import { forbidden, requestOrigin, unauthenticated } from '../../platform/auth-context/auth-context.js';
import type { MemberCaller } from './practices.service.js';

/** The signed-in member behind a request. API keys act for integrations, not for a member: 403. */
export function memberCaller(request: FastifyRequest): MemberCaller & { sessionId: string } {
  const principal = request.principal;
  if (!principal) throw unauthenticated();
  if (principal.kind !== 'practitioner')
    throw forbidden('An API key cannot do this; sign in as the practice owner.');
  return {
    practiceId: principal.practiceId,
    practitionerId: principal.practitionerId,
    role: principal.role,
    sessionId: principal.sessionId,
    ...requestOrigin(request),
  };
}
