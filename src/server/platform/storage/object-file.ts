import { randomUUID } from 'node:crypto';
import { type FileHandle, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { CHUNK_OVERHEAD, DecryptionError, type KeyOwner } from '../crypto/index.js';

// On disk: "RHM1", the header's length (uint32, big endian), the header (JSON: chunk size, owner, the
// object's wrapped key), then the chunks, each nonce ‖ ciphertext ‖ tag. Every chunk but the last holds
// exactly chunkSize bytes of plain text, so any byte's chunk is found by arithmetic. The size is not
// written anywhere: it follows from the file's length, and the last chunk is sealed as the last.
// The header may end in spaces (JSON ignores them): a re-wrapped key then fits the place of the first.

const MAGIC = Buffer.from('RHM1');
const PREFIX_BYTES = MAGIC.length + 4;
const MAX_HEADER_BYTES = 16 * 1024;

export interface Header {
  chunkSize: number;
  owner: KeyOwner;
  /** The object's key, wrapped by the owner's data key. */
  key: string;
}

export interface Layout extends Header {
  dataStart: number;
  /** Bytes of the last sealed chunk (it alone may be short). */
  lastSealed: number;
  size: number;
  chunkCount: number;
}

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

/** The magic, the length and the header, padded with spaces to `length` bytes of header when given. */
export function encodeHeader(header: Header, length?: number): Buffer {
  const json = Buffer.from(JSON.stringify(header));
  const bytes = length === undefined ? json : Buffer.concat([json, Buffer.alloc(length - json.length, ' ')]);
  if (bytes.length > MAX_HEADER_BYTES || json.length > bytes.length) throw new Error('Header does not fit');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix);
  prefix.writeUInt32BE(bytes.length, MAGIC.length);
  return Buffer.concat([prefix, bytes]);
}

export async function readExactly(handle: FileHandle, length: number, position: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw new DecryptionError();
    filled += bytesRead;
  }
  return buffer;
}

/** Reads and checks the header and the chunks' arithmetic; DecryptionError when they do not add up. */
export async function readLayout(handle: FileHandle): Promise<Layout> {
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
  const { chunkSize, owner, key } = header;
  return {
    chunkSize,
    owner,
    key,
    dataStart,
    chunkCount,
    lastSealed,
    size: body - chunkCount * CHUNK_OVERHEAD,
  };
}

/** Copies the bytes of `from` from `position` on, as they are, to the end of `to`. */
async function copyRest(from: FileHandle, position: number, to: FileHandle): Promise<void> {
  const buffer = Buffer.alloc(1024 * 1024);
  for (let at = position; ; ) {
    const { bytesRead } = await from.read(buffer, 0, buffer.length, at);
    if (bytesRead === 0) return;
    await to.write(buffer, 0, bytesRead);
    at += bytesRead;
  }
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Gives the object in `file` (open as `opened`) a new header and the same chunks, byte for byte. The new
 * file is written beside it, made durable, and renamed over it: a reader holds either the old file or the
 * new one, whole (a file already open keeps its old contents), and a crash leaves the old file in place
 * and at most a stray ".part". Answers 'gone' or 'changed' when the object was deleted or replaced since
 * it was opened, and then leaves it alone: a deleted object must not come back.
 */
export async function replaceHeader(
  file: string,
  opened: FileHandle,
  dataStart: number,
  options: { header: Buffer; beforeReplace?: ((partialFile: string) => Promise<void> | void) | undefined },
): Promise<'replaced' | 'gone' | 'changed'> {
  const partial = `${file}.${randomUUID()}.part`;
  let placed = false;
  try {
    const out = await open(partial, 'wx', 0o600);
    try {
      await out.write(options.header);
      await copyRest(opened, dataStart, out);
      await out.datasync();
    } finally {
      await out.close();
    }
    await options.beforeReplace?.(partial);
    // A delete between this look and the rename can still bring the file back: the caller, which knows
    // whether the object should exist, checks again after (reencryption's media step does).
    const current = await stat(file).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    if (!current) return 'gone';
    const original = await opened.stat();
    if (current.ino !== original.ino || current.dev !== original.dev) return 'changed';
    await rename(partial, file);
    placed = true;
    // The rename itself must outlast a crash before anything relies on the new header.
    const directory = await open(path.dirname(file), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    return 'replaced';
  } finally {
    if (!placed) await unlink(partial).catch(() => undefined);
  }
}
