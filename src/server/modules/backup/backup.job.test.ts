import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../platform/clock.js';
import { signUp } from '../../testing/accounts.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest, testDatabaseUrl } from '../../testing/database.js';
import { isArchiveName } from './archive-names.js';
import { runBackupJob } from './backup.job.js';
import { log, run, runBackupJobNow, scratchDeployment, serve } from './backup.testkit.js';
import { REGION_MARKER } from './backup-location.js';

const SLOW = 180_000;
const engine = engineUnderTest();
const otherEngine = engine === 'pglite' ? 'postgres' : 'pglite';

describe(`the daily backup job (${engine})`, () => {
  it(
    'writes an archive into BACKUP_DIR and keeps the newest BACKUP_KEEP of its own, leaving every other file',
    async () => {
      const deployment = await scratchDeployment({ BACKUP_KEEP: '2' });
      const directory = deployment.env.BACKUP_DIR as string;
      const older = ['20200101T000000Z', '20200102T000000Z', '20200103T000000Z'].map(
        (at) => `rehabit-eu-${engine}-${at}.rhbk`,
      );
      const foreign = [
        `rehabit-eu-${otherEngine}-20200101T000000Z.rhbk`,
        `rehabit-us-${engine}-20200101T000000Z.rhbk`,
        `rehabit-eu-west-${engine}-20200101T000000Z.rhbk`,
        `.rehabit-eu-${engine}-20200104T000000Z.rhbk.partial`,
        `rehabit-eu-${engine}-20200105T000000Z.rhbk.sha256`,
        `rehabit-eu-${engine}-2020010T000000Z.rhbk`,
        'notes.txt',
      ];
      for (const name of [...older, ...foreign])
        writeFileSync(path.join(directory, name), 'not ours to judge');
      // A directory under an archive's name, newer than every file: not an archive, never counted.
      const lookalike = `rehabit-eu-${engine}-20200106T000000Z.rhbk`;
      mkdirSync(path.join(directory, lookalike));
      const server = await serve(deployment.env);
      try {
        await runBackupJobNow(server.app);
      } finally {
        await server.stop();
        await deployment.drop();
      }
      const left = readdirSync(directory);
      const written = left.filter(
        (name) => isArchiveName(name, 'eu', engine) && !older.includes(name) && name !== lookalike,
      );
      expect(written).toHaveLength(1);
      expect(left.sort()).toEqual(
        [...written, older[2] as string, ...foreign, lookalike, REGION_MARKER].sort(),
      );
    },
    SLOW,
  );

  it(
    'archives the database consistently while the server goes on serving requests',
    async () => {
      const deployment = await scratchDeployment();
      const server = await serve(deployment.env);
      let file: string;
      try {
        const owner = await signUp(server.app);
        await createClient(server.app, owner);
        let finished = false;
        const job = runBackupJobNow(server.app).finally(() => {
          finished = true;
        });
        // Writes keep arriving while the job runs; each must succeed, before, during or after the dump.
        let served = 0;
        while (!finished) {
          await createClient(server.app, owner);
          served += 1;
          // Requests arrive from sockets, between which file and zlib callbacks run; inject alone never yields.
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await job;
        expect(served).toBeGreaterThan(0);
        const archives = readdirSync(deployment.env.BACKUP_DIR as string).filter((name) =>
          isArchiveName(name, 'eu', engine),
        );
        expect(archives).toHaveLength(1);
        file = path.join(deployment.env.BACKUP_DIR as string, archives[0] as string);
      } finally {
        await server.stop();
      }
      try {
        // Every table of a scratch restore matches the counts and checksums taken with the dump.
        const verified = await run(['backup', 'verify', file], deployment.env);
        expect(verified.code, verified.output).toBe(0);
        expect(verified.output).toMatch(/all match\./);
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );

  it.skipIf(engine !== 'postgres')(
    'survives PostgreSQL ending its idle backup sessions mid-run, and then prunes nothing',
    async () => {
      const deployment = await scratchDeployment({ BACKUP_KEEP: '1' });
      const directory = deployment.env.BACKUP_DIR as string;
      const older = 'rehabit-eu-postgres-20200101T000000Z.rhbk';
      writeFileSync(path.join(directory, older), 'an older archive');
      const server = await serve(deployment.env);
      // One session holds a table, another watches (a transaction sees pg_stat_activity as it was at its start).
      const [holder, other] = [deployment.env.DATABASE_URL, deployment.env.DATABASE_URL].map(
        (connectionString) => new pg.Client({ connectionString }),
      ) as [pg.Client, pg.Client];
      await holder.connect();
      await other.connect();
      try {
        // pg_dump locks a partitioned table after importing the snapshot; the manifest never reads one.
        // Held here, it stops pg_dump before its first byte, while the run's two sessions sit idle.
        await holder.query('create table backup_hold (at int) partition by range (at)');
        await holder.query('begin');
        await holder.query('lock table backup_hold in access exclusive mode');
        const { runtime } = server;
        const job = runBackupJob({
          config: runtime.config,
          clock: systemClock,
          log,
          keyring: runtime.keyring,
          database: runtime.database,
          transactor: runtime.transactor,
        });
        const waiting = async () =>
          (
            await other.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity
                where datname = current_database() and application_name = 'pg_dump' and wait_event_type = 'Lock'`,
            )
          ).rows[0]?.n;
        for (let tries = 0; (await waiting()) === 0; tries += 1) {
          expect(tries, 'pg_dump never reached the held table').toBeLessThan(600);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        // As pg_terminate_backend or idle_in_transaction_session_timeout would, with no query running on them.
        const ended = await other.query<{ application_name: string; ended: boolean }>(
          `select application_name, pg_terminate_backend(pid, 10000) as ended from pg_stat_activity
            where datname = current_database() and application_name in ('rehabit-backup', 'rehabit-backup-lock')
              and state like 'idle%'`,
        );
        expect(ended.rows.map((row) => [row.application_name, row.ended]).sort()).toEqual([
          ['rehabit-backup', true],
          ['rehabit-backup-lock', true],
        ]);
        await holder.query('rollback');
        // pg_dump had its snapshot: the archive is whole; the lock went with its session, so nothing is pruned.
        const report = await job;
        expect(report).toMatchObject({
          outcome: 'written',
          pruned: [],
          notPruned: expect.stringContaining('backup lock was lost'),
        });
        const archives = readdirSync(directory).filter((name) => isArchiveName(name, 'eu', engine));
        expect(archives).toHaveLength(2);
        expect(archives).toContain(older);
      } finally {
        await holder.end();
        await other.end();
        await server.stop();
        await deployment.drop();
      }
      // A process still here to run this line, with no uncaught 'error' event reported by the runner.
    },
    SLOW,
  );

  it.skipIf(engine !== 'postgres')(
    'closes the lock session when the lock query fails',
    async () => {
      const deployment = await scratchDeployment();
      const url = deployment.env.DATABASE_URL as string;
      const role = `rehabit_nolock_${Date.now()}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const server = await serve(deployment.env);
      try {
        // A role that may not take advisory locks here: the job's first query fails.
        await admin.query(`create role ${role} login`);
        await admin.query('revoke execute on function pg_try_advisory_lock(bigint) from public');
        const asRole = new URL(url);
        asRole.username = role;
        const { runtime } = server;
        await expect(
          runBackupJob({
            config: { ...runtime.config, databaseUrl: asRole.toString() },
            clock: systemClock,
            log,
            keyring: runtime.keyring,
            database: runtime.database,
            transactor: runtime.transactor,
          }),
        ).rejects.toThrow(/permission denied/);
        const sessions = async () =>
          (
            await admin.query<{ n: number }>(
              'select count(*)::int as n from pg_stat_activity where usename = $1',
              [role],
            )
          ).rows[0]?.n;
        // A closed session leaves pg_stat_activity a moment after the client has let go of it.
        for (let tries = 0; (await sessions()) !== 0 && tries < 40; tries += 1)
          await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await sessions()).toBe(0);
      } finally {
        await server.stop();
        await admin.end();
        await deployment.drop();
        const cleanup = new pg.Client({ connectionString: testDatabaseUrl() });
        await cleanup.connect();
        await cleanup.query(`drop role if exists ${role}`);
        await cleanup.end();
      }
    },
    SLOW,
  );
});
