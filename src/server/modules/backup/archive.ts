import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import {
  createBackupKey,
  DecryptionError,
  type Keyring,
  openBackupChunk,
  openBackupKey,
  sealBackupChunk,
} from '../../platform/crypto/index.js';
import {
  type ArchiveContents,
  type BodySink,
  decodeBody,
  encodeBody,
  FORMAT_1,
  FORMAT_2,
  type MediaEntry,
} from './archive-body.js';
import { BackupError } from './backup-error.js';

export type { ArchiveContents, TableSummary } from './archive-body.js';

// The archive file (format rehabit-backup/2, and /1 before media went in), in order:
//   MAGIC, u32 header length, the header (JSON, readable without keys: what, where, when, which key);
//   frames of u32 length + a sealed chunk of the gzip-compressed body, the last one the sealed trailer
//   (chunk count, SHA-256 and size of the uncompressed body); u32 0; SHA-256 of every byte before it.
// The body (archive-body.ts): the contents JSON (table manifest, erasure ledger), the database dump and,
// from /2 on, the stored media files and their index.
// Chunks are sealed one by one so a big dump streams through in constant memory and each chunk is
// authenticated before it is used; the file's own checksum lets a damaged copy be named as damaged
// before any key is needed.

const MAGIC = Buffer.from('REHABIT-BACKUP\n');
/** The format archives are written in; /1 (no media) is still read. */
export const ARCHIVE_FORMAT = FORMAT_2;
/** Plaintext bytes per sealed chunk (compressed body). */
const CHUNK_BYTES = 1024 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;
const DIGEST_BYTES = 32;

export const archiveHeaderSchema = z.object({
  format: z.enum([FORMAT_1, FORMAT_2]),
  archiveId: z.uuid(),
  /**
   * What the body holds: a logical dump of the database (`backup create`), or, for PostgreSQL's
   * continuous archiving, a physical base backup (tar) or one WAL file. Absent in the first archives.
   */
  holds: z.enum(['dump', 'base-backup', 'wal']).default('dump'),
  engine: z.enum(['pglite', 'postgres']),
  region: z.string(),
  createdAt: z.iso.datetime(),
  /** The last migration applied to the database backed up (its tag in the migration journal). */
  migration: z.string(),
  /** The master key that wraps the archive's own key (an id, never the key). */
  keyId: z.string(),
  wrappedKey: z.string(),
  compression: z.literal('gzip'),
});
export type ArchiveHeader = z.infer<typeof archiveHeaderSchema>;

const trailerSchema = z.object({
  chunks: z.number().int().nonnegative(),
  bodyBytes: z.number().int().nonnegative(),
  bodySha256: z.string(),
});

const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
};

const digestOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface WriteArchiveOptions {
  directory: string;
  fileName: string;
  keyring: Keyring;
  header: Omit<ArchiveHeader, 'format' | 'archiveId' | 'keyId' | 'wrappedKey' | 'compression' | 'holds'> & {
    holds?: ArchiveHeader['holds'];
  };
  contents: ArchiveContents;
  /** The database dump, streamed. */
  dump: AsyncIterable<Buffer>;
  /** Stored media files, streamed after the dump. */
  media?: AsyncIterable<MediaEntry>;
}

/**
 * Writes an archive next to its final name and renames it into place once complete and on disk, so
 * a crash never leaves a half archive under a real name.
 */
export async function writeArchive(
  options: WriteArchiveOptions,
): Promise<{ file: string; bytes: number; archiveId: string }> {
  const archiveId = randomUUID();
  const backupKey = createBackupKey(options.keyring, archiveId);
  const header: ArchiveHeader = {
    format: ARCHIVE_FORMAT,
    archiveId,
    holds: 'dump',
    ...options.header,
    keyId: backupKey.masterKeyId,
    wrappedKey: backupKey.wrapped,
    compression: 'gzip',
  };
  const headerBytes = Buffer.from(JSON.stringify(header));
  const headerDigest = digestOf(headerBytes);
  const final = path.join(options.directory, options.fileName);
  const partial = path.join(options.directory, `.${options.fileName}.partial`);
  // 0600: encrypted, but still nobody else's business.
  const handle = await open(partial, 'wx', 0o600);
  const fileHash = createHash('sha256');
  let bytes = 0;
  const write = async (buffer: Buffer) => {
    fileHash.update(buffer);
    bytes += buffer.length;
    await handle.write(buffer);
  };
  try {
    await write(Buffer.concat([MAGIC, u32(headerBytes.length), headerBytes]));
    const bodyHash = createHash('sha256');
    let bodyBytes = 0;
    async function* body() {
      for await (const part of encodeBody(options.contents, options.dump, options.media)) {
        bodyHash.update(part);
        bodyBytes += part.length;
        yield part;
      }
    }
    let index = 0;
    const seal = async (plain: Buffer, kind: 'data' | 'trailer') => {
      const sealed = sealBackupChunk(backupKey.key, headerDigest, index, kind, plain);
      index += 1;
      await write(Buffer.concat([u32(sealed.length), sealed]));
    };
    await pipeline(Readable.from(body()), createGzip(), async (compressed: AsyncIterable<Buffer>) => {
      let pending: Buffer[] = [];
      let size = 0;
      for await (const chunk of compressed) {
        pending.push(chunk);
        size += chunk.length;
        if (size >= CHUNK_BYTES) {
          const joined = Buffer.concat(pending);
          await seal(joined.subarray(0, CHUNK_BYTES), 'data');
          pending = [joined.subarray(CHUNK_BYTES)];
          size = joined.length - CHUNK_BYTES;
        }
      }
      if (size > 0) await seal(Buffer.concat(pending), 'data');
    });
    const trailer = { chunks: index, bodyBytes, bodySha256: bodyHash.digest('hex') };
    await seal(Buffer.from(JSON.stringify(trailer)), 'trailer');
    await write(u32(0));
    await handle.write(fileHash.digest());
    bytes += DIGEST_BYTES;
    await handle.sync();
    await handle.close();
    await rename(partial, final);
    await syncDirectory(options.directory);
    return { file: final, bytes, archiveId };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

async function syncDirectory(directory: string) {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads the header only (no key needed): region, engine and migration are checked before anything else. */
export async function readArchiveHeader(file: string): Promise<{ header: ArchiveHeader; bodyStart: number }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    throw new BackupError(`Cannot read ${file}.`);
  }
  try {
    const start = Buffer.alloc(MAGIC.length + 4);
    const { bytesRead } = await handle.read(start, 0, start.length, 0);
    if (bytesRead < start.length || !start.subarray(0, MAGIC.length).equals(MAGIC))
      throw new BackupError(`${file} is not a Rehabit backup archive.`);
    const length = start.readUInt32BE(MAGIC.length);
    if (length > MAX_HEADER_BYTES) throw new BackupError(`${file} is damaged: its header is unreadable.`);
    const headerBytes = Buffer.alloc(length);
    const read = await handle.read(headerBytes, 0, length, start.length);
    let parsed: ReturnType<typeof archiveHeaderSchema.safeParse>;
    try {
      parsed = archiveHeaderSchema.safeParse(JSON.parse(headerBytes.subarray(0, read.bytesRead).toString()));
    } catch {
      throw new BackupError(`${file} is damaged: its header is unreadable.`);
    }
    if (!parsed.success)
      throw new BackupError(`${file} is damaged or of an unknown format: its header is unreadable.`);
    return { header: parsed.data, bodyStart: start.length + length };
  } finally {
    await handle.close();
  }
}

/** Checks the file's own SHA-256 (its last 32 bytes): any altered, missing or added byte fails here. */
export async function checkFileChecksum(file: string): Promise<void> {
  const handle = await open(file, 'r');
  let size: number;
  const stored = Buffer.alloc(DIGEST_BYTES);
  try {
    size = (await handle.stat()).size;
    if (size <= DIGEST_BYTES) throw new BackupError(`${file} is damaged: it is truncated.`);
    await handle.read(stored, 0, DIGEST_BYTES, size - DIGEST_BYTES);
  } finally {
    await handle.close();
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { start: 0, end: size - DIGEST_BYTES - 1 }))
    hash.update(chunk as Buffer);
  if (!hash.digest().equals(stored))
    throw new BackupError(
      `${file} is damaged: its SHA-256 checksum does not match (altered or truncated). Use another copy.`,
    );
}

/** Where the body's bytes go while an archive is read: the contents first, then the dump, streamed. */
export type ArchiveSink = BodySink;

/**
 * Decrypts and decompresses an archive into the sink, checking every chunk's GCM tag, the chunk count
 * and the body's SHA-256 from the trailer. A failure throws BackupError after the sink may have seen
 * part of the dump: callers write into something they can throw away (a scratch database, a
 * transaction they abort, a directory they have not swapped in yet).
 */
export async function readArchive(file: string, keyring: Keyring, sink: ArchiveSink): Promise<ArchiveHeader> {
  const { header, bodyStart } = await readArchiveHeader(file);
  const headerDigest = await rawHeaderDigest(file, bodyStart);
  let key: Buffer;
  try {
    key = openBackupKey(keyring, header.archiveId, header.keyId, header.wrappedKey);
  } catch (error) {
    if (error instanceof DecryptionError)
      throw new BackupError(`${file} is damaged: its key does not open (altered header).`);
    throw new BackupError(
      `The archive's key is wrapped by master key ${header.keyId}, which this deployment does not have. ` +
        'Set it in MASTER_KEY_PREVIOUS to open older archives.',
    );
  }
  const handle = await open(file, 'r');
  let trailer: z.infer<typeof trailerSchema> | undefined;
  let index = 0;
  async function* chunks() {
    let position = bodyStart;
    const lengthBytes = Buffer.alloc(4);
    for (;;) {
      const { bytesRead } = await handle.read(lengthBytes, 0, 4, position);
      if (bytesRead < 4) throw new BackupError(`${file} is damaged: it is truncated.`);
      position += 4;
      const length = lengthBytes.readUInt32BE(0);
      if (length === 0) break;
      if (length > CHUNK_BYTES + 64 || trailer)
        throw new BackupError(`${file} is damaged: a chunk's length is wrong.`);
      const sealed = Buffer.alloc(length);
      const read = await handle.read(sealed, 0, length, position);
      if (read.bytesRead < length) throw new BackupError(`${file} is damaged: it is truncated.`);
      position += length;
      try {
        yield openBackupChunk(key, headerDigest, index, 'data', sealed);
      } catch {
        // Not a data chunk: the trailer, or damage (its GCM tag fails under both readings).
        try {
          trailer = trailerSchema.parse(
            JSON.parse(openBackupChunk(key, headerDigest, index, 'trailer', sealed).toString()),
          );
        } catch {
          throw new BackupError(
            `${file} is damaged: chunk ${index} fails its AES-GCM authentication (altered or not ours).`,
          );
        }
      }
      index += 1;
    }
  }
  const bodyHash = createHash('sha256');
  let bodyBytes = 0;
  // The sink's own failures (a full disk, a restore that stopped) are not damage to the archive.
  let sinkFailure: unknown;
  const tagged =
    <T extends unknown[]>(step: ((...args: T) => Promise<void>) | undefined) =>
    async (...args: T) => {
      try {
        await step?.(...args);
      } catch (error) {
        sinkFailure = error;
        throw error;
      }
    };
  const guarded: ArchiveSink = {
    contents: tagged(sink.contents.bind(sink)),
    dump: tagged(sink.dump.bind(sink)),
    ...(sink.media ? { media: tagged(sink.media.bind(sink)) } : {}),
    ...(sink.mediaIndex ? { mediaIndex: tagged(sink.mediaIndex.bind(sink)) } : {}),
  };
  try {
    await pipeline(Readable.from(chunks()), createGunzip(), async (plain: AsyncIterable<Buffer>) => {
      async function* hashed() {
        for await (const chunk of plain) {
          bodyHash.update(chunk);
          bodyBytes += chunk.length;
          yield chunk as Buffer;
        }
      }
      await decodeBody(
        hashed(),
        header.format,
        guarded,
        (reason) => new BackupError(`${file} is damaged: ${reason}.`),
      );
    });
  } catch (error) {
    if (error instanceof BackupError || error === sinkFailure) throw error;
    throw new BackupError(`${file} is damaged: its compressed body does not decode.`);
  } finally {
    await handle.close();
  }
  if (!trailer) throw new BackupError(`${file} is damaged: it is truncated (no trailer).`);
  if (
    trailer.chunks !== index - 1 ||
    trailer.bodyBytes !== bodyBytes ||
    trailer.bodySha256 !== bodyHash.digest('hex')
  )
    throw new BackupError(`${file} is damaged: the SHA-256 checksum of its contents does not match.`);
  return header;
}

/** The digest of the header exactly as stored (chunks are bound to these bytes, not a re-serialisation). */
async function rawHeaderDigest(file: string, bodyStart: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const bytes = Buffer.alloc(bodyStart - MAGIC.length - 4);
    await handle.read(bytes, 0, bytes.length, MAGIC.length + 4);
    return digestOf(bytes);
  } finally {
    await handle.close();
  }
}
