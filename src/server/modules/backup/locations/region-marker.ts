import { BackupError } from '../backup-error.js';
import { type BackupStore, readSmall } from './backup-store.js';

// A backup location declares the region it belongs to in a marker file, written by the first backup
// made there. A deployment of another region refuses to write there: one region's backups never mix
// with (or land among) another's, even when an operator points two deployments at the same place.

export const REGION_MARKER = 'rehabit-region';

/** The region a backup location declares, if any. */
export async function storeRegionOf(store: BackupStore): Promise<string | undefined> {
  const bytes = await readSmall(store, REGION_MARKER);
  return bytes?.toString('utf8').trim() || undefined;
}

/** Makes sure the location is this region's (declaring it when new); refuses another region's. */
export async function declareStoreRegion(store: BackupStore, region: string): Promise<void> {
  let declared = await storeRegionOf(store);
  if (declared === undefined) {
    // Of two deployments declaring a new location at once, one wins and the other reads its region
    // (on a bucket without conditional writes see S3Store.putIfAbsent for the narrow race left).
    const written = await store.putIfAbsent(REGION_MARKER, Buffer.from(`${region}\n`));
    declared = written ? region : await storeRegionOf(store);
  }
  if (declared !== region)
    throw new BackupError(
      `The backup location (${store.description}) belongs to region "${declared}"; ` +
        `this deployment is region "${region}". Give each region a backup location of its own.`,
    );
}
