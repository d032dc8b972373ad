import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client.js';
import { queryRows } from '../../db/transactions.js';
import { createLogger } from '../../platform/logger.js';
import { as, signIn, signUp } from '../../testing/accounts.js';
import { buildTestApp, LogCapture } from '../../testing/app.js';
import { engineUnderTest, testDatabase, testDatabaseUrl } from '../../testing/database.js';

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

async function filesContaining(files: string[], needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    for (const needle of needles) if (bytes.includes(needle)) found.push(`${needle} in ${file}`);
  }
  return found;
}

/**
 * Passwords, TOTP secrets and mobile numbers never reach the database files or the logs in plain
 * text. On the embedded engine the test owns a database directory; on PostgreSQL it reads the
 * server's files for this run's database after a checkpoint (the tests run as the server's host user).
 */
describe(`identity secrets at rest and in logs (${engineUnderTest()})`, () => {
  const logs = new LogCapture();
  let app: FastifyInstance;
  let database: DatabaseHandle;
  let embeddedDir: string | undefined;
  const marker = randomUUID().replaceAll('-', '');
  const password = `Marker ${marker} passphrase`;
  const mobile = `+4670${String(Date.now()).slice(-7)}`;

  beforeAll(async () => {
    if (testDatabaseUrl()) {
      database = await testDatabase();
    } else {
      embeddedDir = await mkdtemp(path.join(tmpdir(), 'rehabit-at-rest-'));
      database = await openDatabase({
        databaseUrl: undefined,
        embeddedDir,
        log: createLogger({ logLevel: 'silent' }),
      });
      await database.migrate();
    }
    app = await buildTestApp({ database, logs, env: { LOG_LEVEL: 'trace' } });
  }, 120_000);

  afterAll(async () => {
    await app.close();
    if (embeddedDir) {
      await database.close();
      await rm(embeddedDir, { recursive: true, force: true });
    }
  });

  it('stores the password as argon2id and keeps it, the TOTP secret and the mobile out of files and logs', async () => {
    const account = await signUp(app, { password, mobile });
    const start = (await as(app, account, { method: 'POST', url: '/api/v1/me/mfa/totp' })).json();
    const code = new TOTP({ secret: Secret.fromBase32(start.secret), digits: 6, period: 30 }).generate();
    const confirm = await as(app, account, {
      method: 'POST',
      url: '/api/v1/me/mfa/totp/confirm',
      payload: { code },
    });
    expect(confirm.statusCode).toBe(200);
    const wrong = await signIn(app, { email: account.email, password: `${password}!`, totpCode: '000000' });
    expect(wrong.statusCode).toBe(401);

    const [row] = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ password_hash: string }>(
        tx,
        sql`select password_hash from practitioners where id = ${account.practitionerId}`,
      ),
    );
    expect(row?.password_hash.startsWith('$argon2id$')).toBe(true);

    const secrets = [marker, start.secret as string, mobile.slice(1)];
    let files: string[];
    if (embeddedDir) {
      await database.close();
      files = await filesUnder(embeddedDir);
      database = await openDatabase({
        databaseUrl: undefined,
        embeddedDir,
        log: createLogger({ logLevel: 'silent' }),
      });
    } else {
      const [where] = await app.platform.transactor.asSystem(async (tx) => {
        await tx.execute(sql`reset role`);
        await tx.execute(sql`checkpoint`);
        return queryRows<{ dir: string; oid: number }>(
          tx,
          sql`select current_setting('data_directory') as dir, oid from pg_database where datname = current_database()`,
        );
      });
      if (!where) throw new Error('no data directory');
      files = [
        ...(await filesUnder(path.join(where.dir, 'base', String(where.oid)))),
        ...(await filesUnder(path.join(where.dir, 'pg_wal'))),
      ];
    }
    // The scan sees what is stored in plain text (the email), so finding nothing else means something.
    expect(await filesContaining(files, [account.email])).not.toEqual([]);
    expect(await filesContaining(files, secrets)).toEqual([]);
    expect(secrets.filter((secret) => logs.text.includes(secret))).toEqual([]);
    expect(logs.text).toContain('"path":"/api/v1/auth/sessions"');
  }, 120_000);
});
