import type { Config } from '../../config.js';
import { BackupError } from './backup-error.js';
import { listBaseBackups } from './base-backup.js';
import { connect } from './postgres.js';
import { regionStore } from './stored-archive.js';
import { listWal } from './wal.js';

// The recovery point objective is 5 minutes: at most that much committed work may be missing from the
// archive. It holds when every WAL file reaches the archive and none waits longer than archive_timeout.

export const RPO_SECONDS = 5 * 60;

interface ArchiverRow {
  archive_mode: string;
  archive_command: string;
  archive_timeout: string;
  last_archived_wal: string | null;
  last_archived_time: Date | null;
  last_failed_time: Date | null;
  failed_count: string;
  waiting: string | null;
  oldest_waiting_seconds: string | null;
}

/** The archiving's state in lines for an operator, and whether it meets the recovery point objective. */
export async function walStatus(config: Config): Promise<{ ok: boolean; lines: string[] }> {
  if (!config.databaseUrl) throw new BackupError('WAL archiving is for PostgreSQL; set DATABASE_URL.');
  const client = await connect(config.databaseUrl, 'rehabit-backup');
  let row: ArchiverRow | undefined;
  try {
    row = (
      await client.query<ArchiverRow>(`
        select current_setting('archive_mode') as archive_mode,
               current_setting('archive_command') as archive_command,
               (select setting from pg_settings where name = 'archive_timeout') as archive_timeout,
               a.last_archived_wal, a.last_archived_time, a.last_failed_time, a.failed_count::text,
               (select count(*)::text from pg_ls_archive_statusdir() where name like '%.ready') as waiting,
               (select extract(epoch from now() - min(modification))::int::text
                  from pg_ls_archive_statusdir() where name like '%.ready') as oldest_waiting_seconds
        from pg_stat_archiver a`)
    ).rows[0];
  } catch (error) {
    throw new BackupError(
      `Cannot read the archiver's state (${(error as Error).message}): the role needs pg_monitor or superuser.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!row) throw new BackupError('The server reported no archiver state.');
  const problems: string[] = [];
  const lines: string[] = [];
  // pg_settings gives it in seconds, whatever unit postgresql.conf used.
  const timeout = Number.parseInt(row.archive_timeout, 10);
  if (row.archive_mode === 'off') problems.push('archive_mode is off.');
  if (!row.archive_command.includes('backup wal-push'))
    problems.push("archive_command does not call Rehabit's `backup wal-push`.");
  if (timeout === 0 || timeout > RPO_SECONDS)
    problems.push(`archive_timeout is ${timeout} s: set it to 5min or less (60s is usual).`);
  if (row.last_failed_time && (!row.last_archived_time || row.last_failed_time > row.last_archived_time))
    problems.push(
      `the last archiving attempt failed (${row.failed_count} failures in all): see the server's log.`,
    );
  // A slow or hung archive_command fails nothing, so only the age of what waits shows it.
  const oldestWaiting = Number(row.oldest_waiting_seconds ?? 0);
  if (oldestWaiting > RPO_SECONDS)
    problems.push(
      `a WAL file has waited ${oldestWaiting} s to be archived (${row.waiting} waiting): archive_command is too slow or stuck.`,
    );
  lines.push(
    `archive_mode ${row.archive_mode}, archive_timeout ${timeout} s; ` +
      `last archived ${row.last_archived_wal ?? 'nothing yet'}` +
      (row.last_archived_time ? ` at ${row.last_archived_time.toISOString()}` : '') +
      `; ${row.waiting ?? '?'} WAL files waiting.`,
  );
  if (config.backupLocation) {
    const store = await regionStore(config);
    const archived = await listWal(store);
    const [base] = await listBaseBackups(store, config.region);
    lines.push(
      `In ${store.description}: ${archived.length} WAL files (newest ${archived.at(-1)?.name ?? 'none'}); ` +
        `newest base backup ${base ? base.takenAt.toISOString() : 'none'}.`,
    );
    if (!base) problems.push('there is no base backup yet: run `backup base`.');
  } else problems.push('BACKUP_DIR is not set.');
  if (problems.length === 0)
    lines.push(`OK: at most ${Math.max(timeout, 0)} s of committed work is outside the archive.`);
  else for (const problem of problems) lines.push(`PROBLEM: ${problem}`);
  return { ok: problems.length === 0, lines };
}
