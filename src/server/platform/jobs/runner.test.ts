import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobSchedules } from '../../db/schema/index.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { FakeClock } from '../../testing/clock.js';
import { engineUnderTest } from '../../testing/database.js';
import { createTestPractice } from '../../testing/factories.js';
import { createLogger } from '../logger.js';
import { ABANDONED_ERROR, claimDueJobs, findJob } from './jobs.repo.js';
import {
  backoffDelay,
  createJobRunner,
  type JobHandler,
  type JobRunnerOptions,
  nextCronSlot,
  type Schedule,
} from './runner.js';

const MINUTE = 60_000;
const LEASE_MS = 10 * MINUTE;
const BACKOFF_BASE_MS = 1000;

/** A job kind no other test (or file sharing this database) has a handler for. */
const uniqueKind = (name: string) => `test.${name}.${randomUUID().slice(0, 8)}`;

interface Call {
  jobId: string;
  attempt: number;
  payload: unknown;
}

/** A handler that records its calls and fails while `failures` says so. */
function recordingHandler(failures: (call: Call) => Error | undefined = () => undefined) {
  const calls: Call[] = [];
  const handler: JobHandler = async (payload, context) => {
    const call = { jobId: context.jobId, attempt: context.attempt, payload };
    calls.push(call);
    // Yield, so two runners working at once really interleave.
    await new Promise((resolve) => setImmediate(resolve));
    const failure = failures(call);
    if (failure) throw failure;
  };
  return { calls, handler };
}

describe(`job runner (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  const runnerFor = (
    clock: FakeClock,
    options: Partial<JobRunnerOptions> & Pick<JobRunnerOptions, 'handlers'>,
  ) =>
    createJobRunner({
      transactor: app.platform.transactor,
      clock,
      log: createLogger({ logLevel: 'silent' }),
      leaseMs: LEASE_MS,
      backoffBaseMs: BACKOFF_BASE_MS,
      backoffMaxMs: 60 * MINUTE,
      ...options,
    });
  const readJob = (id: string) => app.platform.transactor.asSystem((tx) => findJob(tx, id));

  it('never runs a job enqueued in a transaction that rolled back', async () => {
    const practice = await createTestPractice(app);
    const clock = new FakeClock();
    const kind = uniqueKind('rollback');
    const { calls, handler } = recordingHandler();
    const runner = runnerFor(clock, { handlers: { [kind]: handler } });
    let jobId = '';
    const work = app.platform.transactor.inPractice(practice.id, async (tx) => {
      jobId = await runner.enqueue(tx, kind, { practiceId: practice.id });
      throw new Error('the change failed');
    });
    await expect(work).rejects.toThrow('the change failed');
    expect(await runner.runDue()).toBe(0);
    expect(calls).toEqual([]);
    expect(await readJob(jobId)).toBeUndefined();
  });

  it('runs a job enqueued by a request once, with its payload', async () => {
    const practice = await createTestPractice(app);
    const clock = new FakeClock();
    const kind = uniqueKind('once');
    const { calls, handler } = recordingHandler();
    const runner = runnerFor(clock, { handlers: { [kind]: handler } });
    const payload = { practiceId: practice.id, clientId: randomUUID() };
    const jobId = await app.platform.transactor.inPractice(practice.id, (tx) =>
      runner.enqueue(tx, kind, payload),
    );

    expect(await runner.runDue()).toBe(1);
    expect(await runner.runDue()).toBe(0);
    expect(calls).toEqual([{ jobId, attempt: 1, payload }]);
    expect(await readJob(jobId)).toMatchObject({
      status: 'done',
      attempts: 1,
      finishedAt: clock.now(),
      lockedBy: null,
      lastError: null,
    });
  });

  it('waits for the time a job was enqueued to run at', async () => {
    const clock = new FakeClock();
    const kind = uniqueKind('later');
    const { calls, handler } = recordingHandler();
    const runner = runnerFor(clock, { handlers: { [kind]: handler } });
    const runAt = new Date(clock.now().getTime() + 60 * MINUTE);
    await app.platform.transactor.asSystem((tx) => runner.enqueue(tx, kind, {}, { runAt }));

    clock.advance(60 * MINUTE - 1);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it('retries a failed job after its backoff, not before, until it succeeds', async () => {
    const clock = new FakeClock();
    const kind = uniqueKind('retry');
    const { calls, handler } = recordingHandler((call) =>
      call.attempt === 1 ? new Error('flaky') : undefined,
    );
    const runner = runnerFor(clock, { handlers: { [kind]: handler } });
    const jobId = await app.platform.transactor.asSystem((tx) => runner.enqueue(tx, kind, {}));
    const start = clock.now().getTime();

    expect(await runner.runDue()).toBe(1);
    const waiting = await readJob(jobId);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, lockedBy: null, lockedAt: null });
    expect(waiting?.lastError).toEqual(expect.any(String));
    // Attempt 1 waits the base delay, jittered to between half and all of it.
    const delay = (waiting?.runAt.getTime() ?? 0) - start;
    expect(delay).toBeGreaterThanOrEqual(BACKOFF_BASE_MS / 2);
    expect(delay).toBeLessThanOrEqual(BACKOFF_BASE_MS);

    clock.advance(delay - 1);
    expect(await runner.runDue()).toBe(0);
    clock.advance(1);
    expect(await runner.runDue()).toBe(1);
    expect(calls.map((call) => call.attempt)).toEqual([1, 2]);
    expect(await readJob(jobId)).toMatchObject({ status: 'done', attempts: 2, lastError: null });
  });

  it('marks a job failed after its last attempt and never runs it again', async () => {
    const clock = new FakeClock();
    const kind = uniqueKind('exhausted');
    const { calls, handler } = recordingHandler(() => new Error('always broken'));
    const runner = runnerFor(clock, { handlers: { [kind]: handler } });
    const jobId = await app.platform.transactor.asSystem((tx) =>
      runner.enqueue(tx, kind, {}, { maxAttempts: 2 }),
    );

    expect(await runner.runDue()).toBe(1);
    clock.advance(BACKOFF_BASE_MS);
    expect(await runner.runDue()).toBe(1);
    const failedAt = clock.now();
    clock.advance(24 * 60 * MINUTE);
    expect(await runner.runDue()).toBe(0);

    expect(calls).toHaveLength(2);
    expect(await readJob(jobId)).toMatchObject({
      status: 'failed',
      attempts: 2,
      finishedAt: failedAt,
      lockedBy: null,
    });
  });

  it('stores and logs the error of a failed job without its message', async () => {
    const marker = `MARKER-${randomUUID()}`;
    const logs = new LogCapture();
    const clock = new FakeClock();
    const kind = uniqueKind('scrubbed');
    const { handler } = recordingHandler(() => new Error(`could not mail ${marker}@example.org`));
    const runner = runnerFor(clock, {
      handlers: { [kind]: handler },
      log: createLogger({ logLevel: 'info' }, logs),
    });
    const jobId = await app.platform.transactor.asSystem((tx) =>
      runner.enqueue(tx, kind, {}, { maxAttempts: 1 }),
    );

    await runner.runDue();
    const job = await readJob(jobId);
    expect(job?.status).toBe('failed');
    expect(JSON.parse(job?.lastError ?? '{}')).toMatchObject({
      type: 'Error',
      message: '[withheld: may quote data]',
    });
    expect(job?.lastError).not.toContain(marker);
    expect(logs.text).toContain('job failed for good');
    expect(logs.text).toContain(jobId);
    expect(logs.text).not.toContain(marker);
  });

  it('queues one job for a dedupe key and answers its id every time', async () => {
    const practice = await createTestPractice(app);
    const clock = new FakeClock();
    const kind = uniqueKind('dedupe');
    const { calls, handler } = recordingHandler();
    const runner = runnerFor(clock, { handlers: { [kind]: handler } });
    const dedupeKey = `reminder:${randomUUID()}`;
    const enqueue = () =>
      app.platform.transactor.inPractice(practice.id, (tx) => runner.enqueue(tx, kind, {}, { dedupeKey }));

    const first = await enqueue();
    const second = await enqueue();
    expect(second).toBe(first);
    expect(await runner.runDue()).toBe(1);
    expect(await enqueue()).toBe(first);
    expect(await runner.runDue()).toBe(0);
    expect(calls.map((call) => call.jobId)).toEqual([first]);
    expect(await readJob(first)).toMatchObject({ status: 'done', dedupeKey });
  });

  it('runs each job exactly once when two runners work the queue at the same time', async () => {
    const clock = new FakeClock();
    const kind = uniqueKind('concurrent');
    const { calls, handler } = recordingHandler();
    const first = runnerFor(clock, { handlers: { [kind]: handler }, batchSize: 3 });
    const second = runnerFor(clock, { handlers: { [kind]: handler }, batchSize: 3 });
    const ids = await app.platform.transactor.asSystem(async (tx) => {
      const queued: string[] = [];
      for (let index = 0; index < 20; index++) queued.push(await first.enqueue(tx, kind, { index }));
      return queued;
    });

    const [ranByFirst, ranBySecond] = await Promise.all([first.runDue(), second.runDue()]);
    expect(ranByFirst + ranBySecond).toBe(20);
    expect(calls.map((call) => call.jobId).sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await readJob(id))?.status).toBe('done');
  });

  it('leaves a running job alone while its lease lasts', async () => {
    const clock = new FakeClock();
    const kind = uniqueKind('leased');
    const { calls, handler } = recordingHandler();
    const runner = runnerFor(clock, { handlers: { [kind]: handler } });
    const jobId = await app.platform.transactor.asSystem((tx) => runner.enqueue(tx, kind, {}));
    await app.platform.transactor.asSystem((tx) =>
      claimDueJobs(tx, { now: clock.now(), limit: 1, workerId: 'other-node', kinds: [kind] }),
    );

    clock.advance(LEASE_MS - 1);
    expect(await runner.runDue()).toBe(0);
    expect(calls).toEqual([]);
    expect(await readJob(jobId)).toMatchObject({ status: 'running', lockedBy: 'other-node' });
  });

  it('queues again and runs a job whose worker stopped before finishing it', async () => {
    const clock = new FakeClock();
    const kind = uniqueKind('abandoned');
    const { calls, handler } = recordingHandler();
    const runner = runnerFor(clock, { handlers: { [kind]: handler } });
    const jobId = await app.platform.transactor.asSystem((tx) => runner.enqueue(tx, kind, {}));
    const claimed = await app.platform.transactor.asSystem((tx) =>
      claimDueJobs(tx, { now: clock.now(), limit: 1, workerId: 'dead-node', kinds: [kind] }),
    );
    expect(claimed.map((job) => job.id)).toEqual([jobId]);

    clock.advance(LEASE_MS + 1);
    expect(await runner.runDue()).toBe(1);
    expect(calls).toEqual([{ jobId, attempt: 2, payload: {} }]);
    expect(await readJob(jobId)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('fails a job whose worker stopped during its last attempt instead of running it again', async () => {
    const clock = new FakeClock();
    const kind = uniqueKind('poison');
    const { calls, handler } = recordingHandler();
    const runner = runnerFor(clock, { handlers: { [kind]: handler } });
    const jobId = await app.platform.transactor.asSystem((tx) =>
      runner.enqueue(tx, kind, {}, { maxAttempts: 1 }),
    );
    await app.platform.transactor.asSystem((tx) =>
      claimDueJobs(tx, { now: clock.now(), limit: 1, workerId: 'dead-node', kinds: [kind] }),
    );

    clock.advance(LEASE_MS + 1);
    expect(await runner.runDue()).toBe(0);
    expect(calls).toEqual([]);
    expect(await readJob(jobId)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: ABANDONED_ERROR,
      finishedAt: clock.now(),
    });
  });
});

describe(`job schedules (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  const runnerFor = (clock: FakeClock, schedule: Schedule, handler: JobHandler) =>
    createJobRunner({
      transactor: app.platform.transactor,
      clock,
      log: createLogger({ logLevel: 'silent' }),
      handlers: { [schedule.kind]: handler },
      schedules: [schedule],
    });
  /**
   * Registers a schedule the way a starting node does: start() runs one pass (nothing is due yet) and
   * stop() ends it. A stopped runner claims no more jobs, so the tests work with fresh runners.
   */
  const register = async (clock: FakeClock, schedule: Schedule) => {
    const node = runnerFor(clock, schedule, recordingHandler().handler);
    await node.start();
    await node.stop();
  };
  const nextRunAt = async (name: string) => {
    const [row] = await app.platform.transactor.asSystem((tx) =>
      tx.select().from(jobSchedules).where(eq(jobSchedules.name, name)),
    );
    return row?.nextRunAt;
  };
  const newSchedule = (cron: string): Schedule => ({
    name: `test-schedule-${randomUUID()}`,
    cron,
    kind: uniqueKind('scheduled'),
  });

  it('fires a schedule once per slot across two runners and moves on to the next slot', async () => {
    const clock = new FakeClock(new Date('2026-03-02T09:00:00.000Z'));
    const schedule = newSchedule('*/5 * * * *');
    const { calls, handler } = recordingHandler();
    await register(clock, schedule);
    await register(clock, schedule);
    const runners = [runnerFor(clock, schedule, handler), runnerFor(clock, schedule, handler)];
    expect(await nextRunAt(schedule.name)).toEqual(new Date('2026-03-02T09:05:00.000Z'));
    expect(calls).toEqual([]);

    clock.advance(5 * MINUTE);
    await Promise.all(runners.map((runner) => runner.runDue()));
    expect(calls).toHaveLength(1);
    expect(await nextRunAt(schedule.name)).toEqual(new Date('2026-03-02T09:10:00.000Z'));

    clock.advance(5 * MINUTE);
    await Promise.all(runners.map((runner) => runner.runDue()));
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((call) => call.jobId)).size).toBe(2);
  });

  it('catches up on missed slots with one run, not one per slot', async () => {
    const clock = new FakeClock(new Date('2026-03-02T09:00:00.000Z'));
    const schedule = newSchedule('*/5 * * * *');
    const { calls, handler } = recordingHandler();
    await register(clock, schedule);
    const runner = runnerFor(clock, schedule, handler);

    clock.advance(60 * MINUTE + 30_000);
    await runner.runDue();
    await runner.runDue();
    expect(calls).toHaveLength(1);
    expect(await nextRunAt(schedule.name)).toEqual(new Date('2026-03-02T10:05:00.000Z'));
  });

  it('keeps the next slot of an unchanged schedule when a node starts again', async () => {
    const clock = new FakeClock(new Date('2026-03-02T09:00:00.000Z'));
    const schedule = newSchedule('0 * * * *');
    await register(clock, schedule);
    clock.advance(30 * MINUTE);
    await register(clock, schedule);
    expect(await nextRunAt(schedule.name)).toEqual(new Date('2026-03-02T10:00:00.000Z'));
  });

  it('moves the next slot when a node starts with a changed cron', async () => {
    const clock = new FakeClock(new Date('2026-03-02T09:00:00.000Z'));
    const schedule = newSchedule('0 * * * *');
    await register(clock, schedule);
    clock.advance(30 * MINUTE);
    await register(clock, { ...schedule, cron: '*/20 * * * *' });
    expect(await nextRunAt(schedule.name)).toEqual(new Date('2026-03-02T09:40:00.000Z'));
  });
});

describe('backoffDelay', () => {
  const top = () => 0.999_999_999;

  it('doubles with each attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, 1000, 1_000_000, top))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it('is capped at the maximum', () => {
    expect(backoffDelay(10, 1000, 60_000, top)).toBe(60_000);
    expect(backoffDelay(5000, 1000, 60_000, top)).toBe(60_000);
  });

  it('treats attempt 0 like the first', () => {
    expect(backoffDelay(0, 1000, 60_000, top)).toBe(1000);
  });

  it('is jittered to between half and all of the ceiling', () => {
    expect(backoffDelay(3, 1000, 60_000, () => 0)).toBe(2000);
    expect(backoffDelay(3, 1000, 60_000, () => 0.5)).toBe(3000);
    for (let sample = 0; sample < 200; sample++) {
      const delay = backoffDelay(3, 1000, 60_000);
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});

describe('nextCronSlot', () => {
  it('answers the next slot in UTC whatever the time zone of the process', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(nextCronSlot('0 3 * * *', new Date('2026-03-02T09:00:00.000Z'))).toEqual(
        new Date('2026-03-03T03:00:00.000Z'),
      );
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('answers a slot strictly after the given moment', () => {
    expect(nextCronSlot('*/5 * * * *', new Date('2026-03-02T09:05:00.000Z'))).toEqual(
      new Date('2026-03-02T09:10:00.000Z'),
    );
  });

  it('accepts a sixth field for seconds', () => {
    expect(nextCronSlot('*/30 * * * * *', new Date('2026-03-02T09:00:10.000Z'))).toEqual(
      new Date('2026-03-02T09:00:30.000Z'),
    );
  });
});
