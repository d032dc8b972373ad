import type { Transactor } from '../../db/transactions.js';
import { findChainsStartingBefore, lockPruning, pruneChainPrefix } from './audit.repo.js';
import type { ChainPoint } from './chain.js';
import { type ChainWalk, chainStart, walkChain } from './verify.js';

/** What pruning removed (or, in a dry run, would remove): counts only. */
export interface AuditPruning {
  /** Events pruned with their links. */
  events: number;
  /** Chains that were shortened. */
  chains: number;
  /** Chains whose pruning stopped at a broken link: kept from there, as evidence for `audit verify`. */
  brokenChains: number;
}

export interface AuditPruningOptions {
  /** Events recorded before this instant go. */
  cutoff: Date;
  /** Only this practice's chain (tests share a database); otherwise every chain, the deployment's too. */
  practiceId?: string;
  dryRun?: boolean;
}

// Links per transaction: each prunes a short run and writes its anchor, so no lock is held long.
const BATCH = 5000;

/**
 * Prunes each chain's links whose events are older than the cutoff, from the chain's start up to its
 * first younger link, after checking every link it removes: a tampered link is never pruned away.
 */
export async function pruneAuditChains(
  transactor: Transactor,
  options: AuditPruningOptions,
): Promise<AuditPruning> {
  const { cutoff, dryRun = false } = options;
  const result: AuditPruning = { events: 0, chains: 0, brokenChains: 0 };
  const chains = await transactor.asSystem((tx) => findChainsStartingBefore(tx, cutoff, options.practiceId));
  for (const practiceId of chains) {
    // A dry run deletes nothing, so it carries on from where its last batch stopped, not from the anchor.
    let from: ChainPoint | undefined;
    let events = 0;
    for (;;) {
      const step = await transactor.asSystem(async (tx): Promise<ChainWalk> => {
        if (!dryRun) await lockPruning(tx);
        const { start, problem } = from && dryRun ? { start: from } : await chainStart(tx, practiceId);
        if (problem) return { last: start, checked: 0, problem };
        const walk = await walkChain(tx, practiceId, start, { olderThan: cutoff, max: BATCH });
        if (!dryRun && walk.checked > 0) await pruneChainPrefix(tx, practiceId, cutoff, walk.last);
        return walk;
      });
      events += step.checked;
      from = step.last;
      if (step.problem) result.brokenChains += 1;
      if (step.problem || step.checked < BATCH) break;
    }
    if (events > 0) {
      result.events += events;
      result.chains += 1;
    }
  }
  return result;
}
