import type { Transactor, Tx } from '../../db/transactions.js';
import {
  countUnsealedEvents,
  holdOffPruning,
  listAnchors,
  listChainLinks,
  listChains,
} from './audit.repo.js';
import { anchorDigest, type ChainPoint, GENESIS_HASH, linkHash } from './chain.js';

export type BrokenLinkProblem =
  | 'event_deleted'
  | 'event_altered'
  | 'link_missing'
  | 'link_altered'
  | 'anchor_altered';

export interface BrokenLink {
  practiceId: string | null;
  seq: number;
  /** The event the link seals; null when the problem is the anchor the chain starts from. */
  eventId: string | null;
  problem: BrokenLinkProblem;
}

export interface AuditVerification {
  ok: boolean;
  chains: number;
  sealedEvents: number;
  /** Events not linked yet (the sealer runs every second); not covered by this check. */
  unsealedEvents: number;
  /** Events retention pruned before the chains' anchors: gone, so not checked. */
  prunedEvents: number;
  /** The first broken link of each chain that has one. */
  broken: BrokenLink[];
}

const PAGE = 1000;

/**
 * Where a chain's remaining links start: after its latest anchor, once every anchor checks out (each one
 * follows on from the one before and its digest matches), else at the genesis.
 */
export async function chainStart(
  tx: Tx,
  practiceId: string | null,
): Promise<{ start: ChainPoint; problem?: BrokenLink }> {
  let start: ChainPoint = { seq: 0, hash: GENESIS_HASH };
  let digest = GENESIS_HASH;
  for (const anchor of await listAnchors(tx, practiceId)) {
    const follows = anchor.pruned >= 1 && anchor.seq - anchor.pruned === start.seq;
    if (!follows || anchor.practiceId !== practiceId || anchorDigest(digest, anchor) !== anchor.digest) {
      return { start, problem: { practiceId, seq: anchor.seq, eventId: null, problem: 'anchor_altered' } };
    }
    start = { seq: anchor.seq, hash: anchor.hash };
    digest = anchor.digest;
  }
  return { start };
}

export interface ChainWalk {
  /** The last link that checked out (`from` when none did). */
  last: ChainPoint;
  checked: number;
  problem?: BrokenLink;
}

/**
 * Checks a chain's links after `from` in order until its end, its first broken link, a link whose event
 * is not older than `olderThan`, or `max` links.
 */
export async function walkChain(
  tx: Tx,
  practiceId: string | null,
  from: ChainPoint,
  options: { olderThan?: Date; max?: number } = {},
): Promise<ChainWalk> {
  let last = from;
  let checked = 0;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  for (;;) {
    const links = await listChainLinks(tx, practiceId, last.seq, Math.min(PAGE, max - checked));
    for (const { seal, event } of links) {
      const at = { practiceId, seq: seal.seq, eventId: seal.eventId.toString() };
      let problem: BrokenLinkProblem | undefined;
      if (seal.seq !== last.seq + 1) {
        return { last, checked, problem: { ...at, seq: last.seq + 1, problem: 'link_missing' } };
      }
      if (seal.prevHash !== last.hash) problem = 'link_altered';
      else if (!event) problem = 'event_deleted';
      else if (event.practiceId !== practiceId || linkHash(last.hash, event) !== seal.hash) {
        problem = 'event_altered';
      }
      if (problem) return { last, checked, problem: { ...at, problem } };
      if (options.olderThan && event && event.at >= options.olderThan) return { last, checked };
      last = { seq: seal.seq, hash: seal.hash };
      checked += 1;
    }
    if (links.length < PAGE || checked >= max) return { last, checked };
  }
}

/** Walks every practice's chain from its start (genesis or anchor) and reports the first broken link of each. */
export async function verifyAuditChains(transactor: Transactor): Promise<AuditVerification> {
  return transactor.asSystem(async (tx) => {
    await holdOffPruning(tx);
    const chains = await listChains(tx);
    const broken: BrokenLink[] = [];
    let sealedEvents = 0;
    let prunedEvents = 0;
    for (const practiceId of chains) {
      const { start, problem } = await chainStart(tx, practiceId);
      if (problem) {
        broken.push(problem);
        continue;
      }
      prunedEvents += start.seq;
      const walk = await walkChain(tx, practiceId, start);
      sealedEvents += walk.checked;
      if (walk.problem) broken.push(walk.problem);
    }
    const unsealedEvents = await countUnsealedEvents(tx);
    return {
      ok: broken.length === 0,
      chains: chains.length,
      sealedEvents,
      unsealedEvents,
      prunedEvents,
      broken,
    };
  });
}
