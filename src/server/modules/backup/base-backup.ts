import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Config } from '../../config.js';
import type { Keyring } from '../../platform/crypto/index.js';
import { readLedgerText } from '../erasure/erasure-ledger-file.js';
import { BackupError } from './backup-error.js';
import type { BackupStore } from './locations/backup-store.js';
import { migrationOf } from './migrations.js';
import { checkTools, connect, toolEnvironment } from './postgres.js';
import { regionStore, storeArchive } from './stored-archive.js';
import { WAL_FOLDER } from './wal.js';

// The starting point of a point-in-time restore: a physical copy of the server's data directory from
// pg_basebackup (tar, with the WAL it needs fetched in, so it also stands alone), sealed like any archive
// into BACKUP_DIR/base. Replaying the archived WAL on top of it reaches any later moment.

export const BASE_FOLDER = 'base/';
const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

async function* baseBackupTar(databaseUrl: string): AsyncGenerator<Buffer> {
  const { dbname, env } = toolEnvironment(databaseUrl);
  const child = spawn(
    'pg_basebackup',
    [
      '--pgdata=-',
      '--format=tar',
      '--wal-method=fetch',
      '--checkpoint=fast',
      '--no-password',
      '--label=rehabit base backup',
      '--dbname',
      dbname,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    if (errors.length < 4000) errors += chunk.toString();
  });
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const [code] = child.exitCode === null ? ((await once(child, 'close')) as [number]) : [child.exitCode];
    if (code !== 0)
      throw new BackupError(
        `pg_basebackup failed (exit ${code}): ${errors.trim()}. ` +
          'The role needs REPLICATION (or superuser), and pg_hba.conf must allow it a replication connection.',
      );
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** Takes a base backup of the PostgreSQL server into the backup location's base/ folder. */
export async function createBaseBackup(deps: {
  config: Config;
  keyring: Keyring;
  now: Date;
}): Promise<{ name: string; bytes: number }> {
  const { config } = deps;
  if (!config.databaseUrl)
    throw new BackupError(
      'Base backups and WAL archiving are for PostgreSQL; the embedded engine uses `backup create`.',
    );
  const store = await regionStore(config);
  const client = await connect(config.databaseUrl, 'rehabit-backup');
  let migration: string;
  try {
    await checkTools(client, ['pg_basebackup']);
    const [archiving] = (
      await client.query<{ mode: string }>("select current_setting('archive_mode') as mode")
    ).rows;
    if (archiving?.mode === 'off')
      throw new BackupError(
        'archive_mode is off on this server: a base backup alone cannot be rolled forward. ' +
          'See docs/operations.md, "Continuous archiving".',
      );
    migration = await migrationOf(async (text) => (await client.query(text)).rows);
  } finally {
    await client.end().catch(() => undefined);
  }
  return storeArchive(store, `${BASE_FOLDER}rehabit-${config.region}-postgres-base-${stamp(deps.now)}.rhbk`, {
    keyring: deps.keyring,
    header: {
      holds: 'base-backup',
      engine: 'postgres',
      region: config.region,
      createdAt: deps.now.toISOString(),
      migration,
    },
    // The ledger goes along: a restore to any point replays it, so nobody erased comes back.
    contents: { tables: [], ledger: await readLedgerText(config.dataDir) },
    dump: baseBackupTar(config.databaseUrl),
  });
}

/**
 * This region's base backups, newest first, by name (listing a bucket must not download them), with
 * when each was stored: after pg_basebackup had finished, so a restore target after it is reachable.
 */
export async function listBaseBackups(
  store: BackupStore,
  region: string,
): Promise<{ name: string; takenAt: Date; storedAt: Date }[]> {
  const pattern = new RegExp(
    `^${BASE_FOLDER}rehabit-${region}-postgres-base-(\\d{4})(\\d\\d)(\\d\\d)T(\\d\\d)(\\d\\d)(\\d\\d)Z\\.rhbk$`,
  );
  const found: { name: string; takenAt: Date; storedAt: Date }[] = [];
  for (const file of await store.list(BASE_FOLDER)) {
    const parts = pattern.exec(file.name);
    if (!parts) continue;
    const [, year, month, day, hour, minute, second] = parts;
    found.push({
      name: file.name,
      takenAt: new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`),
      storedAt: file.modifiedAt,
    });
  }
  return found.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/**
 * Keeps the newest `keep` base backups and the WAL from the oldest of them on; the rest goes. The WAL
 * holds every row written, erased clients' too, so it is kept no longer than a restore can use it. WAL
 * files are judged by when they were stored, against the oldest kept base's start with an hour to spare
 * for clocks that disagree; timeline history files are tiny and always kept.
 */
export async function pruneContinuousArchive(
  store: BackupStore,
  region: string,
  keep: number,
): Promise<{ bases: number; walFiles: number }> {
  if (!(keep >= 1)) throw new BackupError('Keep at least one base backup.');
  const bases = await listBaseBackups(store, region);
  const oldestKept = bases[Math.min(keep, bases.length) - 1];
  if (!oldestKept) return { bases: 0, walFiles: 0 };
  const removedBases = bases.slice(keep);
  for (const base of removedBases) await store.delete(base.name);
  const before = oldestKept.takenAt.getTime() - 60 * 60 * 1000;
  const oldWal = (await store.list(WAL_FOLDER)).filter(
    (file) => !file.name.endsWith('.history.rhbk') && file.modifiedAt.getTime() < before,
  );
  for (const file of oldWal) await store.delete(file.name);
  return { bases: removedBases.length, walFiles: oldWal.length };
}
