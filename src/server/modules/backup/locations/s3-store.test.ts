import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startRecordingProxy,
  startTestS3,
  TEST_BUCKET,
  TEST_CREDENTIALS,
  type TestS3Server,
} from './s3.testkit.js';
import { createS3Store } from './s3-store.js';

const MiB = 1024 * 1024;
const SECRET = `secret-${randomBytes(12).toString('hex')}`;

async function* bytesOf(size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < size; at += MiB) yield randomBytes(Math.min(MiB, size - at));
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

let s3: TestS3Server;
let strict: TestS3Server;
beforeAll(async () => {
  [s3, strict] = await Promise.all([startTestS3(), startTestS3(true)]);
});
afterAll(async () => {
  await Promise.all([s3?.stop(), strict?.stop()]);
});

describe('A backup location in an S3-compatible bucket', () => {
  it('uploads a stream larger than a part in several parts, completed as one object', async () => {
    const proxy = await startRecordingProxy(s3.endpoint);
    try {
      const store = createS3Store({ ...s3.options('multi'), endpoint: proxy.endpoint, partBytes: 5 * MiB });
      await store.put('a.rhbk', bytesOf(12 * MiB));
      expect(proxy.requests).toEqual([
        'POST uploads',
        ...Array(3).fill('PUT partNumber&uploadId'),
        'POST uploadId',
      ]);
      expect((await store.list(''))[0]).toMatchObject({ name: 'a.rhbk', bytes: 12 * MiB });
    } finally {
      await proxy.stop();
    }
  });

  it('aborts the multipart upload when the stream fails', async () => {
    const proxy = await startRecordingProxy(s3.endpoint);
    try {
      const store = createS3Store({ ...s3.options('aborted'), endpoint: proxy.endpoint, partBytes: 5 * MiB });
      async function* failing() {
        yield* bytesOf(11 * MiB);
        throw new Error('source broke');
      }
      await expect(store.put('a.rhbk', failing())).rejects.toThrow('source broke');
      expect(proxy.requests.at(-1)).toBe('DELETE uploadId');
      expect(proxy.requests).not.toContain('POST uploadId');
    } finally {
      await proxy.stop();
    }
  });

  it('keeps each prefix apart, its region marker included', async () => {
    const eu = createS3Store(s3.options('regions/eu'));
    const us = createS3Store(s3.options('regions/us'));
    await eu.put('wal/a.rhbk', bytesOf(10));
    expect(await us.list('wal/')).toEqual([]);
    expect(await us.exists('wal/a.rhbk')).toBe(false);
    expect(eu.description).toBe(`s3://${TEST_BUCKET}/regions/eu at ${s3.endpoint}`);
  });

  it('signs requests with its credentials, which a server that checks signatures accepts', async () => {
    const store = createS3Store(strict.options('signed'));
    await store.put('a.rhbk', bytesOf(1000));
    expect(await store.exists('a.rhbk')).toBe(true);
    await store.delete('a.rhbk');
    expect(await store.exists('a.rhbk')).toBe(false);
  });

  it('names the location, key and S3 error code on a refused request, never the secret', async () => {
    const store = createS3Store({
      ...strict.options('refused'),
      credentials: { accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: SECRET },
    });
    const error = (await store.put('a.rhbk', bytesOf(100)).catch((caught: unknown) => caught)) as Error;
    expect(error).toMatchObject({ name: 'BackupError' });
    expect(error.message).toBe(
      `The backup location (${store.description}) failed PutObject of refused/a.rhbk: ` +
        'SignatureDoesNotMatch (HTTP 403).',
    );
    expect(inspect(error, { depth: 10 })).not.toContain(SECRET);
    expect(inspect(store, { depth: 10 })).not.toContain(SECRET);
  });

  it('names the location and the network error when the server cannot be reached', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const store = createS3Store({ ...s3.options('gone'), endpoint });
    await expect(store.exists('a.rhbk')).rejects.toThrow(
      `The backup location (s3://${TEST_BUCKET}/gone at ${endpoint}) failed HeadObject of gone/a.rhbk: ECONNREFUSED.`,
    );
  });

  it('removes the downloaded copy of a file when released', async () => {
    const store = createS3Store(s3.options('copies'));
    await store.put('base/b.rhbk', bytesOf(2 * MiB));
    const copy = await store.local('base/b.rhbk');
    expect(existsSync(copy.file)).toBe(true);
    await copy.release();
    expect(existsSync(copy.file)).toBe(false);
  });
});
