import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';
import { createTestPractice } from '../../testing/factories.js';
import { createObjectKeys, DecryptionError, dataKeyIdOf, type KeyOwner } from '../crypto/index.js';
import { createLocalStorage, type LocalStorageOptions } from './local-storage.js';
import { ObjectNotFoundError } from './storage.js';

const CHUNK = 1024;

describe(`re-wrapping a stored object's key (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let root: string;
  beforeAll(async () => {
    app = await buildTestApp();
    root = mkdtempSync(path.join(tmpdir(), 'rehabit-rewrap-'));
  });
  afterAll(() => app.close());

  const storageWith = (options: Partial<LocalStorageOptions> = {}) =>
    createLocalStorage({
      root,
      keys: createObjectKeys({ transactor: app.platform.transactor, cipher: app.platform.cipher }),
      chunkSize: CHUNK,
      ...options,
    });
  const fileOf = (key: string) => `${path.join(root, ...key.split('/'))}.rhm`;
  const splitFile = (key: string) => {
    const bytes = readFileSync(fileOf(key));
    const dataStart = 8 + bytes.readUInt32BE(4);
    const header = JSON.parse(bytes.subarray(8, dataStart).toString('utf8'));
    return { keyId: dataKeyIdOf(header.key), chunks: bytes.subarray(dataStart) };
  };
  /** Retires the owner's data key and starts a new one; answers the new key's id. */
  const rotate = (owner: KeyOwner) =>
    app.platform.transactor.inPractice(owner.practiceId, (tx) =>
      app.platform.cipher.rotateDataKey(tx, owner),
    );

  async function stored(size = 40 * CHUNK + 17) {
    const practice = await createTestPractice(app);
    const owner = { practiceId: practice.id };
    const key = `${practice.id}/${randomUUID()}`;
    const bytes = randomBytes(size);
    await storageWith().put(key, Readable.from([bytes]), owner);
    return { owner, key, bytes };
  }
  const readAll = async (storage: ReturnType<typeof storageWith>, key: string, length: number) =>
    buffer(await storage.getRange(key, 0, length - 1));

  it('moves the key to the new data key and leaves every chunk byte for byte', async () => {
    const storage = storageWith();
    const { owner, key, bytes } = await stored();
    const before = splitFile(key);
    const newKeyId = await rotate(owner);

    expect(await storage.rewrap(key)).toEqual({ dataKeyId: newKeyId, changed: true });
    const after = splitFile(key);
    expect(after.keyId).toBe(newKeyId);
    expect(after.keyId).not.toBe(before.keyId);
    expect(after.chunks.equals(before.chunks)).toBe(true);
    expect((await readAll(storage, key, bytes.length)).equals(bytes)).toBe(true);
    expect(await storage.rewrap(key)).toEqual({ dataKeyId: newKeyId, changed: false });
  });

  it('serves reads begun before, during and after re-wraps, each whole and unmixed', async () => {
    const { owner, key, bytes } = await stored();
    const during: Readable[] = [];
    const storage = storageWith({
      // The new file is complete and not yet in place: a read opened now must finish as it began.
      beforeReplace: async () => {
        during.push(await storage.getRange(key, 0, bytes.length - 1));
      },
    });
    const openedBefore = await storage.getRange(key, 0, bytes.length - 1);
    let rotating = true;
    const problems: string[] = [];
    const reader = async () => {
      for (let n = 0; rotating || n < 3; n++) {
        const start = Math.floor(Math.random() * (bytes.length - 1));
        const end = Math.min(bytes.length - 1, start + Math.floor(Math.random() * 5 * CHUNK));
        try {
          const part = await buffer(await storage.getRange(key, start, end));
          if (!part.equals(bytes.subarray(start, end + 1))) problems.push(`wrong bytes ${start}-${end}`);
        } catch (error) {
          problems.push(`${(error as Error).name} ${start}-${end}`);
        }
      }
    };
    const readers = [reader(), reader(), reader()];
    for (let round = 0; round < 4; round++) {
      await rotate(owner);
      expect((await storage.rewrap(key)).changed).toBe(true);
    }
    rotating = false;
    await Promise.all(readers);

    expect(problems).toEqual([]);
    expect(during).toHaveLength(4);
    for (const read of during) expect((await buffer(read)).equals(bytes)).toBe(true);
    expect((await buffer(openedBefore)).equals(bytes)).toBe(true);
  });

  it('leaves the object as it was when a re-wrap stops before its new file is in place', async () => {
    const { owner, key, bytes } = await stored();
    const before = splitFile(key);
    const crashed = storageWith({
      beforeReplace: (partial) => {
        // What a killed process leaves behind: the new file under its temporary name.
        copyFileSync(partial, `${fileOf(key)}.crash.part`);
        throw new Error('power cut');
      },
    });
    const newKeyId = await rotate(owner);
    await expect(crashed.rewrap(key)).rejects.toThrow('power cut');

    const storage = storageWith();
    expect(splitFile(key).keyId).toBe(before.keyId);
    expect((await readAll(storage, key, bytes.length)).equals(bytes)).toBe(true);
    expect(await storage.rewrap(key)).toEqual({ dataKeyId: newKeyId, changed: true });
    expect((await readAll(storage, key, bytes.length)).equals(bytes)).toBe(true);
    const left = readdirSync(path.dirname(fileOf(key))).filter((name) => name.endsWith('.part'));
    expect(left).toEqual([`${path.basename(fileOf(key))}.crash.part`]);
  });

  it('wraps a finished upload under the key active when it ends, not when it began', async () => {
    const practice = await createTestPractice(app);
    const owner = { practiceId: practice.id };
    const key = `${practice.id}/${randomUUID()}`;
    const bytes = randomBytes(5 * CHUNK);
    let newKeyId = '';
    async function* slowUpload() {
      yield bytes.subarray(0, 2 * CHUNK);
      newKeyId = await rotate(owner);
      yield bytes.subarray(2 * CHUNK);
    }
    const storage = storageWith();
    await storage.put(key, Readable.from(slowUpload()), owner);
    expect(splitFile(key).keyId).toBe(newKeyId);
    expect((await readAll(storage, key, bytes.length)).equals(bytes)).toBe(true);
  });

  it('does not bring back an object deleted during its re-wrap', async () => {
    const { owner, key } = await stored();
    const storage = storageWith({ beforeReplace: () => unlinkSync(fileOf(key)) });
    await rotate(owner);
    await expect(storage.rewrap(key)).rejects.toThrow(ObjectNotFoundError);
    await expect(storage.size(key)).rejects.toThrow(ObjectNotFoundError);
    expect(readdirSync(path.dirname(fileOf(key)))).toEqual([]);
  });

  it('refuses to re-wrap an altered key, and leaves the object alone', async () => {
    const { owner, key } = await stored(100);
    const file = fileOf(key);
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"key":"rh1.')) + 60;
    bytes[at] = (bytes[at] as number) ^ 0x01;
    writeFileSync(file, bytes);
    await rotate(owner);
    await expect(storageWith().rewrap(key)).rejects.toThrow(DecryptionError);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
