import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli.js';
import { type Environment, loadConfig } from '../../config.js';
import { createLogger } from '../../platform/logger.js';
import { REGION_MARKER } from './backup-location.js';
import { pruneContinuousArchive } from './base-backup.js';
import { openBackupStore } from './locations/location.config.js';
import { startTestS3, TEST_BUCKET, TEST_CREDENTIALS, type TestS3Server } from './locations/s3.testkit.js';

const log = createLogger({ logLevel: 'silent' });
const SEGMENT = '000000010000000000000003';

function deployment(region = 'eu'): Environment {
  return {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-wal-data-')),
    BACKUP_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-wal-out-')),
    MASTER_KEY: randomBytes(32).toString('base64'),
    REGION: region,
    LOG_LEVEL: 'silent',
  };
}

async function run(args: string[], env: Environment) {
  const lines: string[] = [];
  const code = await runCli(args, { env, out: (line) => lines.push(line), log });
  return { code, output: lines.join('\n') };
}

function walFile(bytes: Buffer) {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rehabit-wal-src-')), SEGMENT);
  writeFileSync(file, bytes);
  return file;
}

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(() => s3.stop());

/** The same deployment with its backups in a folder of the test bucket. */
const inBucket = (): Environment => ({
  ...deployment(),
  BACKUP_DIR: `s3://${TEST_BUCKET}/wal-test-${randomBytes(4).toString('hex')}`,
  BACKUP_S3_ENDPOINT: s3.endpoint,
  BACKUP_S3_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  BACKUP_S3_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
});

async function stored(env: Environment, name: string): Promise<Buffer> {
  const location = loadConfig(env).backupLocation;
  if (!location) throw new Error('no backup location');
  return buffer(await openBackupStore(location).get(name));
}

describe.each([
  ['a directory', () => deployment()],
  ['an S3-compatible bucket', () => inBucket()],
])('WAL archive commands, backups in %s', (_where, newDeployment) => {
  it('seals a WAL file, hands the same bytes back, and answers 1 for one it does not have', async () => {
    const env = newDeployment();
    const bytes = Buffer.concat([Buffer.from('plain row text in the WAL '), randomBytes(64 * 1024)]);
    expect((await run(['backup', 'wal-push', walFile(bytes), SEGMENT], env)).code).toBe(0);
    const sealed = await stored(env, `wal/${SEGMENT}.rhbk`);
    expect(sealed.length).toBeGreaterThan(100);
    expect(sealed.includes('plain row text')).toBe(false);

    const target = path.join(mkdtempSync(path.join(tmpdir(), 'rehabit-wal-dst-')), 'RECOVERYXLOG');
    expect((await run(['backup', 'wal-fetch', SEGMENT, target], env)).code).toBe(0);
    expect(readFileSync(target).equals(bytes)).toBe(true);
    expect(readdirSync(path.dirname(target))).toEqual(['RECOVERYXLOG']);

    expect((await run(['backup', 'wal-fetch', '000000010000000000000004', target], env)).code).toBe(1);
    expect((await run(['backup', 'wal-fetch', '00000002.history', target], env)).code).toBe(1);
  });

  it('accepts the same file pushed twice, refuses other bytes under its name, never overwriting', async () => {
    const env = newDeployment();
    const bytes = randomBytes(4096);
    expect((await run(['backup', 'wal-push', walFile(bytes), SEGMENT], env)).code).toBe(0);
    expect((await run(['backup', 'wal-push', walFile(bytes), SEGMENT], env)).code).toBe(0);
    const other = await run(['backup', 'wal-push', walFile(randomBytes(4096)), SEGMENT], env);
    expect(other.code).toBe(1);
    expect(other.output).toContain('is already archived with other contents; it was not overwritten');
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'rehabit-wal-dst-')), 'x');
    expect((await run(['backup', 'wal-fetch', SEGMENT, target], env)).code).toBe(0);
    expect(readFileSync(target).equals(bytes)).toBe(true);
  });
});

describe('WAL archive commands', () => {
  it('never makes up a master key: without MASTER_KEY or a keyring in DATA_DIR they refuse', async () => {
    const { MASTER_KEY: _unused, ...env } = deployment();
    const pushed = await run(['backup', 'wal-push', walFile(randomBytes(10)), SEGMENT], env);
    expect(pushed.code).toBe(1);
    expect(pushed.output).toContain('No master key: MASTER_KEY is not set');
    expect(readdirSync(env.DATA_DIR as string)).toEqual([]);
    expect(readdirSync(env.BACKUP_DIR as string)).not.toContain('wal');
  });

  it('answers restore_command with 126 (abort recovery) when the archive cannot be read, 1 only when absent', async () => {
    const env = deployment();
    expect((await run(['backup', 'wal-push', walFile(randomBytes(10)), SEGMENT], env)).code).toBe(0);
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'rehabit-wal-dst-')), 'x');
    const otherKey = { ...env, MASTER_KEY: randomBytes(32).toString('base64') };
    const unreadable = await run(['backup', 'wal-fetch', SEGMENT, target], otherKey);
    expect(unreadable.code).toBe(126);
    expect(readdirSync(path.dirname(target))).toEqual([]);
    expect((await run(['backup', 'wal-fetch', '000000010000000000000009', target], env)).code).toBe(1);
  });

  it('declares the location with a marker every local user may read (PostgreSQL and the app share it)', async () => {
    const env = deployment();
    expect((await run(['backup', 'wal-push', walFile(randomBytes(10)), SEGMENT], env)).code).toBe(0);
    expect(statSync(path.join(env.BACKUP_DIR as string, REGION_MARKER)).mode & 0o777).toBe(0o644);
    expect(statSync(path.join(env.BACKUP_DIR as string, 'wal', `${SEGMENT}.rhbk`)).mode & 0o777).toBe(0o600);
  });

  it('keeps the newest base backups and only the WAL they need', async () => {
    const env = deployment();
    const store = openBackupStore(loadConfig(env).backupLocation as never);
    async function* sealed() {
      yield Buffer.from('sealed');
    }
    const base = (stamp: string) => `base/rehabit-eu-postgres-base-${stamp}.rhbk`;
    for (const name of [base('20261101T030000Z'), base('20261108T030000Z'), base('20261115T030000Z')])
      await store.put(name, sealed());
    const wal = (name: string, at: string) => {
      const file = path.join(env.BACKUP_DIR as string, 'wal', `${name}.rhbk`);
      writeFileSync(file, 'sealed');
      utimesSync(file, new Date(at), new Date(at));
    };
    mkdirSync(path.join(env.BACKUP_DIR as string, 'wal'), { recursive: true });
    wal('000000010000000000000001', '2026-11-01T04:00:00Z');
    wal('000000010000000000000002', '2026-11-08T01:30:00Z');
    wal('000000010000000000000003', '2026-11-08T02:30:00Z');
    wal('00000002.history', '2026-11-01T05:00:00Z');
    const pruned = await pruneContinuousArchive(store, 'eu', 2);
    expect(pruned).toEqual({ bases: 1, walFiles: 2 });
    expect((await store.list('base/')).map((file) => file.name)).toEqual([
      base('20261108T030000Z'),
      base('20261115T030000Z'),
    ]);
    // 02:30 is within the hour before the oldest kept base started: kept, clocks may disagree.
    expect((await store.list('wal/')).map((file) => file.name)).toEqual([
      'wal/000000010000000000000003.rhbk',
      'wal/00000002.history.rhbk',
    ]);
  });

  it('refuses names that are not WAL files, and another region’s location', async () => {
    const env = deployment();
    const source = walFile(randomBytes(10));
    for (const name of ['../escape', '00000001000000000000000', 'pg_hba.conf', '000000010000000000000003/..'])
      expect((await run(['backup', 'wal-push', source, name], env)).output).toContain(
        'is not the name of a WAL file',
      );
    writeFileSync(path.join(env.BACKUP_DIR as string, REGION_MARKER), 'us\n');
    const refused = await run(['backup', 'wal-push', source, SEGMENT], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('belongs to region "us"');
  });

  it('will not prepare a point-in-time restore without a base backup before the target', async () => {
    const env = deployment();
    const into = path.join(mkdtempSync(path.join(tmpdir(), 'rehabit-wal-pitr-')), 'data');
    const result = await run(['backup', 'pitr', '--to', '2026-01-01T00:00:00Z', '--into', into], env);
    expect(result.code).toBe(1);
    expect(result.output).toContain(
      'No base backup of region "eu" was finished before 2026-01-01T00:00:00.000Z',
    );
    expect((await run(['backup', 'pitr', '--to', 'yesterday', '--into', into], env)).code).toBe(2);
  });
});
