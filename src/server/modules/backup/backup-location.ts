import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type Engine, isArchiveName } from './archive-names.js';
import { BackupError } from './backup-error.js';

// A backup location declares the region it belongs to in a marker file, written by the first backup
// made there. A deployment of another region refuses to write there: one region's backups never mix
// with (or land among) another's, even when an operator points two deployments at the same place.

export const REGION_MARKER = 'rehabit-region';

/** The region a backup location declares, if any. */
export async function backupRegionOf(directory: string): Promise<string | undefined> {
  try {
    return (await readFile(path.join(directory, REGION_MARKER), 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Makes sure the location exists and is this region's (declaring it when new); refuses another region's. */
export async function declareBackupRegion(directory: string, region: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  let declared = await backupRegionOf(directory);
  if (declared === undefined) {
    // 'wx': of two deployments declaring a new location at once, one wins and the other reads its region.
    const written = await writeFile(path.join(directory, REGION_MARKER), `${region}\n`, { flag: 'wx' }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
        return false;
      },
    );
    declared = written ? region : await backupRegionOf(directory);
  }
  if (declared !== region)
    throw new BackupError(
      `The backup location ${directory} belongs to region "${declared}"; this deployment is region "${region}". ` +
        'Give each region a backup location of its own.',
    );
}

/**
 * Removes all but the newest `keep` archives of this region and engine from the location and answers
 * the names removed. Only regular files named exactly as `backup create` names archives are counted:
 * the region marker, a write in progress (a dot-file), other engines' or regions' archives, links and
 * anything else an operator keeps there are left alone.
 */
export async function pruneArchives(
  directory: string,
  region: string,
  engine: Engine,
  keep: number,
): Promise<string[]> {
  if (!(keep >= 1)) throw new Error('keep at least one archive');
  const entries = await readdir(directory, { withFileTypes: true });
  const ours = entries
    .filter((entry) => entry.isFile() && isArchiveName(entry.name, region, engine))
    .map((entry) => entry.name)
    .sort();
  const removed = ours.slice(0, Math.max(0, ours.length - keep));
  for (const name of removed)
    await unlink(path.join(directory, name)).catch((error: NodeJS.ErrnoException) => {
      // Another node's job, or the operator, removed it first.
      if (error.code !== 'ENOENT') throw error;
    });
  return removed;
}
