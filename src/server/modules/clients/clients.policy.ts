import type { FastifyRequest } from 'fastify';
import type { ActorType } from '../../platform/audit/audit.js';
import {
  forbidden,
  type Role,
  requestOrigin,
  requirePracticeCaller,
} from '../../platform/auth-context/auth-context.js';
import { canReadClinicalData } from '../practices/practices.policy.js';

/**
 * Who reaches client records: an owner or practitioner of the practice, or one of its API keys (a
 * practice-management system pushes patients and pulls programs). The front desk never does.
 */
export interface ClinicalCaller {
  practiceId: string;
  actor: { type: Extract<ActorType, 'practitioner' | 'api_key'>; id: string };
  /** The signed-in member; null for an API key. */
  practitionerId: string | null;
  role: Role | null;
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/** The caller of a clinical route, or 401/403. */
export function clinicalCaller(request: FastifyRequest): ClinicalCaller {
  const principal = requirePracticeCaller(request);
  const origin = requestOrigin(request);
  if (principal.kind === 'api_key') {
    return {
      practiceId: principal.practiceId,
      actor: { type: 'api_key', id: principal.apiKeyId },
      practitionerId: null,
      role: null,
      ...origin,
    };
  }
  if (!canReadClinicalData(principal.role))
    throw forbidden('Your role does not give access to client records.');
  return {
    practiceId: principal.practiceId,
    actor: { type: 'practitioner', id: principal.practitionerId },
    practitionerId: principal.practitionerId,
    role: principal.role,
    ...origin,
  };
}

/** A clinical caller who is a signed-in member (templates belong to members, not to integrations). */
export function clinicalMember(
  request: FastifyRequest,
): ClinicalCaller & { practitionerId: string; role: Role } {
  const caller = clinicalCaller(request);
  if (caller.practitionerId === null || caller.role === null)
    throw forbidden('An API key cannot do this; sign in as a practitioner.');
  return { ...caller, practitionerId: caller.practitionerId, role: caller.role };
}
