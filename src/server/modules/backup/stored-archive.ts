import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../../config.js';
import { type WriteArchiveOptions, writeArchive } from './archive.js';
import { BackupError } from './backup-error.js';
import type { BackupStore } from './locations/backup-store.js';
import { openBackupStore } from './locations/location.config.js';
import { declareStoreRegion } from './locations/region-marker.js';

// Archives are written and read as local files (the reader seeks, the writer closes with a checksum of
// everything before it); the backup location may be a bucket. These move one between the two: only
// sealed bytes ever leave this machine's temporary directory.

/** The deployment's backup location, declared for its region (refused when another region's). */
export async function regionStore(config: Config): Promise<BackupStore> {
  if (!config.backupLocation)
    throw new BackupError('Set BACKUP_DIR (a directory, or s3://bucket/prefix): backups go there.');
  const store = openBackupStore(config.backupLocation);
  await declareStoreRegion(store, config.region);
  return store;
}

/** Writes an archive in a private temporary directory, then stores it under `name` whole or not at all. */
export async function storeArchive(
  store: BackupStore,
  name: string,
  options: Omit<WriteArchiveOptions, 'directory' | 'fileName'>,
): Promise<{ name: string; bytes: number; archiveId: string }> {
  const target = store.inPlace?.(name);
  if (target) {
    // On this file system: written beside its final name and renamed whole, never copied twice.
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const written = await writeArchive({
      ...options,
      directory: path.dirname(target),
      fileName: path.basename(target),
    });
    return { name, bytes: written.bytes, archiveId: written.archiveId };
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'rehabit-archive-'));
  try {
    const written = await writeArchive({ ...options, directory, fileName: path.basename(name) });
    await store.put(name, { file: written.file });
    return { name, bytes: written.bytes, archiveId: written.archiveId };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** Runs `work` on a local copy of a stored archive (the file itself in a directory location). */
export async function withStoredArchive<T>(
  store: BackupStore,
  name: string,
  work: (file: string) => Promise<T>,
): Promise<T> {
  const copy = await store.local(name);
  try {
    return await work(copy.file);
  } finally {
    await copy.release();
  }
}

/**
 * Runs `work` on an archive named on the command line: a local file when there is one at that path,
 * otherwise a name in the deployment's backup location (fetched first when that is a bucket).
 */
export async function withArchiveFile<T>(
  config: Config,
  fileOrName: string,
  work: (file: string) => Promise<T>,
): Promise<T> {
  if (await stat(fileOrName).catch(() => undefined)) return work(fileOrName);
  if (!config.backupLocation) throw new BackupError(`Cannot read ${fileOrName}.`);
  return withStoredArchive(await regionStore(config), fileOrName, work);
}
