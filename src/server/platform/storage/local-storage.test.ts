import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';
import { createTestPractice } from '../../testing/factories.js';
import { CHUNK_OVERHEAD, createObjectKeys, DecryptionError } from '../crypto/index.js';
import { createLocalStorage } from './local-storage.js';
import { ObjectNotFoundError, type ObjectStorage } from './storage.js';

const CHUNK = 1024;

describe(`local encrypted storage (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let root: string;
  let storage: ObjectStorage;
  beforeAll(async () => {
    app = await buildTestApp();
    root = mkdtempSync(path.join(tmpdir(), 'rehabit-storage-'));
    const keys = createObjectKeys({ transactor: app.platform.transactor, cipher: app.platform.cipher });
    storage = createLocalStorage({ root, keys, chunkSize: CHUNK });
  });
  afterAll(() => app.close());

  /** Stores bytes for a new practice; answers the key, the bytes and the file on disk. */
  async function stored(bytes: Buffer) {
    const practice = await createTestPractice(app);
    const key = `${practice.id}/${randomUUID()}`;
    const { byteSize } = await storage.put(key, Readable.from([bytes]), { practiceId: practice.id });
    expect(byteSize).toBe(bytes.length);
    return { key, bytes, file: `${path.join(root, ...key.split('/'))}.rhm` };
  }
  const read = async (key: string, start: number, end: number) =>
    buffer(await storage.getRange(key, start, end));
  const dataStartOf = (file: string) => 8 + readFileSync(file).readUInt32BE(4);

  it('round-trips an object of several chunks and keeps no plain text on disk', async () => {
    const marker = Buffer.from(`MARKER-${randomUUID()}`);
    const bytes = Buffer.concat([marker, randomBytes(3 * CHUNK), marker]);
    const { key, file } = await stored(bytes);
    expect(await storage.size(key)).toBe(bytes.length);
    expect((await read(key, 0, bytes.length - 1)).equals(bytes)).toBe(true);
    expect(readFileSync(file).includes(marker)).toBe(false);
  });

  it('stores a stream of many small pieces whose length is a whole number of chunks', async () => {
    const practice = await createTestPractice(app);
    const key = `${practice.id}/${randomUUID()}`;
    const bytes = randomBytes(4 * CHUNK);
    const pieces = Array.from({ length: 64 }, (_, i) => bytes.subarray(i * 64, (i + 1) * 64));
    await storage.put(key, Readable.from(pieces), { practiceId: practice.id });
    expect(await storage.size(key)).toBe(bytes.length);
    expect((await read(key, 0, bytes.length - 1)).equals(bytes)).toBe(true);
  });

  it('reads exactly the bytes of a range inside one chunk, across chunks and at the end', async () => {
    const { key, bytes } = await stored(randomBytes(5 * CHUNK + 100));
    for (const [start, end] of [
      [0, 0],
      [10, 20],
      [CHUNK - 3, CHUNK + 2],
      [CHUNK, 2 * CHUNK - 1],
      [700, 4 * CHUNK + 5],
      [5 * CHUNK, 5 * CHUNK + 99],
      [bytes.length - 1, bytes.length - 1],
    ] as const) {
      expect((await read(key, start, end)).equals(bytes.subarray(start, end + 1))).toBe(true);
    }
  });

  it('refuses a range outside the object', async () => {
    const { key } = await stored(randomBytes(100));
    await expect(storage.getRange(key, 50, 100)).rejects.toThrow(RangeError);
    await expect(storage.getRange(key, 20, 10)).rejects.toThrow(RangeError);
  });

  it('stores an empty object', async () => {
    const { key } = await stored(Buffer.alloc(0));
    expect(await storage.size(key)).toBe(0);
  });

  it('fails a read of an altered chunk without returning its bytes', async () => {
    const { key, file } = await stored(randomBytes(3 * CHUNK));
    const onDisk = readFileSync(file);
    const second = dataStartOf(file) + (CHUNK + CHUNK_OVERHEAD) + 40;
    onDisk[second] = (onDisk[second] as number) ^ 0x01;
    writeFileSync(file, onDisk);
    await expect(storage.getRange(key, CHUNK, CHUNK + 10)).rejects.toThrow(DecryptionError);
    // A range that starts in an intact chunk streams that chunk, then ends with the error.
    const stream = await storage.getRange(key, 0, 3 * CHUNK - 1);
    const received: Buffer[] = [];
    await expect(
      (async () => {
        for await (const piece of stream) received.push(piece as Buffer);
      })(),
    ).rejects.toThrow(DecryptionError);
    expect(Buffer.concat(received).length).toBe(CHUNK);
    // The intact first chunk still reads.
    expect((await read(key, 0, 9)).length).toBe(10);
  });

  it('fails a read when two chunks are swapped', async () => {
    const { key, file } = await stored(randomBytes(3 * CHUNK));
    const onDisk = readFileSync(file);
    const start = dataStartOf(file);
    const sealed = CHUNK + CHUNK_OVERHEAD;
    const first = Buffer.from(onDisk.subarray(start, start + sealed));
    onDisk.copy(onDisk, start, start + sealed, start + 2 * sealed);
    first.copy(onDisk, start + sealed);
    writeFileSync(file, onDisk);
    await expect(storage.getRange(key, 0, 10)).rejects.toThrow(DecryptionError);
  });

  it('notices an object cut short at a chunk boundary', async () => {
    const { key, file } = await stored(randomBytes(3 * CHUNK));
    const onDisk = readFileSync(file);
    writeFileSync(file, onDisk.subarray(0, onDisk.length - (CHUNK + CHUNK_OVERHEAD)));
    expect(await storage.size(key)).toBe(2 * CHUNK);
    await expect(storage.getRange(key, CHUNK, CHUNK + 1)).rejects.toThrow(DecryptionError);
  });

  it('refuses an object moved to another key', async () => {
    const { key, file } = await stored(randomBytes(100));
    const other = `${key.split('/')[0]}/${randomUUID()}`;
    renameSync(file, `${path.join(root, ...other.split('/'))}.rhm`);
    await expect(storage.getRange(other, 0, 10)).rejects.toThrow(DecryptionError);
    await expect(storage.size(key)).rejects.toThrow(ObjectNotFoundError);
  });

  it('leaves nothing behind when the stream fails', async () => {
    const practice = await createTestPractice(app);
    const key = `${practice.id}/${randomUUID()}`;
    async function* failing() {
      yield randomBytes(3 * CHUNK);
      throw new Error('connection lost');
    }
    await expect(storage.put(key, Readable.from(failing()), { practiceId: practice.id })).rejects.toThrow(
      'connection lost',
    );
    expect(readdirSync(path.join(root, practice.id))).toEqual([]);
    await expect(storage.size(key)).rejects.toThrow(ObjectNotFoundError);
  });

  it('stops the incoming stream and writes nothing when no object key can be made', async () => {
    const practice = await createTestPractice(app);
    const failingKeys = {
      create: () => Promise.reject(new Error('keyring unavailable')),
      open: () => Promise.reject(new Error('keyring unavailable')),
      rewrap: () => Promise.reject(new Error('keyring unavailable')),
    };
    const broken = createLocalStorage({ root, keys: failingKeys, chunkSize: CHUNK });
    const body = Readable.from([randomBytes(10)]);
    await expect(
      broken.put(`${practice.id}/${randomUUID()}`, body, { practiceId: practice.id }),
    ).rejects.toThrow('keyring unavailable');
    // Destroyed, not left paused: an upload feeding it would otherwise stall.
    expect(body.destroyed).toBe(true);
    expect(readdirSync(path.join(root, practice.id))).toEqual([]);
  });

  it('deletes an object, and deleting a missing one is no error', async () => {
    const { key } = await stored(randomBytes(10));
    await storage.delete(key);
    await expect(storage.getRange(key, 0, 1)).rejects.toThrow(ObjectNotFoundError);
    await storage.delete(key);
  });

  it('refuses keys that could leave the storage directory', async () => {
    const practice = await createTestPractice(app);
    for (const key of ['../escape', 'a/../../b', '/abs', 'a//b', 'a/.hidden'])
      await expect(
        storage.put(key, Readable.from([Buffer.from('x')]), { practiceId: practice.id }),
      ).rejects.toThrow('Invalid storage key');
  });
});
