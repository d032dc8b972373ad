import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { assertObjectKey } from '../../platform/storage/storage.js';
import type { MediaEntry } from './archive-body.js';
import { BackupError } from './backup-error.js';

// Stored media (DATA_DIR/media) go into archives as the files they are: each object is already sealed
// under its owner's data key, so an erased client's media in an old archive stay unreadable, and the
// erasure replay after a restore removes them again. Only finished objects (*.rhm) are taken; a write in
// progress is a *.part file beside its object and is left out.

const OBJECT_SUFFIX = '.rhm';

export const mediaRoot = (dataDir: string) => path.join(dataDir, 'media');

/** Whether a path under the media root names an object file (so it can never step outside the root). */
export function isObjectPath(relative: string): boolean {
  if (!relative.endsWith(OBJECT_SUFFIX)) return false;
  try {
    assertObjectKey(relative.slice(0, -OBJECT_SUFFIX.length));
    return true;
  } catch {
    return false;
  }
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

async function objectPaths(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, prefix), { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await objectPaths(root, relative)));
    else if (entry.isFile() && isObjectPath(relative)) found.push(relative);
  }
  return found;
}

async function* contentOf(handle: FileHandle): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of handle.createReadStream({ autoClose: false })) yield chunk as Buffer;
  } finally {
    await handle.close();
  }
}

/** The stored media as archive entries, in name order; an object erased after the listing is left out. */
export async function* mediaEntries(root: string): AsyncGenerator<MediaEntry> {
  for (const relative of await objectPaths(root)) {
    let handle: FileHandle;
    try {
      handle = await open(path.join(root, ...relative.split('/')), 'r');
    } catch (error) {
      if (isMissing(error)) continue;
      throw error;
    }
    yield { path: relative, chunks: contentOf(handle) };
  }
}

/** Flushes a directory's entries (the names created, renamed or removed in it) to disk. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** How the restored media are kept or taken back once the erasure replay has run. */
export interface MediaSwap {
  undo(): Promise<void>;
  done(): Promise<void>;
}

/**
 * An archive's media, unpacked beside the media root while the archive is read, then swapped in whole;
 * the media they replace wait aside until the restore is done. An archive without media (format /1)
 * leaves the media root as it is. Every file and directory written, and the swap itself, are on disk
 * before the old media are removed: a power loss at any point leaves one whole copy or the other.
 */
export function mediaRestore(root: string, archiveId: string, at: string) {
  const incoming = `${root}.restoring-${archiveId}`;
  const aside = `${root}.before-restore-${at}`;
  let inArchive = false;
  // Every directory made under `incoming`, to be flushed with it before the swap.
  const directories = new Set<string>();
  return {
    async prepare(): Promise<void> {
      await rm(incoming, { recursive: true, force: true });
      await mkdir(incoming, { recursive: true, mode: 0o700 });
    },
    async write(relative: string, chunks: AsyncIterable<Buffer>): Promise<void> {
      if (!isObjectPath(relative))
        throw new BackupError('The archive holds a media path that is not an object; refused.');
      const file = path.join(incoming, ...relative.split('/'));
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      for (let directory = path.dirname(file); directory !== incoming; directory = path.dirname(directory))
        directories.add(directory);
      const handle = await open(file, 'wx', 0o600);
      try {
        for await (const chunk of chunks) await handle.write(chunk);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    },
    /** The archive has a media section (its index was read and matched). */
    found(): void {
      inArchive = true;
    },
    discard: () => rm(incoming, { recursive: true, force: true }),
    async swapIn(): Promise<MediaSwap> {
      if (!inArchive) {
        await rm(incoming, { recursive: true, force: true });
        return { undo: async () => {}, done: async () => {} };
      }
      const existed = await stat(root).then(
        () => true,
        (error: unknown) => {
          if (isMissing(error)) return false;
          throw error;
        },
      );
      // Each sync covers the names in its one directory, so any order will do.
      for (const directory of [...directories, incoming]) await syncDirectory(directory);
      if (existed) await rename(root, aside);
      await rename(incoming, root);
      // Both renames are in the media root's parent: on disk before `done` may remove the old copy.
      await syncDirectory(path.dirname(root));
      return {
        undo: async () => {
          await rm(root, { recursive: true, force: true });
          if (existed) await rename(aside, root);
        },
        done: () => rm(aside, { recursive: true, force: true }),
      };
    },
  };
}
