import type { Platform } from '../../app.js';
import type { DatabaseHandle } from '../../db/client.js';
import type { Transactor } from '../../db/transactions.js';
import type { Keyring } from '../../platform/crypto/index.js';
import { readArchive } from './archive.js';
import { engineOf } from './archive-names.js';
import { recordBackupStep } from './backup.audit.js';
import { type CreatedBackup, createBackup } from './backup.create.js';
import type { BackupDeps } from './backup.service.js';
import { BackupError } from './backup-error.js';
import { pruneArchives } from './backup-location.js';
import { connect, connectionLost } from './postgres.js';
import { regionStore, withStoredArchive } from './stored-archive.js';

export const BACKUP_JOB = 'backup.create';

// Any fixed number (the migration lock is 727_001); it only has to be the same on every node.
const BACKUP_LOCK_KEY = 727_002;

export interface BackupJobDeps extends BackupDeps {
  /** The running server's database: on the embedded engine the archive is taken through its session. */
  database: Pick<DatabaseHandle, 'pglite'>;
  /** The server's transactor: the job's audit entries go through it. */
  transactor: Transactor;
}

export type BackupJobReport =
  | {
      outcome: 'written';
      archive: CreatedBackup;
      pruned: string[];
      /** Why no old archive was removed this time (the next run prunes them), for the log. */
      notPruned?: string;
    }
  /** Another node's run of the same slot still holds the backup lock (a long dump outlived its lease). */
  | { outcome: 'skipped' };

/**
 * One run of the daily job: an archive into BACKUP_DIR exactly as `backup create` writes it, read back
 * whole (every tag and checksum), and only then the oldest of this region's and engine's archives
 * beyond BACKUP_KEEP removed, so a damaged new copy never replaces a good old one.
 */
export async function runBackupJob(deps: BackupJobDeps): Promise<BackupJobReport> {
  const { config, keyring } = deps;
  if (!config.databaseUrl && !deps.database.pglite)
    throw new BackupError(
      'The embedded engine is backed up through the running server, which has not got it.',
    );
  const lock = config.databaseUrl ? await takeBackupLock(config.databaseUrl) : undefined;
  if (lock === null) return { outcome: 'skipped' };
  try {
    const store = await regionStore(config);
    const archive = await createBackup(deps, store, {
      actor: 'system',
      transactor: deps.transactor,
      pglite: deps.database.pglite,
    });
    // Read back from where it was stored (from the bucket, for one): only a good copy lets old ones go.
    await withStoredArchive(store, archive.name, (file) =>
      readArchive(file, keyring, { contents: async () => {}, dump: async () => {} }),
    );
    // Without the lock another node's run may be writing or pruning too: the archive stands, old ones wait.
    if (lock && !(await lock.held()))
      return {
        outcome: 'written',
        archive,
        pruned: [],
        notPruned:
          'the backup lock was lost during the run (its session ended); old archives are left for the next run',
      };
    const pruned = await pruneArchives(store, config.region, engineOf(config), config.backupJob.keep);
    return { outcome: 'written', archive, pruned };
  } catch (error) {
    // A failed night is on the record too; the error itself goes to the log, scrubbed, by the runner.
    await recordBackupStep(deps.transactor, deps.clock, {
      action: 'backup.create',
      actor: 'system',
      outcome: 'failure',
    }).catch(() => undefined);
    throw error;
  } finally {
    await lock?.release();
  }
}

/**
 * The once-per-slot job runner queues one job per slot, but re-queues a job whose lease (15 minutes) ran
 * out, which a long pg_dump can outlive: a session lock lets the second run see the first and step back.
 * Null when another session holds it.
 */
async function takeBackupLock(
  databaseUrl: string,
): Promise<{ held(): Promise<boolean>; release(): Promise<void> } | null> {
  const client = await connect(databaseUrl, 'rehabit-backup-lock');
  const end = () => client.end().catch(() => undefined);
  let locked: boolean;
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
      BACKUP_LOCK_KEY,
    ]);
    locked = rows[0]?.locked === true;
  } catch (error) {
    await end();
    throw error;
  }
  if (!locked) {
    await end();
    return null;
  }
  return {
    // The session sits idle through the run: the server may have ended it meanwhile, and the lock with it.
    async held() {
      if (connectionLost(client)) return false;
      try {
        const { rows } = await client.query<{ held: boolean }>(
          `select exists (select 1 from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()
                             and granted and classid = 0 and objid = $1 and objsubid = 1) as held`,
          [BACKUP_LOCK_KEY],
        );
        return rows[0]?.held === true;
      } catch {
        return false;
      }
    },
    // Ending the session releases the lock.
    release: end,
  };
}

/**
 * The daily backup (BACKUP_TIME, 03:00 UTC by default, before the closed practices' erasure at 03:30 and
 * retention at 04:00), registered only where BACKUP_DIR is set. Logs ids, sizes and counts, never data.
 */
export function registerBackups(
  platform: Platform,
  engine: { database: DatabaseHandle; keyring: Keyring },
): void {
  const { config, clock, log, jobs, transactor } = platform;
  const cron = config.backupJob.cron;
  if (!config.backupLocation || !cron) return;
  const backupLog = log.child({ component: 'backup' });
  // A re-queued run on this node while the first still runs (see takeBackupLock) steps back here.
  let running = false;
  jobs.register(
    BACKUP_JOB,
    async () => {
      if (running) {
        backupLog.warn('the previous backup is still running; this run is skipped');
        return;
      }
      running = true;
      try {
        const report = await runBackupJob({
          config,
          clock,
          log: backupLog,
          keyring: engine.keyring,
          database: engine.database,
          transactor,
        });
        if (report.outcome === 'skipped') {
          backupLog.warn('another node is still writing this backup; this run is skipped');
          return;
        }
        const { archive, pruned, notPruned } = report;
        if (notPruned) backupLog.warn({ archiveId: archive.archiveId }, notPruned);
        backupLog.info(
          {
            archiveId: archive.archiveId,
            file: archive.name,
            bytes: archive.bytes,
            tables: archive.tables,
            rows: archive.rows,
            media: archive.media,
            pruned: pruned.length,
          },
          'backup written',
        );
      } finally {
        running = false;
      }
    },
    { name: BACKUP_JOB, cron },
  );
}
