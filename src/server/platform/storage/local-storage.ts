import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  CHUNK_OVERHEAD,
  dataKeyIdOf,
  type ObjectKey,
  type ObjectKeys,
  openChunk,
  sealChunk,
} from '../crypto/index.js';
import {
  encodeHeader,
  type Header,
  type Layout,
  readExactly,
  readLayout,
  replaceHeader,
} from './object-file.js';
import { assertObjectKey, ObjectNotFoundError, type ObjectStorage } from './storage.js';

/** 64 KiB of plain text per chunk: a range read decrypts at most this much beyond what it returns. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
// Room left after a new object's header, so the key can be re-wrapped in place before the object appears.
const HEADER_SLACK = 64;

export interface LocalStorageOptions {
  /** The directory objects are kept in (DATA_DIR/media). */
  root: string;
  keys: ObjectKeys;
  chunkSize?: number;
  /** Called when a re-wrapped copy is complete but not yet in place (tests interrupt a re-wrap here). */
  beforeReplace?: (partialFile: string) => Promise<void> | void;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Objects as encrypted files under one directory, laid out as object-file.ts says. */
export function createLocalStorage(options: LocalStorageOptions): ObjectStorage {
  const { root, keys } = options;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;

  const fileOf = (key: string) => {
    assertObjectKey(key);
    return `${path.join(root, ...key.split('/'))}.rhm`;
  };

  async function openObject(key: string): Promise<FileHandle> {
    try {
      return await open(fileOf(key), 'r');
    } catch (error) {
      if (isMissing(error)) throw new ObjectNotFoundError();
      throw error;
    }
  }

  async function withLayout<T>(key: string, work: (handle: FileHandle, layout: Layout) => Promise<T>) {
    const handle = await openObject(key);
    try {
      return await work(handle, await readLayout(handle));
    } finally {
      await handle.close();
    }
  }

  return {
    async put(key, body, owner) {
      const file = fileOf(key);
      let objectKey: ObjectKey;
      let handle: FileHandle;
      const partial = `${file}.${randomUUID()}.part`;
      try {
        await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
        objectKey = await keys.create(owner, key);
        handle = await open(partial, 'wx', 0o600);
      } catch (error) {
        // The body is never read now: destroyed, so an upload behind it stops rather than stalls.
        body.destroy();
        throw error;
      }
      let byteSize = 0;
      try {
        const header: Header = { chunkSize, owner, key: objectKey.wrapped };
        const headerBytes = Buffer.byteLength(JSON.stringify(header)) + HEADER_SLACK;
        await handle.write(encodeHeader(header, headerBytes));
        let index = 0;
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        const writeChunk = async (plaintext: Buffer, last: boolean) => {
          await handle.write(sealChunk(objectKey.key, key, index, last, plaintext));
          index += 1;
        };
        for await (const data of body) {
          const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array);
          pending.push(bytes);
          pendingBytes += bytes.length;
          byteSize += bytes.length;
          // A full chunk is written only once more bytes follow it: the last chunk must be sealed as such.
          if (pendingBytes > chunkSize) {
            let joined = Buffer.concat(pending, pendingBytes);
            while (joined.length > chunkSize) {
              await writeChunk(joined.subarray(0, chunkSize), false);
              joined = joined.subarray(chunkSize);
            }
            pending = [joined];
            pendingBytes = joined.length;
          }
        }
        await writeChunk(Buffer.concat(pending, pendingBytes), true);
        // The data key may have been retired while the body arrived (a long video): the re-encryption job
        // finds objects through their rows, which do not exist yet, so the key moves to the active one now.
        const current = await keys.rewrap(owner, key, objectKey.wrapped);
        if (current !== objectKey.wrapped) {
          const rewritten = encodeHeader({ ...header, key: current }, headerBytes);
          await handle.write(rewritten, 0, rewritten.length, 0);
        }
        await handle.datasync();
        await handle.close();
        await rename(partial, file);
        return { byteSize };
      } catch (error) {
        await handle.close().catch(() => undefined);
        await unlink(partial).catch(() => undefined);
        body.destroy();
        throw error;
      }
    },

    size: (key) => withLayout(key, async (_handle, layout) => layout.size),

    async getRange(key, start, end) {
      const handle = await openObject(key);
      try {
        const layout = await readLayout(handle);
        if (
          !Number.isInteger(start) ||
          !Number.isInteger(end) ||
          start < 0 ||
          end < start ||
          end >= layout.size
        )
          throw new RangeError('The range lies outside the object');
        const objectKey = await keys.open(layout.owner, key, layout.key);
        const sealedChunk = layout.chunkSize + CHUNK_OVERHEAD;
        const readChunk = async (index: number) => {
          const last = index === layout.chunkCount - 1;
          const position = layout.dataStart + index * sealedChunk;
          const length = last ? layout.lastSealed : sealedChunk;
          return openChunk(objectKey, key, index, last, await readExactly(handle, length, position));
        };
        const first = Math.floor(start / layout.chunkSize);
        const lastIndex = Math.floor(end / layout.chunkSize);
        const slice = (index: number, plaintext: Buffer) => {
          const offset = index * layout.chunkSize;
          return plaintext.subarray(
            Math.max(start - offset, 0),
            Math.min(end - offset + 1, plaintext.length),
          );
        };
        // The first chunk is opened before answering, so an altered object fails before any header is sent.
        let pending: Buffer | undefined = slice(first, await readChunk(first));
        let next = first + 1;
        let closed = false;
        const close = async () => {
          if (closed) return;
          closed = true;
          await handle.close();
        };
        return new Readable({
          read() {
            if (pending) {
              const head = pending;
              pending = undefined;
              this.push(head);
              if (first === lastIndex) this.push(null);
              return;
            }
            const index = next;
            next += 1;
            readChunk(index).then(
              (plaintext) => {
                this.push(slice(index, plaintext));
                if (index === lastIndex) this.push(null);
              },
              (error: unknown) => this.destroy(error as Error),
            );
          },
          destroy(error, callback) {
            close().then(
              () => callback(error),
              () => callback(error),
            );
          },
        });
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async rewrap(key) {
      // Another re-wrap may replace the file meanwhile: its result is as good as ours, so look again.
      for (let attempt = 1; ; attempt += 1) {
        const handle = await openObject(key);
        try {
          const layout = await readLayout(handle);
          const wrapped = await keys.rewrap(layout.owner, key, layout.key);
          const dataKeyId = dataKeyIdOf(wrapped);
          if (wrapped === layout.key) return { dataKeyId, changed: false };
          const { chunkSize: size, owner } = layout;
          const outcome = await replaceHeader(fileOf(key), handle, layout.dataStart, {
            header: encodeHeader({ chunkSize: size, owner, key: wrapped }),
            beforeReplace: options.beforeReplace,
          });
          if (outcome === 'replaced') return { dataKeyId, changed: true };
          if (outcome === 'gone') throw new ObjectNotFoundError();
          if (attempt === 3) throw new Error('The object kept changing during its re-wrap');
        } finally {
          await handle.close();
        }
      }
    },

    async delete(key) {
      try {
        await unlink(fileOf(key));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },
  };
}
