import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { BackupError } from './backup-error.js';

// What an archive's sealed body holds, once decrypted and decompressed:
//   u32 length + contents JSON (table manifest, erasure ledger);
//   rehabit-backup/1: the database dump, to the end;
//   rehabit-backup/2: the dump as blocks (u32 length > 0 + bytes) ended by u32 0; then each stored media
//   file as u32 length + its path under DATA_DIR/media, then its blocks ended by u32 0; u32 0 after the
//   last file; then u32 length + the media index JSON (every file's path, size and SHA-256).
// Blocks let a dump of unknown length (pg_dump's) be followed by more, still streamed. The index comes
// last so each file is read once; a reader checks every file against it.

export const FORMAT_1 = 'rehabit-backup/1';
export const FORMAT_2 = 'rehabit-backup/2';
export type ArchiveFormat = typeof FORMAT_1 | typeof FORMAT_2;

/** Largest block of a /2 body: the writer splits bigger pieces, the reader refuses bigger ones. */
const BLOCK_BYTES = 1024 * 1024;
const MAX_PATH_BYTES = 1024;
const MAX_JSON_BYTES = 1024 * 1024 * 1024;

/** Per-table row counts and checksums, recorded at creation and compared by `backup verify`. */
export interface TableSummary {
  table: string;
  rows: number;
  checksum: string;
}

export const contentsSchema = z.object({
  tables: z.array(z.object({ table: z.string(), rows: z.number(), checksum: z.string() })),
  /** The erasure ledger file at creation (JSON lines, ids only). */
  ledger: z.string(),
});
export type ArchiveContents = z.infer<typeof contentsSchema>;

const mediaIndexSchema = z.object({
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string() })),
});
export type MediaIndex = z.infer<typeof mediaIndexSchema>;

/** One stored media file going into an archive: its path under DATA_DIR/media and its bytes. */
export interface MediaEntry {
  path: string;
  chunks: AsyncIterable<Buffer>;
}

/** Where a body's parts go while it is read. */
export interface BodySink {
  contents(contents: ArchiveContents): Promise<void>;
  dump(chunk: Buffer): Promise<void>;
  /** One media file's bytes, streamed; the sink reads them to the end. Without it media are checked, then dropped. */
  media?(path: string, chunks: AsyncIterable<Buffer>): Promise<void>;
  /** The media index, once every file has been read and matched it (/2 archives only). */
  mediaIndex?(index: MediaIndex): Promise<void>;
}

const u32 = (value: number) => {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value);
  return buffer;
};

async function* blocks(
  source: AsyncIterable<Buffer>,
  seen?: (chunk: Buffer) => void,
): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    seen?.(chunk);
    // An empty piece is skipped: a zero length ends the section.
    for (let at = 0; at < chunk.length; at += BLOCK_BYTES) {
      const block = chunk.subarray(at, at + BLOCK_BYTES);
      yield u32(block.length);
      yield block;
    }
  }
  yield u32(0);
}

async function* json(value: unknown): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(JSON.stringify(value));
  yield u32(bytes.length);
  yield bytes;
}

async function* none(): AsyncGenerator<MediaEntry> {}

/** The body of a rehabit-backup/2 archive, streamed. */
export async function* encodeBody(
  contents: ArchiveContents,
  dump: AsyncIterable<Buffer>,
  media: AsyncIterable<MediaEntry> = none(),
): AsyncGenerator<Buffer> {
  yield* json(contents);
  yield* blocks(dump);
  const index: MediaIndex = { files: [] };
  for await (const entry of media) {
    const name = Buffer.from(entry.path);
    yield u32(name.length);
    yield name;
    const hash = createHash('sha256');
    let bytes = 0;
    yield* blocks(entry.chunks, (chunk) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    index.files.push({ path: entry.path, bytes, sha256: hash.digest('hex') });
  }
  yield u32(0);
  yield* json(index);
}

/** Exact reads over a stream of pieces. */
class ByteReader {
  private readonly source: AsyncIterator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  constructor(
    source: AsyncIterable<Buffer>,
    private readonly damaged: (reason: string) => BackupError,
  ) {
    this.source = source[Symbol.asyncIterator]();
  }
  async take(length: number): Promise<Buffer> {
    const parts = [this.pending];
    let size = this.pending.length;
    while (size < length) {
      const next = await this.source.next();
      if (next.done) throw this.damaged('its contents are incomplete');
      parts.push(next.value);
      size += next.value.length;
    }
    const joined = parts.length === 1 ? this.pending : Buffer.concat(parts, size);
    this.pending = joined.subarray(length);
    return joined.subarray(0, length);
  }
  async u32(limit: number): Promise<number> {
    const value = (await this.take(4)).readUInt32BE(0);
    if (value > limit) throw this.damaged('a length in its contents is wrong');
    return value;
  }
  async *rest(): AsyncGenerator<Buffer> {
    if (this.pending.length > 0) yield this.pending;
    this.pending = Buffer.alloc(0);
    for (;;) {
      const next = await this.source.next();
      if (next.done) return;
      yield next.value;
    }
  }
  async atEnd(): Promise<boolean> {
    if (this.pending.length > 0) return false;
    const next = await this.source.next();
    if (next.done) return true;
    this.pending = next.value;
    return next.value.length === 0 && this.atEnd();
  }
}

/** Reads a body into the sink, checking every media file against the index (count, sizes, SHA-256). */
export async function decodeBody(
  source: AsyncIterable<Buffer>,
  format: ArchiveFormat,
  sink: BodySink,
  damaged: (reason: string) => BackupError,
): Promise<void> {
  const reader = new ByteReader(source, damaged);
  const readJson = async () => JSON.parse((await reader.take(await reader.u32(MAX_JSON_BYTES))).toString());
  await sink.contents(contentsSchema.parse(await readJson()));
  if (format === FORMAT_1) {
    for await (const chunk of reader.rest()) await sink.dump(chunk);
    return;
  }
  for (let length = await reader.u32(BLOCK_BYTES); length > 0; length = await reader.u32(BLOCK_BYTES))
    await sink.dump(await reader.take(length));
  const found: MediaIndex['files'] = [];
  for (let length = await reader.u32(MAX_PATH_BYTES); length > 0; length = await reader.u32(MAX_PATH_BYTES)) {
    const path = (await reader.take(length)).toString();
    const hash = createHash('sha256');
    let bytes = 0;
    const chunks = (async function* () {
      for (let size = await reader.u32(BLOCK_BYTES); size > 0; size = await reader.u32(BLOCK_BYTES)) {
        const block = await reader.take(size);
        hash.update(block);
        bytes += size;
        yield block;
      }
    })();
    if (sink.media) await sink.media(path, chunks);
    // Whatever the sink left is read (and hashed) here: the next file starts after this one's end.
    for await (const _ of chunks);
    found.push({ path, bytes, sha256: hash.digest('hex') });
  }
  const index = mediaIndexSchema.parse(await readJson());
  if (!(await reader.atEnd())) throw damaged('it has bytes after its end');
  const matches =
    index.files.length === found.length &&
    index.files.every((file, at) => {
      const read = found[at];
      return read?.path === file.path && read.bytes === file.bytes && read.sha256 === file.sha256;
    });
  if (!matches) throw damaged('its media files do not match their index (count, size or SHA-256)');
  await sink.mediaIndex?.(index);
}
