import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import { pruneAuditChains } from '../../platform/audit/prune.js';
import type { Clock } from '../../platform/clock.js';
import { type ErasureDeps, eraseClientAsSystem } from '../erasure/erasure.core.js';
import {
  healthRecordExpired,
  monthsBefore,
  type RetentionPolicy,
  shortestHealthYears,
  yearsBefore,
} from './retention.policy.js';
import {
  countAuditEventsBefore,
  countExpired,
  deleteExpiredBatch,
  listInactiveClients,
  SIGN_IN_FAILURE_SWEEPS,
  type Sweep,
  TECHNICAL_SWEEPS,
} from './retention.repo.js';

export type RetentionCategoryName = 'sign_in_failures' | 'technical' | 'audit' | 'billing' | 'health';

/** One category's outcome: counts only, never content. */
export interface RetentionCategoryReport {
  category: RetentionCategoryName;
  /** The limit in force, in words ("12 months", "per country"). */
  limit: string;
  /** Rows (or, for health, clients) past their time: deleted, or in a dry run, that would be. */
  expired: number;
  /** What was actually deleted or erased (0 in a dry run, and for a category that keeps its rows). */
  removed: number;
  /** Per table (or per country for health). */
  detail: Record<string, number>;
  /** Why a category removes nothing although rows are past their time. */
  kept?: string;
}

export interface RetentionReport {
  dryRun: boolean;
  at: Date;
  categories: RetentionCategoryReport[];
}

export interface RetentionRunOptions {
  dryRun?: boolean;
  /** Confines practice-bound rows to one practice (tests share one database); rows of no practice are skipped. */
  practiceId?: string;
  /** Who asked, for the audit: the daily job (system) or the command line (operator). */
  actor?: 'system' | 'operator';
}

export interface RetentionService {
  /** Applies the policy once: deletes (or, in a dry run, counts) what is past its time. */
  run(options?: RetentionRunOptions): Promise<RetentionReport>;
}

const BATCH = 5000;

export function createRetentionService(deps: {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
  policy: RetentionPolicy;
  erasure: ErasureDeps;
}): RetentionService {
  const { transactor, clock, policy } = deps;

  /** Sweeps a set of tables: counted in a dry run, else deleted in short batches. */
  async function sweep(sweeps: Sweep[], cutoff: Date, options: RetentionRunOptions) {
    const detail: Record<string, number> = {};
    for (const table of sweeps) {
      if (options.dryRun) {
        detail[table.name] = await transactor.asSystem((tx) =>
          countExpired(tx, table, cutoff, options.practiceId),
        );
        continue;
      }
      let removed = 0;
      for (;;) {
        const count = await transactor.asSystem((tx) =>
          deleteExpiredBatch(tx, table, cutoff, BATCH, options.practiceId),
        );
        removed += count;
        if (count < BATCH) break;
      }
      detail[table.name] = removed;
    }
    const total = Object.values(detail).reduce((sum, count) => sum + count, 0);
    return { expired: total, removed: options.dryRun ? 0 : total, detail };
  }

  /**
   * Prunes the audit trail's entries past the limit, as a prefix of each chain with an anchor that
   * `audit verify` starts from; older entries a chain cannot lose yet are counted as kept.
   */
  async function auditTrail(cutoff: Date, options: RetentionRunOptions) {
    const pruning = await pruneAuditChains(transactor, {
      cutoff,
      dryRun: Boolean(options.dryRun),
      ...(options.practiceId ? { practiceId: options.practiceId } : {}),
    });
    const older = await transactor.asSystem((tx) => countAuditEventsBefore(tx, cutoff, options.practiceId));
    const left = options.dryRun ? older - pruning.events : older;
    const broken =
      pruning.brokenChains > 0
        ? `; ${pruning.brokenChains} chains are broken before them (see audit verify)`
        : '';
    return {
      expired: pruning.events,
      removed: options.dryRun ? 0 : pruning.events,
      detail: { audit_events: pruning.events },
      ...(left > 0
        ? {
            kept: `${left} older ${left === 1 ? 'entry waits' : 'entries wait'}: not sealed yet, or after a younger one in their chain${broken}`,
          }
        : {}),
    };
  }

  /** Erases every client whose record is past its country's limit, through the erasure module's core. */
  async function health(now: Date, options: RetentionRunOptions): Promise<RetentionCategoryReport> {
    const earliest = yearsBefore(now, shortestHealthYears(policy));
    const candidates = await transactor.asSystem((tx) =>
      listInactiveClients(tx, earliest, options.practiceId ? { practiceId: options.practiceId } : {}),
    );
    const due = candidates.filter((client) => healthRecordExpired(policy, client, now));
    const detail: Record<string, number> = {};
    let removed = 0;
    for (const client of due) {
      detail[client.country] = (detail[client.country] ?? 0) + 1;
      if (options.dryRun) continue;
      // Checked again right before erasing: activity since the listing (a client back after years) keeps them.
      const [still] = await transactor.asSystem((tx) =>
        listInactiveClients(tx, earliest, { clientId: client.clientId }),
      );
      if (!still || !healthRecordExpired(policy, still, clock.now())) continue;
      const result = await eraseClientAsSystem(
        deps.erasure,
        {
          subjectId: client.clientId,
          kind: 'client',
          practiceId: client.practiceId,
          erasedAt: clock.now(),
          actorType: 'system',
          actorId: null,
        },
        'client.erase_retention',
      );
      if (result.erased) removed += 1;
    }
    return { category: 'health', limit: 'per country', expired: due.length, removed, detail };
  }

  return {
    async run(options = {}) {
      const now = clock.now();
      const signInCutoff = monthsBefore(now, policy.signInFailuresMonths);
      const technicalCutoff = monthsBefore(now, policy.technicalMonths);
      const auditCutoff = yearsBefore(now, policy.auditYears);
      const months = (n: number) => `${n} months`;
      const years = (n: number) => `${n} years`;

      const signIn = await sweep(SIGN_IN_FAILURE_SWEEPS, signInCutoff, options);
      const technical = await sweep(TECHNICAL_SWEEPS, technicalCutoff, options);
      const auditTrailReport = await auditTrail(auditCutoff, options);
      const categories: RetentionCategoryReport[] = [
        { category: 'sign_in_failures', limit: months(policy.signInFailuresMonths), ...signIn },
        { category: 'technical', limit: months(policy.technicalMonths), ...technical },
        { category: 'audit', limit: years(policy.auditYears), ...auditTrailReport },
        {
          category: 'billing',
          limit: years(policy.billingYears),
          expired: 0,
          removed: 0,
          detail: {},
          kept: 'no billing records are stored yet',
        },
        await health(now, options),
      ];
      if (!options.dryRun) {
        // The run itself is on the record (ids and kinds only; the counts are in the report, not the audit).
        await transactor.asSystem((tx) =>
          deps.audit.record(tx, {
            practiceId: options.practiceId ?? null,
            actor: { type: options.actor ?? 'system' },
            action: 'retention.run',
            outcome: 'success',
          }),
        );
      }
      return { dryRun: Boolean(options.dryRun), at: now, categories };
    },
  };
}
