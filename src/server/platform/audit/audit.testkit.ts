import { randomUUID } from 'node:crypto';
import { auditEvents } from '../../db/schema/index.js';
import type { Transactor } from '../../db/transactions.js';
import { FakeClock } from '../../testing/clock.js';
import { sealPendingAuditEvents } from './sealer.js';

/**
 * A chain of its own for a test: one event of the practice (a new id unless given; null for the
 * deployment's chain) at each time, in that order, sealed. Times are set directly: the events stand for
 * reads recorded years ago.
 */
export async function sealedChainAt<P extends string | null = string>(
  transactor: Transactor,
  times: Date[],
  practiceId: P = randomUUID() as P,
): Promise<P> {
  await transactor.asSystem((tx) =>
    tx.insert(auditEvents).values(
      times.map((at, n) => ({
        practiceId,
        at,
        actorType: 'practitioner',
        actorId: randomUUID(),
        action: `client.read.${n + 1}`,
        subjectType: 'client',
        subjectId: randomUUID(),
        outcome: 'success' as const,
      })),
    ),
  );
  // The sealer looks back from the real time: the rows were inserted just now, whatever their times.
  await sealPendingAuditEvents(transactor, new FakeClock(new Date()));
  return practiceId;
}
