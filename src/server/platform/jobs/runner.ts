import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { CronExpressionParser } from 'cron-parser';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Clock } from '../clock.js';
import { type Logger, serializeError } from '../logger.js';
import {
  advanceSchedule,
  claimDueJobs,
  claimDueSchedules,
  insertJob,
  markJobDone,
  markJobFailed,
  releaseAbandonedJobs,
  scheduleRetry,
  upsertSchedule,
} from './jobs.repo.js';

/** Does one job. Throwing schedules a retry with backoff until the attempts run out. */
export type JobHandler = (
  payload: unknown,
  context: { jobId: string; attempt: number; log: Logger },
) => Promise<void>;

export interface Schedule {
  name: string;
  /** Five fields (or six with seconds), evaluated in UTC. */
  cron: string;
  kind: string;
}

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** Queues the job only once for this key, ever; enqueueing it again answers the first job's id. */
  dedupeKey?: string;
}

export interface JobRunner {
  /** Queues a job in the caller's transaction: it exists only if that transaction commits. Answers its id. */
  enqueue(tx: Tx, kind: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<string>;
  /** Adds a module's job kind, and a schedule that queues it, before start(). */
  register(kind: string, handler: JobHandler, schedule?: Omit<Schedule, 'kind'>): void;
  /** Registers the schedules and starts polling. */
  start(): Promise<void>;
  /** Stops polling and waits for jobs in progress. */
  stop(): Promise<void>;
  /** One pass: fire due schedules, release abandoned leases, run due jobs. Returns jobs run. */
  runDue(): Promise<number>;
}

export interface JobRunnerOptions {
  transactor: Transactor;
  clock: Clock;
  log: Logger;
  handlers: Record<string, JobHandler>;
  schedules?: Schedule[];
  pollIntervalMs?: number;
  batchSize?: number;
  /** A running job older than this is presumed abandoned by a dead node and queued again. */
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

/**
 * The id of the job queued under a dedupe key. Derived from the key, so enqueueing a duplicate answers
 * the id of the job that exists (the tenant role may insert jobs but not read them back).
 */
export function jobIdForDedupeKey(dedupeKey: string): string {
  const hex = createHash('sha256').update(`rehabit.job:${dedupeKey}`).digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  // A version-8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The first slot of a cron expression strictly after a moment, in UTC. */
export function nextCronSlot(cron: string, after: Date): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: 'UTC' }).next().toDate();
}

/** Exponential backoff with jitter: base·2^(attempt−1), capped, then scaled by 0.5–1. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random() / 2));
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { transactor, clock, log } = options;
  const handlers: Record<string, JobHandler> = { ...options.handlers };
  const schedules: Schedule[] = [...(options.schedules ?? [])];
  let started = false;
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 5;
  const leaseMs = options.leaseMs ?? 15 * 60 * 1000;
  const backoffBaseMs = options.backoffBaseMs ?? 30_000;
  const backoffMaxMs = options.backoffMaxMs ?? 60 * 60 * 1000;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<unknown> = Promise.resolve();
  let stopping = false;

  // A node claims only work it has code for, so nodes of different versions can share one queue.
  const kinds = Object.keys(handlers);
  const scheduleNames = schedules.map((schedule) => schedule.name);

  async function fireDueSchedules(now: Date) {
    if (scheduleNames.length === 0) return;
    await transactor.asSystem(async (tx) => {
      for (const schedule of await claimDueSchedules(tx, now, scheduleNames)) {
        // The slot's time is the dedupe key: two nodes firing the same slot queue one job.
        const dedupeKey = `${schedule.name}@${schedule.nextRunAt.toISOString()}`;
        await insertJob(tx, { id: jobIdForDedupeKey(dedupeKey), kind: schedule.kind, runAt: now, dedupeKey });
        // Missed slots (the deployment was down) are not replayed one by one: the next run catches up.
        await advanceSchedule(tx, schedule.name, nextCronSlot(schedule.cron, now), now);
      }
    });
  }

  async function runJob(job: {
    id: string;
    kind: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
  }) {
    const handler = handlers[job.kind];
    const jobLog = log.child({ jobId: job.id, jobKind: job.kind, attempt: job.attempts });
    try {
      await (handler as JobHandler)(job.payload, { jobId: job.id, attempt: job.attempts, log: jobLog });
      await transactor.asSystem((tx) => markJobDone(tx, job.id, clock.now()));
    } catch (error) {
      // Job errors are stored and logged in their scrubbed form only.
      const reason = JSON.stringify(serializeError(error)).slice(0, 2000);
      if (job.attempts >= job.max_attempts) {
        jobLog.error({ err: error }, 'job failed for good');
        await transactor.asSystem((tx) => markJobFailed(tx, job.id, clock.now(), reason));
      } else {
        const delay = backoffDelay(job.attempts, backoffBaseMs, backoffMaxMs);
        jobLog.warn({ err: error, retryInMs: delay }, 'job failed; will retry');
        await transactor.asSystem((tx) =>
          scheduleRetry(tx, job.id, new Date(clock.now().getTime() + delay), reason),
        );
      }
    }
  }

  async function runDue(): Promise<number> {
    const now = clock.now();
    await fireDueSchedules(now);
    const released = await transactor.asSystem((tx) =>
      releaseAbandonedJobs(tx, new Date(now.getTime() - leaseMs), now),
    );
    if (released.requeued > 0 || released.failed > 0) {
      log.warn(released, 'released jobs abandoned by a stopped worker');
    }
    let ran = 0;
    while (!stopping && kinds.length > 0) {
      const claimed = await transactor.asSystem((tx) =>
        claimDueJobs(tx, { now: clock.now(), limit: batchSize, workerId, kinds }),
      );
      // Settle every job before returning, even when one fails to record its outcome: stop() waits on this.
      const outcomes = await Promise.allSettled(claimed.map(runJob));
      const broken = outcomes.find((outcome) => outcome.status === 'rejected');
      if (broken) throw broken.reason;
      ran += claimed.length;
      if (claimed.length < batchSize) break;
    }
    return ran;
  }

  function poll() {
    pass = runDue()
      .catch((error: unknown) => log.error({ err: error }, 'job runner pass failed'))
      .finally(() => {
        if (!stopping) timer = setTimeout(poll, options.pollIntervalMs ?? 1000);
      });
  }

  return {
    async enqueue(tx, kind, payload, enqueueOptions = {}) {
      const id = enqueueOptions.dedupeKey ? jobIdForDedupeKey(enqueueOptions.dedupeKey) : randomUUID();
      await insertJob(tx, {
        id,
        kind,
        payload,
        runAt: enqueueOptions.runAt ?? clock.now(),
        maxAttempts: enqueueOptions.maxAttempts ?? 8,
        dedupeKey: enqueueOptions.dedupeKey ?? null,
      });
      return id;
    },
    register(kind, handler, schedule) {
      if (started) throw new Error(`job kind ${kind} registered after the runner started`);
      handlers[kind] = handler;
      kinds.push(kind);
      if (schedule) {
        schedules.push({ ...schedule, kind });
        scheduleNames.push(schedule.name);
      }
    },
    async start() {
      started = true;
      const now = clock.now();
      await transactor.asSystem(async (tx) => {
        for (const schedule of schedules) {
          await upsertSchedule(tx, { ...schedule, nextRunAt: nextCronSlot(schedule.cron, now) });
        }
      });
      stopping = false;
      poll();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await pass;
    },
    runDue,
  };
}
