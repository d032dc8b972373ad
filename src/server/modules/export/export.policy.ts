import type { FastifyRequest } from 'fastify';
import { forbidden } from '../../platform/auth-context/auth-context.js';
import { memberCaller } from '../practices/caller.js';
import type { MemberCaller } from '../practices/practices.service.js';

/**
 * The practice owner, signed in. The full export hands over every client's record at once: the owner
 * answers for the practice's data, so it is theirs alone (not a practitioner's, not an API key's).
 */
export function practiceOwner(request: FastifyRequest): MemberCaller {
  const caller = memberCaller(request);
  if (caller.role !== 'owner') throw forbidden('Only the practice owner can export the whole practice.');
  return caller;
}
