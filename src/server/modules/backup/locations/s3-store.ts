import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { BackupError } from '../backup-error.js';
import {
  assertStoredName,
  type BackupStore,
  isStoredName,
  readSmall,
  type StoredFile,
  StoredFileNotFound,
  splitPrefix,
} from './backup-store.js';
import { s3ErrorName, s3Failure } from './s3-errors.js';

export interface S3StoreOptions {
  bucket: string;
  /** Folder inside the bucket ("" or "rehabit/eu", no slash at either end). */
  prefix: string;
  /** The S3-compatible server (https://minio.example:9000); AWS itself when undefined. */
  endpoint: string | undefined;
  region: string;
  /** bucket in the path (endpoint/bucket/key) rather than the host name; most non-AWS servers want it. */
  forcePathStyle: boolean;
  /** A secret: never logged, never in a message. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Where `local` downloads copies; the OS's temporary directory when undefined. */
  tempDirectory?: string;
  /** Bytes per multipart part (at least 5 MiB on AWS; tests use less). */
  partBytes?: number;
}

const DEFAULT_PART_BYTES = 8 * 1024 * 1024;
// S3 allows 10,000 parts: growing the part size every 1,000 parts lets one upload reach ~430 GiB
// without holding more than two parts in memory for small ones.
const partSize = (base: number, partNumber: number) => base * (1 + Math.floor((partNumber - 1) / 1000));

/** Regroups a stream into parts of the sizes multipart upload wants (the last may be shorter). */
async function* partsOf(source: AsyncIterable<Buffer>, base: number): AsyncGenerator<Buffer, void> {
  let pending: Buffer[] = [];
  let size = 0;
  let partNumber = 1;
  for await (const chunk of source) {
    pending.push(chunk);
    size += chunk.length;
    let want = partSize(base, partNumber);
    while (size >= want) {
      const joined = Buffer.concat(pending);
      yield joined.subarray(0, want);
      pending = [joined.subarray(want)];
      size -= want;
      partNumber += 1;
      want = partSize(base, partNumber);
    }
  }
  if (size > 0) yield Buffer.concat(pending);
}

const readPart = async (parts: AsyncIterator<Buffer, void>) => {
  const read = await parts.next();
  return read.done ? undefined : read.value;
};
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('base64');
const missing = (error: unknown) => ['NoSuchKey', 'NotFound'].includes(s3ErrorName(error));

/** A backup location in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage, …). */
export function createS3Store(options: S3StoreOptions): BackupStore {
  const { bucket } = options;
  const base = options.prefix ? `${options.prefix}/` : '';
  const where = `s3://${bucket}/${options.prefix}`;
  const description = options.endpoint
    ? `${where} at ${options.endpoint}`
    : `${where} (AWS ${options.region})`;
  const partBytes = options.partBytes ?? DEFAULT_PART_BYTES;
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: options.credentials,
    // The SDK's default checksums stream as aws-chunked with a trailer, which many S3-compatible
    // servers refuse; Content-MD5 per request and the archives' own SHA-256 guard the bytes instead.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A server that stops answering fails the command (and PostgreSQL retries WAL) instead of hanging.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 120_000 },
  });
  const keyOf = (name: string) => {
    assertStoredName(name);
    return `${base}${name}`;
  };
  async function call<T>(action: string, key: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw s3Failure(description, action, key, error);
    }
  }
  const putObject = (key: string, body: Buffer, ifNoneMatch?: '*') =>
    client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentMD5: md5(body),
        IfNoneMatch: ifNoneMatch,
      }),
    );

  async function multipart(
    key: string,
    parts: AsyncIterator<Buffer, void>,
    first: Buffer[],
  ): Promise<number> {
    const { UploadId } = await call('CreateMultipartUpload', key, () =>
      client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key })),
    );
    const done: { ETag: string | undefined; PartNumber: number }[] = [];
    const sending: Promise<void>[] = [];
    let bytes = 0;
    const upload = async (body: Buffer, partNumber: number) => {
      const { ETag } = await call('UploadPart', key, () =>
        client.send(
          new UploadPartCommand({
            Bucket: bucket,
            Key: key,
            UploadId,
            PartNumber: partNumber,
            Body: body,
            ContentMD5: md5(body),
          }),
        ),
      );
      done.push({ ETag, PartNumber: partNumber });
    };
    try {
      for (let part = first.shift(); part; part = first.shift() ?? (await readPart(parts))) {
        bytes += part.length;
        const sent = upload(part, sending.length + 1);
        // Awaited below; until then its failure must not count as unhandled.
        sent.catch(() => undefined);
        sending.push(sent);
        // Two parts upload at once at most, so at most three are in memory while the next is read.
        await sending.at(-2);
      }
      await Promise.all(sending);
      done.sort((a, b) => a.PartNumber - b.PartNumber);
      await call('CompleteMultipartUpload', key, () =>
        client.send(
          new CompleteMultipartUploadCommand({
            Bucket: bucket,
            Key: key,
            UploadId,
            MultipartUpload: { Parts: done },
          }),
        ),
      );
      return bytes;
    } catch (error) {
      await Promise.allSettled(sending);
      // An upload never completed is no object: nothing appears under the key. Servers that keep its
      // parts regardless (no AbortMultipartUpload) want a lifecycle rule that drops incomplete uploads.
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId }))
        .catch(() => undefined);
      throw error;
    }
  }

  async function exists(name: string) {
    const key = keyOf(name);
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if (missing(error)) return false;
      throw s3Failure(description, 'HeadObject', key, error);
    }
  }

  async function get(name: string): Promise<Readable> {
    const key = keyOf(name);
    try {
      const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!Body) throw new BackupError(`The backup location (${description}) sent no body for ${key}.`);
      return Body as Readable;
    } catch (error) {
      if (missing(error)) throw new StoredFileNotFound(name, description);
      if (error instanceof BackupError) throw error;
      throw s3Failure(description, 'GetObject', key, error);
    }
  }

  const store: BackupStore = {
    description,
    where: (name) => `s3://${bucket}/${keyOf(name)}`,

    async put(name, source) {
      const key = keyOf(name);
      const chunks = 'file' in source ? (createReadStream(source.file) as AsyncIterable<Buffer>) : source;
      const parts = partsOf(chunks, partBytes)[Symbol.asyncIterator]();
      const first = await parts.next();
      const second = first.done ? first : await parts.next();
      if (first.done || second.done) {
        // The whole source fits in one part: a single PUT, which S3 makes visible whole or not at all.
        const body = first.done ? Buffer.alloc(0) : first.value;
        await call('PutObject', key, () => putObject(key, body));
        return { bytes: body.length };
      }
      return { bytes: await multipart(key, parts, [first.value, second.value]) };
    },

    async putIfAbsent(name, bytes) {
      const key = keyOf(name);
      if (await exists(name)) return false;
      try {
        await putObject(key, bytes, '*');
      } catch (error) {
        const code = s3ErrorName(error);
        if (code === 'PreconditionFailed' || code === 'ConditionalRequestConflict') return false;
        if (code !== 'NotImplemented') throw s3Failure(description, 'PutObject', key, error);
        await call('PutObject', key, () => putObject(key, bytes));
      }
      // Servers without conditional writes ignore If-None-Match and overwrite: only what reads back as
      // ours counts as ours. Two writers whose put and read-back interleave exactly can still both
      // win once; the next declaration of the loser reads the winner's marker and refuses.
      const stored = await readSmall(store, name, bytes.length + 1);
      return stored?.equals(bytes) ?? false;
    },

    get,

    async local(name) {
      const stream = await get(name);
      const directory = await mkdtemp(path.join(options.tempDirectory ?? tmpdir(), 'rehabit-backup-'));
      const release = () => rm(directory, { recursive: true, force: true });
      const file = path.join(directory, path.basename(name));
      try {
        await pipeline(stream, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        await release();
        if (error instanceof BackupError) throw error;
        throw s3Failure(description, 'GetObject', keyOf(name), error);
      }
      return { file, release };
    },

    async list(prefix) {
      const { folder, start } = splitPrefix(prefix);
      const found: StoredFile[] = [];
      let token: string | undefined;
      do {
        const page = await call('ListObjectsV2', `${base}${prefix}`, () =>
          client.send(
            new ListObjectsV2Command({
              Bucket: bucket,
              Prefix: `${base}${folder}${start}`,
              Delimiter: '/',
              ContinuationToken: token,
            }),
          ),
        );
        for (const object of page.Contents ?? []) {
          const name = object.Key?.slice(base.length) ?? '';
          if (!object.Key?.startsWith(base) || !isStoredName(name)) continue;
          found.push({ name, bytes: object.Size ?? 0, modifiedAt: object.LastModified ?? new Date(0) });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    exists,

    async delete(name) {
      const key = keyOf(name);
      await call('DeleteObject', key, () =>
        client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })),
      );
    },
  };
  return store;
}
