import { type Engine, isArchiveName } from './archive-names.js';
import type { BackupStore } from './locations/backup-store.js';

export { REGION_MARKER } from './locations/region-marker.js';

/**
 * Removes all but the newest `keep` archives of this region and engine from the location and answers
 * the names removed. Only files named exactly as `backup create` names archives are counted: the region
 * marker, a write in progress, other engines' or regions' archives, the WAL and base-backup folders and
 * anything else an operator keeps there are left alone.
 */
export async function pruneArchives(
  store: BackupStore,
  region: string,
  engine: Engine,
  keep: number,
): Promise<string[]> {
  if (!(keep >= 1)) throw new Error('keep at least one archive');
  const ours = (await store.list(''))
    .map((file) => file.name)
    .filter((name) => isArchiveName(name, region, engine))
    .sort();
  const removed = ours.slice(0, Math.max(0, ours.length - keep));
  // Deleting a missing file is no error: another node's job, or the operator, may have removed it first.
  for (const name of removed) await store.delete(name);
  return removed;
}
