import { and, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import { jobSchedules, jobs } from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';

export type JobRow = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;

/**
 * Queues a job; a job with the same dedupe key is queued only once. No conflict target: the id of a
 * deduplicated job is derived from its key, so a repeat collides on the id and the key at once.
 */
export async function insertJob(tx: Tx, job: NewJob): Promise<void> {
  await tx.insert(jobs).values(job).onConflictDoNothing();
}

/** Leases up to limit due jobs to this worker; rows leased by other nodes are skipped, not waited for. */
export async function claimDueJobs(
  tx: Tx,
  claim: { now: Date; limit: number; workerId: string; kinds: string[] },
) {
  return queryRows<{ id: string; kind: string; payload: unknown; attempts: number; max_attempts: number }>(
    tx,
    sql`update ${jobs} set status = 'running', attempts = attempts + 1,
               locked_by = ${claim.workerId}, locked_at = ${claim.now.toISOString()}::timestamptz
        where id in (
          select id from ${jobs}
          where status = 'queued' and run_at <= ${claim.now.toISOString()}::timestamptz
            and kind in (${sql.join(
              claim.kinds.map((kind) => sql`${kind}`),
              sql`, `,
            )})
          order by run_at
          limit ${claim.limit}
          for update skip locked)
        returning id, kind, payload, attempts, max_attempts`,
  );
}

export async function markJobDone(tx: Tx, id: string, at: Date): Promise<void> {
  await tx
    .update(jobs)
    .set({ status: 'done', finishedAt: at, lockedBy: null, lastError: null })
    .where(eq(jobs.id, id));
}

export async function scheduleRetry(tx: Tx, id: string, runAt: Date, error: string): Promise<void> {
  await tx
    .update(jobs)
    .set({ status: 'queued', runAt, lastError: error, lockedBy: null, lockedAt: null })
    .where(eq(jobs.id, id));
}

export async function markJobFailed(tx: Tx, id: string, at: Date, error: string): Promise<void> {
  await tx
    .update(jobs)
    .set({ status: 'failed', finishedAt: at, lastError: error, lockedBy: null })
    .where(eq(jobs.id, id));
}

/** What last_error holds for a job whose worker stopped (crashed, killed) while running it. */
export const ABANDONED_ERROR = JSON.stringify({
  type: 'Abandoned',
  message: 'The worker stopped before the job finished.',
});

/**
 * Returns to the queue jobs whose worker vanished (crashed node) before finishing. A job that was on
 * its last attempt fails instead: a job that kills its worker must not take down node after node forever.
 */
export async function releaseAbandonedJobs(
  tx: Tx,
  leasedBefore: Date,
  now: Date,
): Promise<{ requeued: number; failed: number }> {
  const exhausted = sql`${jobs.attempts} >= ${jobs.maxAttempts}`;
  const released = await tx
    .update(jobs)
    .set({
      status: sql`case when ${exhausted} then 'failed' else 'queued' end`,
      finishedAt: sql`case when ${exhausted} then ${now.toISOString()}::timestamptz end`,
      lastError: sql`case when ${exhausted} then ${ABANDONED_ERROR} else ${jobs.lastError} end`,
      lockedBy: null,
      lockedAt: null,
    })
    .where(and(eq(jobs.status, 'running'), lt(jobs.lockedAt, leasedBefore)))
    .returning({ status: jobs.status });
  const failed = released.filter((job) => job.status === 'failed').length;
  return { requeued: released.length - failed, failed };
}

export async function findJob(tx: Tx, id: string): Promise<JobRow | undefined> {
  const [row] = await tx.select().from(jobs).where(eq(jobs.id, id));
  return row;
}

/** Registers a schedule; an unchanged cron keeps its next slot, a changed one starts from nextRunAt. */
export async function upsertSchedule(
  tx: Tx,
  schedule: { name: string; cron: string; kind: string; nextRunAt: Date },
) {
  await tx
    .insert(jobSchedules)
    .values(schedule)
    .onConflictDoUpdate({
      target: jobSchedules.name,
      set: {
        kind: schedule.kind,
        cron: schedule.cron,
        nextRunAt: sql`case when ${jobSchedules.cron} = excluded.cron then ${jobSchedules.nextRunAt} else excluded.next_run_at end`,
      },
    });
}

export async function claimDueSchedules(tx: Tx, now: Date, names: string[]) {
  return tx
    .select()
    .from(jobSchedules)
    .where(and(lte(jobSchedules.nextRunAt, now), inArray(jobSchedules.name, names)))
    .for('update', { skipLocked: true });
}

export async function advanceSchedule(tx: Tx, name: string, nextRunAt: Date, now: Date): Promise<void> {
  await tx.update(jobSchedules).set({ nextRunAt, updatedAt: now }).where(eq(jobSchedules.name, name));
}
