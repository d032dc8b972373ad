import type { Readable } from 'node:stream';
import { BackupError } from '../backup-error.js';

// Where archives live: a directory (another disk, a mount) or an S3-compatible bucket. Callers see files
// by relative name (`rehabit-eu-postgres-….rhbk`, `wal/….rhbk`, `base/….rhbk`) and nothing of how a
// place stores them, so backup create, the WAL archive and the restores work the same on either.

/** What `put` stores: a stream of bytes, or a local file read as one. */
export type StoreSource = AsyncIterable<Buffer> | { file: string };

export interface StoredFile {
  /** Relative name, as passed to `put`. */
  name: string;
  bytes: number;
  modifiedAt: Date;
}

/** A local file holding a stored file's bytes (readers that seek need one); `release` removes a copy. */
export interface LocalCopy {
  file: string;
  release(): Promise<void>;
}

export interface BackupStore {
  /** For messages: "directory /srv/backups" or "s3://bucket/prefix at https://endpoint". */
  readonly description: string;
  /** Where a stored file is, for an operator to find it: a path, or an s3:// address. */
  where(name: string): string;
  /**
   * For a location on this file system: the path a file under `name` is written to, so an archive can be
   * written in place (a hidden partial renamed whole) instead of staged in a temporary directory first.
   */
  inPlace?(name: string): string;
  /**
   * Stores the source under `name`, replacing any file there. The file appears complete or not at all:
   * when the source fails, nothing new is visible under the name and the source's error is thrown.
   */
  put(name: string, source: StoreSource): Promise<{ bytes: number }>;
  /** Stores small bytes only when nothing is under `name` yet; false when something was. */
  putIfAbsent(name: string, bytes: Buffer): Promise<boolean>;
  /** The file's bytes as a stream; StoredFileNotFound (before any byte) when there is none. */
  get(name: string): Promise<Readable>;
  /** The file as a local file (the file itself where it is one); StoredFileNotFound when there is none. */
  local(name: string): Promise<LocalCopy>;
  /**
   * The files directly under the prefix's folder whose names start with it ("wal/" lists the WAL
   * files, "" the top level), sorted by name. Folders, writes in progress and names `put` would refuse
   * are left out.
   */
  list(prefix: string): Promise<StoredFile[]>;
  exists(name: string): Promise<boolean>;
  /** Removes the file; nothing happens when there is none. */
  delete(name: string): Promise<void>;
}

/** No file of that name in the backup location. */
export class StoredFileNotFound extends BackupError {
  constructor(name: string, description: string) {
    super(`${name} is not in the backup location (${description}).`);
    this.name = 'StoredFileNotFound';
  }
}

// A part starts with a letter or digit: no "..", no hidden files (a write in progress is one), no empty
// parts, so a name can never leave the location or be mistaken for a partial write.
const PART = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_NAME = 512;

/** Throws unless `name` is a relative name a store accepts (parts of letters, digits, `.`, `_`, `-`). */
export function assertStoredName(name: string): void {
  if (name.length > MAX_NAME || !name.split('/').every((part) => PART.test(part)))
    throw new BackupError(`"${name}" is not a valid name in a backup location.`);
}

/** Splits a list prefix into its folder ("" or "wal/") and the start of the names in it. */
export function splitPrefix(prefix: string): { folder: string; start: string } {
  const cut = prefix.lastIndexOf('/') + 1;
  const folder = prefix.slice(0, cut);
  const start = prefix.slice(cut);
  const folderOk =
    folder === '' ||
    folder
      .slice(0, -1)
      .split('/')
      .every((part) => PART.test(part));
  if (prefix.length > MAX_NAME || !folderOk || (start !== '' && !PART.test(start)))
    throw new BackupError(`"${prefix}" is not a valid prefix in a backup location.`);
  return { folder, start };
}

/** Whether a name found in a listing is one `put` could have written (others are not ours to touch). */
export const isStoredName = (name: string) =>
  name.length <= MAX_NAME && name.split('/').every((part) => PART.test(part));

/** Reads a small file whole, refusing one larger than `limit` bytes; undefined when there is none. */
export async function readSmall(store: BackupStore, name: string, limit = 4096): Promise<Buffer | undefined> {
  let stream: Readable;
  try {
    stream = await store.get(name);
  } catch (error) {
    if (error instanceof StoredFileNotFound) return undefined;
    throw error;
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      stream.destroy();
      throw new BackupError(`${name} in the backup location (${store.description}) is larger than expected.`);
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
