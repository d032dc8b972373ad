import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { runCli } from '../../cli.js';
import { type Environment, loadConfig } from '../../config.js';
import { findJob } from '../../platform/jobs/jobs.repo.js';
import { createLogger } from '../../platform/logger.js';
import { openRuntime, type Runtime } from '../../runtime.js';
import { buildTestApp } from '../../testing/app.js';
import { createScratchPostgresDatabase, testDatabaseUrl } from '../../testing/database.js';
import { BACKUP_JOB } from './backup.job.js';

// Backup tests each need a whole deployment of their own: a backup holds every table, and a restore
// replaces the database.

export const log = createLogger({ logLevel: 'silent' });

/** A deployment of its own (data directory, backup location, and on PostgreSQL a database of its own). */
export async function scratchDeployment(
  extra: Environment = {},
): Promise<{ env: Environment; drop(): Promise<void> }> {
  const env: Environment = {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-backup-data-')),
    BACKUP_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-backup-out-')),
    MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    ...extra,
  };
  if (!testDatabaseUrl()) return { env, drop: async () => {} };
  const scratch = await createScratchPostgresDatabase();
  return { env: { ...env, DATABASE_URL: scratch.url }, drop: scratch.drop };
}

/** Runs a command line and collects what it prints. */
export async function run(args: string[], env: Environment) {
  const lines: string[] = [];
  const code = await runCli(args, { env, out: (line) => lines.push(line), log });
  return { code, output: lines.join('\n') };
}

/** Writes a backup of the deployment and returns the archive's path. */
export async function backUp(env: Environment): Promise<string> {
  const made = await run(['backup', 'create'], env);
  expect(made.code, made.output).toBe(0);
  const file = /^Backup written: (\S+) /.exec(made.output)?.[1];
  expect(file).toBeDefined();
  return file as string;
}

/** The deployment's server as `npm start` builds it (background work driven by the test), on its database. */
export async function serve(
  env: Environment,
): Promise<{ app: FastifyInstance; runtime: Runtime; stop(): Promise<void> }> {
  const runtime = await openRuntime(loadConfig(env), log);
  const app = await buildTestApp({ database: runtime.database, env });
  return {
    app,
    runtime,
    async stop() {
      await app.close();
      await runtime.database.close();
    },
  };
}

/**
 * Queues the daily backup job now and runs what is due, as the server's job runner would at its slot;
 * fails the test with the job's (scrubbed) error when it did not finish.
 */
export async function runBackupJobNow(app: FastifyInstance): Promise<void> {
  const { jobs, transactor } = app.platform;
  const id = await transactor.asSystem((tx) => jobs.enqueue(tx, BACKUP_JOB, {}, { maxAttempts: 1 }));
  await jobs.runDue();
  const job = await transactor.asSystem((tx) => findJob(tx, id));
  expect(job?.status, job?.lastError ?? '').toBe('done');
}
