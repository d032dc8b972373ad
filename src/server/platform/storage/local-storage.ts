import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  CHUNK_OVERHEAD,
  DecryptionError,
  type KeyOwner,
  type ObjectKey,
  type ObjectKeys,
  openChunk,
  sealChunk,
} from '../crypto/index.js';
import { assertObjectKey, ObjectNotFoundError, type ObjectStorage } from './storage.js';

// On disk: "RHM1", the header's length (uint32, big endian), the header (JSON: chunk size, owner, the
// object's wrapped key), then the chunks, each nonce ‖ ciphertext ‖ tag. Every chunk but the last holds
// exactly chunkSize bytes of plain text, so any byte's chunk is found by arithmetic. The size is not
// written anywhere: it follows from the file's length, and the last chunk is sealed as the last.

const MAGIC = Buffer.from('RHM1');
const PREFIX_BYTES = MAGIC.length + 4;
const MAX_HEADER_BYTES = 16 * 1024;
/** 64 KiB of plain text per chunk: a range read decrypts at most this much beyond what it returns. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;

interface Header {
  chunkSize: number;
  owner: KeyOwner;
  key: string;
}

interface Layout extends Header {
  dataStart: number;
  /** Bytes of the last sealed chunk (it alone may be short). */
  lastSealed: number;
  size: number;
  chunkCount: number;
}

export interface LocalStorageOptions {
  /** The directory objects are kept in (DATA_DIR/media). */
  root: string;
  keys: ObjectKeys;
  chunkSize?: number;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

function parseHeader(bytes: Buffer): Header {
  const value = JSON.parse(bytes.toString('utf8')) as Partial<Header> | null;
  const owner = value?.owner;
  if (
    !value ||
    !Number.isInteger(value.chunkSize) ||
    (value.chunkSize as number) < 1 ||
    typeof value.key !== 'string' ||
    typeof owner?.practiceId !== 'string' ||
    (owner.clientId !== undefined && typeof owner.clientId !== 'string')
  )
    throw new DecryptionError();
  return value as Header;
}

async function readExactly(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw new DecryptionError();
    filled += bytesRead;
  }
  return buffer;
}

async function readLayout(handle: FileHandle): Promise<Layout> {
  const { size: fileSize } = await handle.stat();
  if (fileSize < PREFIX_BYTES) throw new DecryptionError();
  const prefix = await readExactly(handle, PREFIX_BYTES, 0);
  if (!prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw new DecryptionError();
  const headerBytes = prefix.readUInt32BE(MAGIC.length);
  if (headerBytes > MAX_HEADER_BYTES) throw new DecryptionError();
  let header: Header;
  try {
    header = parseHeader(await readExactly(handle, headerBytes, PREFIX_BYTES));
  } catch {
    throw new DecryptionError();
  }
  const dataStart = PREFIX_BYTES + headerBytes;
  const body = fileSize - dataStart;
  const sealedChunk = header.chunkSize + CHUNK_OVERHEAD;
  const chunkCount = Math.ceil(body / sealedChunk);
  const lastSealed = body - (chunkCount - 1) * sealedChunk;
  // Only an empty object has an empty chunk, and it is then the only one.
  if (chunkCount < 1 || lastSealed < CHUNK_OVERHEAD || (lastSealed === CHUNK_OVERHEAD && chunkCount > 1))
    throw new DecryptionError();
  return { ...header, dataStart, chunkCount, lastSealed, size: body - chunkCount * CHUNK_OVERHEAD };
}

/** Objects as encrypted files under one directory; see the layout above. */
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
        const header = Buffer.from(JSON.stringify({ chunkSize, owner, key: objectKey.wrapped }));
        const prefix = Buffer.alloc(PREFIX_BYTES);
        MAGIC.copy(prefix);
        prefix.writeUInt32BE(header.length, MAGIC.length);
        await handle.write(Buffer.concat([prefix, header]));
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

    async delete(key) {
      try {
        await unlink(fileOf(key));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },
  };
}
