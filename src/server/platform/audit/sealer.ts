import type { Transactor } from '../../db/transactions.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import {
  type AuditSealRow,
  findChainHead,
  findUnsealedEvents,
  insertSeals,
  tryLockSealer,
} from './audit.repo.js';
import { GENESIS_HASH, linkHash } from './chain.js';

const SEALER_LOCK_KEY = 727_002;
const BATCH = 500;
// Events are looked for this far back; no transaction stays open anywhere near this long.
const LOOKBACK_MS = 60 * 60 * 1000;

/**
 * Links committed, unsealed audit events into their practice's hash chain. One node at a time
 * (an advisory lock); returns how many events it sealed.
 */
export async function sealPendingAuditEvents(transactor: Transactor, clock: Clock): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await transactor.asSystem(async (tx) => {
      if (!(await tryLockSealer(tx, SEALER_LOCK_KEY))) return 0;
      const events = await findUnsealedEvents(tx, new Date(clock.now().getTime() - LOOKBACK_MS), BATCH);
      const heads = new Map<string | null, { seq: number; hash: string }>();
      const seals: AuditSealRow[] = [];
      for (const event of events) {
        const chain = event.practiceId;
        const head = heads.get(chain) ?? (await findChainHead(tx, chain)) ?? { seq: 0, hash: GENESIS_HASH };
        const hash = linkHash(head.hash, event);
        seals.push({ eventId: event.id, practiceId: chain, seq: head.seq + 1, prevHash: head.hash, hash });
        heads.set(chain, { seq: head.seq + 1, hash });
      }
      await insertSeals(tx, seals);
      return seals.length;
    });
    sealed += count;
    if (count < BATCH) return sealed;
  }
}

/** Runs the sealer every intervalMs until stopped; stop() waits for a pass in progress. */
export function startAuditSealer(deps: {
  transactor: Transactor;
  clock: Clock;
  log: Logger;
  intervalMs: number;
}) {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sealPendingAuditEvents(deps.transactor, deps.clock).catch((error: unknown) =>
      deps.log.error({ err: error }, 'audit sealing failed; will retry'),
    );
  }, deps.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
