/**
 * The daily backup job's settings, read once at boot by config.ts so that a bad value stops the start
 * with a message naming the variable. The job itself runs only where BACKUP_DIR is set.
 */
export interface BackupJobConfig {
  /** When it runs (BACKUP_TIME, UTC, as a cron expression); undefined when BACKUP_TIME is "off". */
  cron: string | undefined;
  /** How many of this region's and engine's archives it leaves in BACKUP_DIR (BACKUP_KEEP). */
  keep: number;
}

export const DEFAULT_BACKUP_TIME = '03:00';
export const DEFAULT_BACKUP_KEEP = 14;

type Environment = Record<string, string | undefined>;

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Reads BACKUP_TIME and BACKUP_KEEP; the defaults and a problem per bad value. */
export function parseBackupJob(env: Environment): { job: BackupJobConfig; problems: string[] } {
  const problems: string[] = [];
  const time = env.BACKUP_TIME?.trim() || DEFAULT_BACKUP_TIME;
  let cron: string | undefined;
  if (time.toLowerCase() !== 'off') {
    const match = TIME.exec(time);
    if (match) cron = `${Number(match[2])} ${Number(match[1])} * * *`;
    else problems.push('BACKUP_TIME must be a time of day in UTC as HH:MM (e.g. 03:00), or off');
  }
  const rawKeep = env.BACKUP_KEEP?.trim() || String(DEFAULT_BACKUP_KEEP);
  // At least one: the job must never delete the archive it has just written.
  const keep = /^\d{1,4}$/.test(rawKeep) ? Number(rawKeep) : Number.NaN;
  if (!(keep >= 1)) problems.push('BACKUP_KEEP must be a whole number of archives from 1 to 9999');
  return { job: { cron, keep: keep >= 1 ? keep : DEFAULT_BACKUP_KEEP }, problems };
}
