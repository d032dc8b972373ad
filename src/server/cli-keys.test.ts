import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { type Environment, loadConfig } from './config.js';
import { KEYRING_FILE } from './platform/crypto/keyring.js';
import { createLogger } from './platform/logger.js';
import { openRuntime } from './runtime.js';
import { as, signUp } from './testing/accounts.js';
import { buildTestApp } from './testing/app.js';
import { createClient } from './testing/clients.js';
import { createScratchPostgresDatabase, engineUnderTest, testDatabaseUrl } from './testing/database.js';

const log = createLogger({ logLevel: 'silent' });

/** A deployment of its own, with the keyring file under its data directory (no MASTER_KEY). */
async function scratchDeployment(): Promise<{ env: Environment; drop(): Promise<void> }> {
  const env: Environment = {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-keys-cli-')),
    LOG_LEVEL: 'silent',
  };
  if (!testDatabaseUrl()) return { env, drop: async () => {} };
  const scratch = await createScratchPostgresDatabase();
  return { env: { ...env, DATABASE_URL: scratch.url }, drop: scratch.drop };
}

async function run(args: string[], env: Environment) {
  const lines: string[] = [];
  const code = await runCli(args, { env, out: (line) => lines.push(line), log });
  return { code, output: lines.join('\n') };
}

/** Runs the app on the deployment while `work` runs, then closes both (the embedded engine allows one). */
async function withApp<T>(
  env: Environment,
  work: (app: Awaited<ReturnType<typeof buildTestApp>>) => Promise<T>,
) {
  const runtime = await openRuntime(loadConfig(env), log);
  const app = await buildTestApp({
    database: runtime.database,
    env: { DATA_DIR: env.DATA_DIR, MASTER_KEY: env.MASTER_KEY ?? '' },
  });
  try {
    return await work(app);
  } finally {
    await app.close();
    await runtime.database.close();
  }
}

describe(`command line: keys (${engineUnderTest()})`, () => {
  it('rotates the master key, data keys, and re-encrypts, reporting counts and never a key', async () => {
    const deployment = await scratchDeployment();
    const { env } = deployment;
    try {
      const { owner, clientId } = await withApp(env, async (app) => {
        const owner = await signUp(app);
        const client = await createClient(app, owner, { email: 'ana@example.org' });
        return { owner, clientId: client.id };
      });
      const keyringFile = path.join(env.DATA_DIR as string, KEYRING_FILE);
      const oldKey = Object.values(JSON.parse(readFileSync(keyringFile, 'utf8')).keys)[0] as string;

      const rotated = await run(['keys', 'rotate'], env);
      expect(rotated.code, rotated.output).toBe(0);
      expect(rotated.output).toMatch(
        /^Master key rotation \(the keyring file in DATA_DIR\): active master key mk-[0-9a-f]{16}\.$/m,
      );
      // The practice's key, the client's key; the blind-index and VAPID secrets.
      expect(rotated.output).toContain('Re-wrapped 2 data keys and 2 deployment secrets.');
      expect(rotated.output).toContain('Done: everything is wrapped by mk-');
      const newKey = Object.values(JSON.parse(readFileSync(keyringFile, 'utf8')).keys) as string[];
      expect(newKey).toHaveLength(1);
      for (const key of [oldKey, ...newKey]) expect(rotated.output).not.toContain(key);

      const dataKeys = await run(['keys', 'rotate-data-keys', 'practice', owner.practiceId], env);
      expect(dataKeys).toEqual({
        code: 0,
        output:
          "Retired 2 data keys of 1 practice and started new ones. The app's re-encryption job moves their values in a few minutes (or run: keys reencrypt).",
      });
      const reencrypted = await run(['keys', 'reencrypt', 'practice', owner.practiceId], env);
      expect(reencrypted.code, reencrypted.output).toBe(0);
      expect(reencrypted.output).toMatch(
        /^Re-encrypted [1-9]\d* values and re-wrapped 0 media keys under 2 retired data keys; 0 keys now drained/,
      );
      expect(reencrypted.output).toContain('2 keys retired too recently to mark drained');

      // After a restart with the rotated keyring, the client's email still reads.
      await withApp(env, async (app) => {
        const read = await as(app, owner, { method: 'GET', url: `/api/v1/clients/${clientId}` });
        expect(read.json().email).toBe('ana@example.org');
      });
      expect((await run(['keys', 'rotate-data-keys', 'practice', 'nope'], env)).code).toBe(2);
      expect((await run(['keys', 'reencrypt', 'client', owner.practiceId], env)).code).toBe(2);
    } finally {
      await deployment.drop();
    }
  }, 120_000);

  it('with MASTER_KEY and nothing to re-wrap, says how to rotate', async () => {
    const deployment = await scratchDeployment();
    const env = { ...deployment.env, MASTER_KEY: randomBytes(32).toString('base64') };
    try {
      const result = await run(['keys', 'rotate'], env);
      expect(result.code).toBe(0);
      expect(result.output).toContain('Re-wrapped 0 data keys');
      expect(result.output).toContain('set MASTER_KEY to a new key');
      expect(result.output).not.toContain(env.MASTER_KEY);
    } finally {
      await deployment.drop();
    }
  }, 60_000);
});
