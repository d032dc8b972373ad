import { createHash } from 'node:crypto';
import type { AuditEventRow } from './audit.repo.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The link hash: the previous link's hash and every stored field of the event, in a fixed order. */
export function linkHash(prevHash: string, event: AuditEventRow): string {
  const canonical = JSON.stringify([
    event.id.toString(),
    event.practiceId,
    event.at.toISOString(),
    event.actorType,
    event.actorId,
    event.action,
    event.subjectType,
    event.subjectId,
    event.outcome,
    event.ip,
    event.userAgent,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
