import type { FastifyRequest } from 'fastify';
import { forbidden, requestOrigin, requirePracticeCaller } from '../../platform/auth-context/auth-context.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Who may erase: the practice owner alone. Erasure cannot be undone and takes the record from every
 * colleague who treats the client, so it is the controller's decision (the owner acts for the
 * practice); a practitioner's attempt is refused and audited. API keys never erase: an integration
 * must not be able to destroy records without a person accountable for it.
 */
export interface ErasureCaller {
  practiceId: string;
  practitionerId: string;
  isOwner: boolean;
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/** A signed-in member of the practice (any role: the service decides what the role may do). */
export function erasureCaller(request: FastifyRequest): ErasureCaller {
  const principal = requirePracticeCaller(request);
  if (principal.kind !== 'practitioner') throw forbidden('An API key cannot do this; sign in as the owner.');
  return {
    practiceId: principal.practiceId,
    practitionerId: principal.practitionerId,
    isOwner: principal.role === 'owner',
    ...requestOrigin(request),
  };
}

/** When a closure asked for at `requestedAt` erases the practice. */
export const closureEraseAfter = (requestedAt: Date, graceDays: number) =>
  new Date(requestedAt.getTime() + graceDays * DAY_MS);

/** A closure can be cancelled until its grace period ends. */
export const canCancelClosure = (eraseAfter: Date, now: Date) => now.getTime() < eraseAfter.getTime();

/** The erasure date as the owner reads it in mail: 2026-04-01, or 01.04.2026 in German. */
export function closureDateText(eraseAfter: Date, language: 'en' | 'de'): string {
  const [year, month, day] = eraseAfter.toISOString().slice(0, 10).split('-');
  return language === 'de' ? `${day}.${month}.${year}` : `${year}-${month}-${day}`;
}
