import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { queryRows } from '../../db/transactions.js';
import { signUp } from '../../testing/accounts.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { backUp, run, runBackupJobNow, scratchDeployment, serve } from './backup.testkit.js';
import { openBackupStore } from './locations/location.config.js';
import { startTestS3, TEST_BUCKET, TEST_CREDENTIALS, type TestS3Server } from './locations/s3.testkit.js';

// The same archives in an S3-compatible bucket: written there whole, listed and pruned there, and read
// back (fetched to a private temporary file) by verify and restore, named as the location knows them.

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(() => s3.stop());

const SLOW = 180_000;

async function bucketDeployment(extra: Record<string, string> = {}) {
  return scratchDeployment({
    BACKUP_DIR: `s3://${TEST_BUCKET}/backups-${randomBytes(4).toString('hex')}`,
    BACKUP_S3_ENDPOINT: s3.endpoint,
    BACKUP_S3_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    BACKUP_S3_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    ...extra,
  });
}

describe(`backups in an S3-compatible bucket (${engineUnderTest()})`, () => {
  it(
    'creates an archive in the bucket, verifies it by name and restores it',
    async () => {
      const deployment = await bucketDeployment();
      const { env } = deployment;
      try {
        let server = await serve(env);
        const owner = await signUp(server.app);
        const kept = await createClient(server.app, owner);
        await server.stop();

        const address = await backUp(env);
        expect(address).toMatch(new RegExp(`^s3://${TEST_BUCKET}/backups-[0-9a-f]+/rehabit-eu-`));
        const name = address.split('/').at(-1) as string;
        const store = openBackupStore(loadConfig(env).backupLocation as never);
        expect((await store.list('')).map((file) => file.name)).toEqual(['rehabit-region', name].sort());

        const verified = await run(['backup', 'verify', name], env);
        expect(verified.code, verified.output).toBe(0);
        expect(verified.output).toMatch(
          /Restored into a scratch database: \d+ tables, \d+ rows, all match\./,
        );

        server = await serve(env);
        const later = await createClient(server.app, owner);
        await server.stop();
        const restored = await run(['backup', 'restore', name, '--yes'], env);
        expect(restored.code, restored.output).toBe(0);

        server = await serve(env);
        try {
          const ids = await server.runtime.transactor.asSystem((tx) =>
            queryRows<{ id: string }>(tx, sql`select id from clients where id in (${kept.id}, ${later.id})`),
          );
          expect(ids.map((row) => row.id)).toEqual([kept.id]);
        } finally {
          await server.stop();
        }
        const missing = await run(['backup', 'verify', 'rehabit-eu-pglite-20200101T000000Z.rhbk'], env);
        expect(missing.code).toBe(1);
        expect(missing.output).toContain('is not in the backup location (s3://');
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );

  it(
    'runs the daily job into the bucket and keeps the newest BACKUP_KEEP archives there',
    async () => {
      const deployment = await bucketDeployment({ BACKUP_KEEP: '1' });
      const { env } = deployment;
      const server = await serve(env);
      try {
        await signUp(server.app);
        const store = openBackupStore(loadConfig(env).backupLocation as never);
        const engine = engineUnderTest();
        const old = `rehabit-eu-${engine}-20200101T000000Z.rhbk`;
        const foreign = `rehabit-us-${engine}-20200101T000000Z.rhbk`;
        for (const name of [old, foreign, 'notes.txt'])
          await store.put(
            name,
            (async function* () {
              yield Buffer.from('not an archive');
            })(),
          );
        await runBackupJobNow(server.app);
        const names = (await store.list('')).map((file) => file.name);
        expect(names).not.toContain(old);
        expect(names).toContain(foreign);
        expect(names).toContain('notes.txt');
        expect(names.filter((name) => name.startsWith(`rehabit-eu-${engine}-`))).toHaveLength(1);
      } finally {
        await server.stop();
        await deployment.drop();
      }
    },
    SLOW,
  );
});
