import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, link, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  assertStoredName,
  type BackupStore,
  isStoredName,
  type StoredFile,
  StoredFileNotFound,
  type StoreSource,
  splitPrefix,
} from './backup-store.js';

const isCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException).code === code;

async function syncDirectory(directory: string) {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** A backup location on a file system: another disk, or a mount of a backup server. */
export function createDirectoryStore(root: string): BackupStore {
  const description = `directory ${root}`;
  const fileOf = (name: string) => {
    assertStoredName(name);
    return path.join(root, ...name.split('/'));
  };

  // Written under a hidden name beside the target (dot-names are never valid stored names), on disk
  // before `publish` makes it visible, so a crash never leaves a half file under a real name.
  async function writeHidden(
    file: string,
    source: StoreSource | Iterable<Buffer>,
    publish: (partial: string) => Promise<void>,
    mode = 0o600,
  ) {
    const directory = path.dirname(file);
    // 0700 and 0600: the archives are encrypted, but still nobody else's business.
    await mkdir(directory, { recursive: true, mode: 0o700 });
    const partial = path.join(directory, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.partial`);
    const handle = await open(partial, 'wx', mode);
    let bytes = 0;
    try {
      const chunks = 'file' in source ? (createReadStream(source.file) as AsyncIterable<Buffer>) : source;
      for await (const chunk of chunks) {
        await handle.write(chunk);
        bytes += chunk.length;
      }
      await handle.sync();
      await handle.close();
      await publish(partial);
      await syncDirectory(directory);
      return bytes;
    } catch (error) {
      await handle.close().catch(() => undefined);
      throw error;
    } finally {
      await rm(partial, { force: true });
    }
  }

  async function openFile(name: string): Promise<FileHandle> {
    try {
      return await open(fileOf(name), 'r');
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'EISDIR')) throw new StoredFileNotFound(name, description);
      throw error;
    }
  }

  return {
    description,
    where: fileOf,
    inPlace: fileOf,

    async put(name, source) {
      const file = fileOf(name);
      return { bytes: await writeHidden(file, source, (partial) => rename(partial, file)) };
    },

    async putIfAbsent(name, bytes) {
      const file = fileOf(name);
      try {
        // link() fails when the name is taken, and the file it publishes is already complete. Readable
        // by all (it holds a region code only): PostgreSQL's user and the app's may share the location.
        await writeHidden(file, [bytes], (partial) => link(partial, file), 0o644);
        return true;
      } catch (error) {
        if (isCode(error, 'EEXIST')) return false;
        throw error;
      }
    },

    async get(name): Promise<Readable> {
      const handle = await openFile(name);
      return handle.createReadStream();
    },

    async local(name) {
      const handle = await openFile(name);
      await handle.close();
      return { file: fileOf(name), release: async () => undefined };
    },

    async list(prefix) {
      const { folder, start } = splitPrefix(prefix);
      const directory = path.join(root, ...folder.split('/').filter(Boolean));
      const entries = await readdir(directory, { withFileTypes: true }).catch((error: unknown) => {
        if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return [];
        throw error;
      });
      const found: StoredFile[] = [];
      for (const entry of entries) {
        if (!entry.isFile() || !entry.name.startsWith(start) || !isStoredName(entry.name)) continue;
        // Removed between readdir and stat (pruned by another node): not there any more.
        const info = await stat(path.join(directory, entry.name)).catch(() => undefined);
        if (info) found.push({ name: `${folder}${entry.name}`, bytes: info.size, modifiedAt: info.mtime });
      }
      return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    async exists(name) {
      const info = await stat(fileOf(name)).catch(() => undefined);
      return info?.isFile() ?? false;
    },

    async delete(name) {
      await unlink(fileOf(name)).catch((error: unknown) => {
        if (!isCode(error, 'ENOENT')) throw error;
      });
    },
  };
}
