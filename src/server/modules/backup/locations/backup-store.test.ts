import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupStore } from './backup-store.js';
import { createDirectoryStore } from './directory-store.js';
import { declareStoreRegion, REGION_MARKER, storeRegionOf } from './region-marker.js';
import { startTestS3, type TestS3Server } from './s3.testkit.js';
import { createS3Store } from './s3-store.js';

// One contract, run against both kinds of backup location: what backup create, the WAL archive and
// the restores rely on must hold the same on a directory and on an S3-compatible bucket.

const MiB = 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The bytes in irregular chunks, as a dump or a cipher stream hands them over. */
async function* chunked(bytes: Buffer, failAfter?: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += 300_001) {
    if (failAfter !== undefined && at >= failAfter) throw new Error('source broke');
    yield bytes.subarray(at, at + 300_001);
  }
  if (failAfter !== undefined) throw new Error('source broke');
}

async function readAll(store: BackupStore, name: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await store.get(name)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

let s3: TestS3Server;
let scratch: string;
beforeAll(async () => {
  s3 = await startTestS3();
  scratch = await mkdtemp(path.join(tmpdir(), 'rehabit-store-'));
});
afterAll(async () => {
  await s3?.stop();
  await rm(scratch, { recursive: true, force: true });
});

const kinds: { kind: string; open: () => Promise<BackupStore> }[] = [
  { kind: 'directory', open: async () => createDirectoryStore(await mkdtemp(path.join(scratch, 'dir-'))) },
  {
    kind: 'S3 bucket',
    // 5 MiB parts (S3's smallest): the multi-MiB streams below go up in several parts.
    open: async () =>
      createS3Store({ ...s3.options(`p${randomBytes(4).toString('hex')}`), partBytes: 5 * MiB }),
  },
];

for (const { kind, open } of kinds)
  describe(`A backup location in a ${kind}`, () => {
    it('hands back a multi-MiB stream byte for byte under a nested name', async () => {
      const store = await open();
      const bytes = randomBytes(17 * MiB + 123);
      expect(await store.put('wal/000000010000000000000003.rhbk', chunked(bytes))).toEqual({
        bytes: bytes.length,
      });
      expect(sha256(await readAll(store, 'wal/000000010000000000000003.rhbk'))).toBe(sha256(bytes));
    });

    it('stores a local file and gives it back as a local file', async () => {
      const store = await open();
      const bytes = randomBytes(6 * MiB);
      const source = path.join(scratch, `source-${randomBytes(4).toString('hex')}`);
      await writeFile(source, bytes);
      await store.put('base/rehabit-eu-postgres-base-20260302T030000Z.rhbk', { file: source });
      const copy = await store.local('base/rehabit-eu-postgres-base-20260302T030000Z.rhbk');
      expect(sha256(readFileSync(copy.file))).toBe(sha256(bytes));
      await copy.release();
      expect(await store.exists('base/rehabit-eu-postgres-base-20260302T030000Z.rhbk')).toBe(true);
    });

    it('stores an empty stream as an empty file', async () => {
      const store = await open();
      await store.put('empty.rhbk', chunked(Buffer.alloc(0)));
      expect((await readAll(store, 'empty.rhbk')).length).toBe(0);
    });

    it('replaces a file whole when the same name is stored again', async () => {
      const store = await open();
      await store.put('a.rhbk', chunked(randomBytes(7 * MiB)));
      const second = randomBytes(1000);
      await store.put('a.rhbk', chunked(second));
      expect(sha256(await readAll(store, 'a.rhbk'))).toBe(sha256(second));
    });

    it('leaves nothing under the name when a small stream fails, and throws its error', async () => {
      const store = await open();
      await expect(store.put('small.rhbk', chunked(randomBytes(MiB), 600_000))).rejects.toThrow(
        'source broke',
      );
      expect(await store.exists('small.rhbk')).toBe(false);
      expect(await store.list('')).toEqual([]);
    });

    it('keeps the previous file whole when a multi-part stream fails midway', async () => {
      const store = await open();
      const before = randomBytes(2 * MiB);
      await store.put('wal/x.rhbk', chunked(before));
      await expect(store.put('wal/x.rhbk', chunked(randomBytes(20 * MiB), 12 * MiB))).rejects.toThrow(
        'source broke',
      );
      expect(sha256(await readAll(store, 'wal/x.rhbk'))).toBe(sha256(before));
      expect((await store.list('wal/')).map((file) => file.name)).toEqual(['wal/x.rhbk']);
    });

    it('lists the files directly under a folder, by name, with size and time', async () => {
      const store = await open();
      const started = Date.now() - 5_000;
      await store.put('wal/000000010000000000000002.rhbk', chunked(randomBytes(10)));
      await store.put('wal/000000010000000000000001.rhbk', chunked(randomBytes(20)));
      await store.put('wal/deeper/ignored.rhbk', chunked(randomBytes(1)));
      await store.put('rehabit-eu-pglite-20260302T030000Z.rhbk', chunked(randomBytes(30)));
      const wal = await store.list('wal/');
      expect(wal.map(({ name, bytes }) => ({ name, bytes }))).toEqual([
        { name: 'wal/000000010000000000000001.rhbk', bytes: 20 },
        { name: 'wal/000000010000000000000002.rhbk', bytes: 10 },
      ]);
      expect(wal.every((file) => file.modifiedAt.getTime() >= started)).toBe(true);
      expect((await store.list('rehabit-eu-')).map((file) => file.name)).toEqual([
        'rehabit-eu-pglite-20260302T030000Z.rhbk',
      ]);
      expect(await store.list('base/')).toEqual([]);
    });

    it('deletes a file, and deleting one that is not there is no error', async () => {
      const store = await open();
      await store.put('old.rhbk', chunked(randomBytes(10)));
      await store.delete('old.rhbk');
      await store.delete('old.rhbk');
      expect(await store.exists('old.rhbk')).toBe(false);
    });

    it('answers StoredFileNotFound naming the location for a file that is not there', async () => {
      const store = await open();
      await expect(store.get('missing.rhbk')).rejects.toMatchObject({ name: 'StoredFileNotFound' });
      await expect(store.local('missing.rhbk')).rejects.toThrow(store.description);
    });

    it('refuses names that could leave the location or hide as a partial write', async () => {
      const store = await open();
      const bad = [
        '../x',
        '/etc/passwd',
        'wal/../../x',
        'a//b',
        '.hidden',
        'wal/.x.partial',
        '',
        'a/',
        'a\\b',
      ];
      for (const name of bad) {
        await expect(store.put(name, chunked(Buffer.from('x')))).rejects.toThrow('not a valid name');
        await expect(store.exists(name)).rejects.toThrow('not a valid name');
        await expect(store.delete(name)).rejects.toThrow('not a valid name');
      }
      await expect(store.list('../')).rejects.toThrow('not a valid prefix');
      await expect(store.list('/')).rejects.toThrow('not a valid prefix');
    });

    it('stores small bytes only once when asked to put them if absent', async () => {
      const store = await open();
      expect(await store.putIfAbsent('marker', Buffer.from('first'))).toBe(true);
      expect(await store.putIfAbsent('marker', Buffer.from('second'))).toBe(false);
      expect((await readAll(store, 'marker')).toString()).toBe('first');
    });

    it('declares its region on first use and refuses another region afterwards', async () => {
      const store = await open();
      expect(await storeRegionOf(store)).toBeUndefined();
      await declareStoreRegion(store, 'eu');
      await declareStoreRegion(store, 'eu');
      expect(await storeRegionOf(store)).toBe('eu');
      expect((await readAll(store, REGION_MARKER)).toString()).toBe('eu\n');
      await expect(declareStoreRegion(store, 'us')).rejects.toThrow(
        `The backup location (${store.description}) belongs to region "eu"; this deployment is region "us".`,
      );
    });
  });

describe('A backup location in a directory', () => {
  it('keeps files 0600 in folders 0700 and leaves no partial write behind', async () => {
    const root = await mkdtemp(path.join(scratch, 'modes-'));
    const store = createDirectoryStore(root);
    await store.put('wal/a.rhbk', chunked(randomBytes(10)));
    await expect(store.put('wal/b.rhbk', chunked(randomBytes(MiB), 300_001))).rejects.toThrow('source broke');
    expect(statSync(path.join(root, 'wal')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(root, 'wal', 'a.rhbk')).mode & 0o777).toBe(0o600);
    expect(await readdir(path.join(root, 'wal'))).toEqual(['a.rhbk']);
  });

  it('lets one of two regions declaring a new location at once win', async () => {
    const store = createDirectoryStore(await mkdtemp(path.join(scratch, 'race-')));
    const results = await Promise.allSettled([
      declareStoreRegion(store, 'eu'),
      declareStoreRegion(store, 'us'),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(['eu', 'us']).toContain(await storeRegionOf(store));
  });

  it('gives its own file for a local copy, and release leaves it there', async () => {
    const root = await mkdtemp(path.join(scratch, 'local-'));
    const store = createDirectoryStore(root);
    await store.put('a.rhbk', chunked(Buffer.from('archive')));
    const copy = await store.local('a.rhbk');
    expect(copy.file).toBe(path.join(root, 'a.rhbk'));
    await copy.release();
    expect(existsSync(copy.file)).toBe(true);
  });
});
