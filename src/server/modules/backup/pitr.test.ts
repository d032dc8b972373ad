import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli.js';
import { type Environment, loadConfig } from '../../config.js';
import { createLogger } from '../../platform/logger.js';
import { openRuntime } from '../../runtime.js';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest, testDatabaseUrl } from '../../testing/database.js';
import {
  initPostgres,
  type PostgresInstance,
  removeTree,
  runAsServerUser,
  serverUserDirectory,
  startPostgres,
  waitUntilPromoted,
} from '../../testing/postgres-instance.js';
import { erase } from '../erasure/erasure.testkit.js';

// The drill CI runs on every change: a PostgreSQL server of its own with archive_mode on and Rehabit's
// `backup wal-push` as its archive_command, a base backup, rows written after it, then a point-in-time
// restore into a new data directory that PostgreSQL recovers from the encrypted archive.

const log = createLogger({ logLevel: 'silent' });
const cli = fileURLToPath(new URL('../../cli.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');
const rehabit = (args: string[], env: Record<string, string>) =>
  runAsServerUser(process.execPath, ['--import', tsx, cli, ...args], env);

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function waitUntilArchived(url: string, segment: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const [row] = await query<{ last: string | null; failed: string }>(
      url,
      'select last_archived_wal as last, failed_count::text as failed from pg_stat_archiver',
    );
    if (row?.last && row.last >= segment) return;
    if (Date.now() > deadline) throw new Error(`WAL ${segment} was not archived (failures: ${row?.failed})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(engineUnderTest() !== 'postgres')('point-in-time restore drill (postgres)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('recovers a row written after the base backup from the encrypted WAL archive, and stops at the target', async () => {
    const backupDir = serverUserDirectory('rehabit-pitr-backups-');
    const serverDataDir = serverUserDirectory('rehabit-pitr-data-');
    cleanups.push(
      () => removeTree(backupDir),
      () => removeTree(serverDataDir),
    );
    // What PostgreSQL's archive and restore commands see: Rehabit's settings, the master key included.
    const serverEnv = {
      MASTER_KEY: randomBytes(32).toString('base64'),
      REGION: 'eu',
      BACKUP_DIR: backupDir,
      DATA_DIR: serverDataDir,
      LOG_LEVEL: 'warn',
    };
    const archiveCommand = `'${process.execPath}' --import '${tsx}' '${cli}' backup wal-push %p %f`;
    const dataDir = await initPostgres({
      wal_level: 'replica',
      archive_mode: 'on',
      archive_command: archiveCommand,
      archive_timeout: '60',
    });
    cleanups.push(() => removeTree(path.dirname(dataDir)));
    const source: PostgresInstance = await startPostgres(dataDir, serverEnv);
    cleanups.push(() => source.stop());

    const env: Environment = {
      ...serverEnv,
      DATABASE_URL: source.url,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-pitr-app-')),
    };
    expect(await runCli(['migrate'], { env, out: () => undefined, log })).toBe(0);

    const base = await rehabit(['backup', 'base'], { ...serverEnv, DATABASE_URL: source.url });
    expect(base.stdout).toMatch(/^Base backup written: .*base\/rehabit-eu-postgres-base-.*\.rhbk/);

    const runtime = await openRuntime(loadConfig(env), log);
    const app = await buildTestApp({ database: runtime.database, env });
    const owner = await signUp(app);
    const kept = await createClient(app, owner);
    const erasedLater = await createClient(app, owner, { email: 'erased.later@example.org' });
    const [{ at: target } = { at: new Date() }] = await query<{ at: Date }>(
      source.url,
      'select clock_timestamp() as at',
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const tooLate = await createClient(app, owner);
    // Erased after the target: the restored database still has them, the ledger file says otherwise.
    expect((await erase(app, owner, erasedLater.id)).statusCode).toBe(202);
    await app.close();
    await runtime.database.close();
    // Plain text in a column we do not encrypt travels in the WAL; the archive must not show it.
    const marker = `wal-marker-${randomBytes(6).toString('hex')}`;
    await query(source.url, 'create table drill_marker (note text)');
    await query(source.url, 'insert into drill_marker values ($1)', [marker]);
    const [{ segment = '' } = {}] = await query<{ segment: string }>(
      source.url,
      'select pg_walfile_name(pg_switch_wal()) as segment',
    );
    await waitUntilArchived(source.url, segment);

    const status: string[] = [];
    expect(await runCli(['backup', 'wal-status'], { env, out: (line) => status.push(line), log })).toBe(0);
    expect(status.join('\n')).toMatch(/OK: at most 60 s of committed work is outside the archive/);

    const archived = readdirSync(path.join(backupDir, 'wal'));
    expect(archived.length).toBeGreaterThan(0);
    for (const file of archived)
      expect(readFileSync(path.join(backupDir, 'wal', file)).includes(marker)).toBe(false);

    const restoredDir = path.join(serverUserDirectory('rehabit-pitr-restored-'), 'data');
    cleanups.push(() => removeTree(path.dirname(restoredDir)));
    const prepared = await rehabit(
      ['backup', 'pitr', '--to', target.toISOString(), '--into', restoredDir],
      // The live server is still there: its erasure ledger is the complete one.
      { ...serverEnv, DATABASE_URL: source.url },
    );
    expect(prepared.stdout).toContain(`recovers every transaction committed up to ${target.toISOString()}`);
    expect(prepared.stdout).toContain('Erasure ledger for the replay: 1 entries');
    expect(prepared.stdout).not.toContain('WARNING');
    const restored = await startPostgres(restoredDir, serverEnv);
    cleanups.push(() => restored.stop());
    await waitUntilPromoted(restored.url);

    const found = await query<{ id: string }>(restored.url, 'select id from clients where id = any($1)', [
      [kept.id, tooLate.id],
    ]);
    expect(found.map((row) => row.id)).toEqual([kept.id]);
    expect(await query(restored.url, 'select id from clients where id = $1', [erasedLater.id])).toHaveLength(
      1,
    );
    // The marker was written after the target: recovery stopped before it.
    const markers = await query(restored.url, "select to_regclass('drill_marker') as t");
    expect(markers[0]?.t).toBeNull();

    const replay: string[] = [];
    const ledgerFile = /replay-ledger (\S+)/.exec(prepared.stdout)?.[1] ?? '';
    // A node that erased no one itself: its own DATA_DIR ledger is empty, the file from pitr is not.
    const otherNode = mkdtempSync(path.join(tmpdir(), 'rehabit-pitr-node-'));
    cleanups.push(() => removeTree(otherNode));
    const replayed = await runCli(['backup', 'replay-ledger', ledgerFile], {
      env: { ...env, DATA_DIR: otherNode, DATABASE_URL: restored.url },
      out: (line) => replay.push(line),
      log,
    });
    expect(replayed, replay.join('\n')).toBe(0);
    expect(replay.join('\n')).toMatch(/1 clients erased again, [1-9]\d* data keys destroyed/);
    expect(await query(restored.url, 'select id from clients where id = $1', [erasedLater.id])).toEqual([]);
    expect(await query(restored.url, 'select id from clients where id = $1', [kept.id])).toHaveLength(1);
  }, 300_000);

  it('refuses a base backup of a server that does not archive its WAL', async () => {
    const lines: string[] = [];
    const env: Environment = {
      DATABASE_URL: testDatabaseUrl() as string,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-pitr-app-')),
      BACKUP_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-pitr-backups-')),
      MASTER_KEY: randomBytes(32).toString('base64'),
    };
    cleanups.push(
      () => removeTree(env.DATA_DIR as string),
      () => removeTree(env.BACKUP_DIR as string),
    );
    expect(await runCli(['backup', 'base'], { env, out: (line) => lines.push(line), log })).toBe(1);
    expect(lines.join('\n')).toContain('archive_mode is off on this server');
  });
});
