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

/** A point of a chain: the link at seq, or the genesis (seq 0) or an anchor that stands for it. */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export interface AnchorFields {
  practiceId: string | null;
  seq: number;
  hash: string;
  pruned: number;
  cutoff: Date;
  prunedAt: Date;
}

/** An anchor's digest, linked to the previous anchor's; the same text the pruning function hashes in SQL. */
export function anchorDigest(prevDigest: string, anchor: AnchorFields): string {
  const canonical = [
    anchor.practiceId ?? '',
    anchor.seq,
    anchor.hash,
    anchor.pruned,
    anchor.cutoff.getTime(),
    anchor.prunedAt.getTime(),
  ].join('|');
  return createHash('sha256').update(prevDigest).update('\n').update(canonical).digest('hex');
}
