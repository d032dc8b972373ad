import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../config.js';
import { queryRows } from '../../db/transactions.js';
import { systemClock } from '../../platform/clock.js';
import { createFieldCipher, DecryptionError, loadBlindIndexSecret } from '../../platform/crypto/index.js';
import { openRuntime } from '../../runtime.js';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { erase } from '../erasure/erasure.testkit.js';
import { ledgerFilePath } from '../erasure/erasure-ledger-file.js';
import { practiceSends, sent } from '../messages/messages.testkit.js';
import { restoreBackup } from './backup.service.js';
import { backUp, log, run, scratchDeployment } from './backup.testkit.js';
import { REGION_MARKER } from './backup-location.js';
import { toolEnvironment } from './postgres.js';

/** Rewrites the file's closing SHA-256, so only the inner checks (GCM tags, contents checksum) can catch a change. */
function resealFileChecksum(file: string) {
  const bytes = readFileSync(file);
  const body = bytes.subarray(0, bytes.length - 32);
  writeFileSync(file, Buffer.concat([body, createHash('sha256').update(body).digest()]));
}

// Each test opens its own deployment's database several times (the embedded engine takes seconds each).
const SLOW = 180_000;

describe(`backups (${engineUnderTest()})`, () => {
  it(
    'creates an archive that verifies: checksums, tags and every table of a scratch restore',
    async () => {
      const deployment = await scratchDeployment();
      try {
        expect((await run(['migrate'], deployment.env)).code).toBe(0);
        const file = await backUp(deployment.env);
        expect(readdirSync(deployment.env.BACKUP_DIR as string).sort()).toEqual(
          [path.basename(file), REGION_MARKER].sort(),
        );
        const verified = await run(['backup', 'verify', file], deployment.env);
        expect(verified.code, verified.output).toBe(0);
        expect(verified.output).toContain('Checksums (file and contents) and every chunk tag: OK.');
        expect(verified.output).toMatch(
          /Restored into a scratch database: \d+ tables, \d+ rows, all match\./,
        );
        expect(verified.output).toContain('region eu');
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );

  it(
    'fails verification of an archive with a byte flipped, one truncated, and one whose chunk was altered',
    async () => {
      const deployment = await scratchDeployment();
      try {
        expect((await run(['migrate'], deployment.env)).code).toBe(0);
        const file = await backUp(deployment.env);
        const original = readFileSync(file);

        const flipped = Buffer.from(original);
        const middle = Math.floor(flipped.length / 2);
        flipped[middle] = (flipped[middle] as number) ^ 0xff;
        writeFileSync(file, flipped);
        const damaged = await run(['backup', 'verify', file], deployment.env);
        expect(damaged.code).toBe(1);
        expect(damaged.output).toContain('is damaged: its SHA-256 checksum does not match');

        writeFileSync(file, original.subarray(0, original.length - 1000));
        const truncated = await run(['backup', 'verify', file], deployment.env);
        expect(truncated.code).toBe(1);
        expect(truncated.output).toContain('is damaged');

        // The file checksum made whole again: the chunk's AES-GCM tag still catches the change.
        writeFileSync(file, flipped);
        resealFileChecksum(file);
        const forged = await run(['backup', 'verify', file], deployment.env);
        expect(forged.code).toBe(1);
        expect(forged.output).toMatch(/is damaged: chunk \d+ fails its AES-GCM authentication/);

        writeFileSync(file, original);
        expect((await run(['backup', 'verify', file], deployment.env)).code).toBe(0);
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );

  it(
    'keeps a client erased after a backup taken before the erasure is restored; their old ciphertext no longer opens',
    async () => {
      const deployment = await scratchDeployment();
      try {
        const first = await openRuntime(loadConfig(deployment.env), log);
        const app = await buildTestApp({ database: first.database, env: deployment.env });
        const owner = await signUp(app);
        const client = await createClient(app, owner, { email: 'kept.erased@example.org' });
        await sent(practiceSends(app, owner, client.id, 'Stays unreadable'));
        const [stored] = await first.transactor.asSystem((tx) =>
          queryRows<{ email: string }>(tx, sql`select email from clients where id = ${client.id}`),
        );
        await app.close();
        await first.database.close();

        const file = await backUp(deployment.env);

        const second = await openRuntime(loadConfig(deployment.env), log);
        const again = await buildTestApp({ database: second.database, env: deployment.env });
        expect((await erase(again, owner, client.id)).statusCode).toBe(202);
        await again.close();
        await second.database.close();

        expect((await run(['backup', 'restore', file], deployment.env)).code).toBe(2);
        const restored = await run(['backup', 'restore', file, '--yes'], deployment.env);
        expect(restored.code, restored.output).toBe(0);
        expect(restored.output).toMatch(/1 clients erased again, [1-9]\d* data keys destroyed/);

        const after = await openRuntime(loadConfig(deployment.env), log);
        try {
          const counts = await after.transactor.asSystem(async (tx) => ({
            clients: await queryRows<{ n: number }>(
              tx,
              sql`select count(*)::int as n from clients where id = ${client.id}`,
            ),
            messages: await queryRows<{ n: number }>(
              tx,
              sql`select count(*)::int as n from messages where client_id = ${client.id}`,
            ),
            keys: await queryRows<{ status: string; wrapped_key: string }>(
              tx,
              sql`select status, wrapped_key from data_keys where client_id = ${client.id}`,
            ),
            ledger: await queryRows<{ n: number }>(
              tx,
              sql`select count(*)::int as n from erasure_ledger where subject_id = ${client.id}`,
            ),
          }));
          expect(counts.clients[0]?.n).toBe(0);
          expect(counts.messages[0]?.n).toBe(0);
          expect(counts.ledger[0]?.n).toBe(1);
          expect(counts.keys.length).toBeGreaterThan(0);
          for (const key of counts.keys) expect(key).toEqual({ status: 'destroyed', wrapped_key: '' });
          const cipher = createFieldCipher({
            keyring: after.keyring,
            blindIndexSecret: await loadBlindIndexSecret(after.transactor, after.keyring),
            clock: systemClock,
          });
          await expect(
            after.transactor.asSystem((tx) =>
              cipher.decrypt(tx, { practiceId: owner.practiceId, clientId: client.id }, stored?.email ?? '', {
                table: 'clients',
                column: 'email',
                rowId: client.id,
              }),
            ),
          ).rejects.toBeInstanceOf(DecryptionError);
        } finally {
          await after.database.close();
        }
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );

  it(
    'keeps a client erased since the backup erased when the restore fails after replacing the database',
    async () => {
      const deployment = await scratchDeployment();
      const { env } = deployment;
      try {
        const first = await openRuntime(loadConfig(env), log);
        const app = await buildTestApp({ database: first.database, env });
        const owner = await signUp(app);
        const client = await createClient(app, owner);
        await app.close();
        await first.database.close();

        const file = await backUp(env);

        const second = await openRuntime(loadConfig(env), log);
        const again = await buildTestApp({ database: second.database, env });
        expect((await erase(again, owner, client.id)).statusCode).toBe(202);
        await again.close();
        await second.database.close();
        // As when the erasure ran on another node: only the database's ledger names the client.
        rmSync(ledgerFilePath(env.DATA_DIR as string));

        // The database is replaced, then the replay fails (as a crash or a failed migration would).
        const config = loadConfig(env);
        await expect(
          restoreBackup({ config, keyring: second.keyring, clock: systemClock, log }, file, async () => {
            throw new Error('replay interrupted');
          }),
        ).rejects.toThrow('replay interrupted');

        const retried = await run(['backup', 'restore', file, '--yes'], env);
        expect(retried.code, retried.output).toBe(0);
        expect(retried.output).toMatch(/1 clients erased again/);
        const after = await openRuntime(config, log);
        try {
          const [found] = await after.transactor.asSystem((tx) =>
            queryRows<{ n: number }>(tx, sql`select count(*)::int as n from clients where id = ${client.id}`),
          );
          expect(found?.n).toBe(0);
        } finally {
          await after.database.close();
        }
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );

  it(
    "refuses another region's archive and a backup location declared for another region",
    async () => {
      const deployment = await scratchDeployment();
      try {
        expect((await run(['migrate'], deployment.env)).code).toBe(0);
        const file = await backUp(deployment.env);
        const elsewhere = { ...deployment.env, REGION: 'us' };
        for (const command of [
          ['backup', 'verify', file],
          ['backup', 'restore', file, '--yes'],
        ]) {
          const refused = await run(command, elsewhere);
          expect(refused.code).toBe(1);
          expect(refused.output).toContain(
            'This archive belongs to region "eu"; this deployment is region "us".',
          );
        }
        const location = await run(['backup', 'create'], elsewhere);
        expect(location.code).toBe(1);
        expect(location.output).toContain('belongs to region "eu"; this deployment is region "us"');
        // Nothing was replaced: the original deployment still verifies and restores its own archive.
        expect((await run(['backup', 'verify', file], deployment.env)).code).toBe(0);
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );
});

describe('the PostgreSQL client tools', () => {
  it('run without the server secrets in their environment, with the URL password as PGPASSWORD', async () => {
    const secrets = {
      MASTER_KEY: 'master-key-marker',
      MASTER_KEY_PREVIOUS: 'previous-key-marker',
      DATABASE_URL: 'postgres://rehabit:url-marker@db/rehabit',
      BACKUP_S3_ACCESS_KEY_ID: 'access-marker',
      BACKUP_S3_SECRET_ACCESS_KEY: 'secret-marker',
      TWILIO_AUTH_TOKEN: 'twilio-marker',
      SMTP_URL: 'smtp://mail:smtp-marker@mail.example.org',
    };
    for (const [name, value] of Object.entries(secrets)) vi.stubEnv(name, value);
    vi.stubEnv('PGSSLMODE', 'require');
    try {
      const { dbname, env } = toolEnvironment('postgres://rehabit:tool-pass@127.0.0.1:5432/rehabit');
      expect(dbname).not.toContain('tool-pass');
      // What a child's /proc/<pid>/environ would show.
      const { stdout } = await promisify(execFile)('env', [], { env });
      const names = stdout.split('\n').map((line) => line.split('=')[0]);
      for (const name of Object.keys(secrets)) expect(names).not.toContain(name);
      for (const value of Object.values(secrets)) expect(stdout).not.toContain(value);
      expect(stdout).toContain('PGPASSWORD=tool-pass\n');
      expect(stdout).toContain('PGSSLMODE=require\n');
      expect(names).toContain('PATH');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
