import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import type { S3StoreOptions } from './s3-store.js';

/** The access key s3rver knows by default; the secret is only ever this test's. */
export const TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
export const TEST_BUCKET = 'rehabit-backups';

export interface TestS3Server {
  endpoint: string;
  /** Where the server keeps the bucket's objects (tests look for leftovers there). */
  directory: string;
  /** Store options for a folder of the test bucket on this server. */
  options(prefix: string): S3StoreOptions;
  stop(): Promise<void>;
}

/**
 * Starts an S3-compatible server on a free loopback port, keeping its objects in a temporary directory.
 * `strictSignatures: false` accepts any well-formed signature: s3rver computes bucket-level requests'
 * (ListObjectsV2) canonical path without the trailing slash the SDK signs, and refuses them otherwise.
 */
export async function startTestS3(strictSignatures = false): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'rehabit-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    allowMismatchedSignatures: !strictSignatures,
    configureBuckets: [{ name: TEST_BUCKET }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    directory,
    options: (prefix) => ({
      bucket: TEST_BUCKET,
      prefix,
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
      tempDirectory: directory,
    }),
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A loopback proxy in front of the test server that records each request's method and query keys. */
export async function startRecordingProxy(target: string) {
  const requests: string[] = [];
  const { port: targetPort } = new URL(target);
  const proxy = createServer((incoming, answer) => {
    const url = new URL(incoming.url ?? '/', target);
    // x-id (the SDK's name for the action) left out: method and query keys are S3's own.
    const keys = [...url.searchParams.keys()].filter((key) => key !== 'x-id');
    requests.push(`${incoming.method} ${keys.sort().join('&')}`);
    const forwarded = request(
      {
        host: '127.0.0.1',
        port: targetPort,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    forwarded.on('error', () => answer.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  };
}
