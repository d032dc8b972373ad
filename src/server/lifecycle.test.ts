import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { describe, expect, inject, it } from 'vitest';
import { type Environment, loadConfig } from './config.js';
import { practices } from './db/schema/index.js';
import { startRehabit } from './main.js';
import { createLogger } from './platform/logger.js';
import { openRuntime } from './runtime.js';
import { engineUnderTest, testDatabaseUrl } from './testing/database.js';
import { spawnTs, waitForOutput } from './testing/processes.js';

function deploymentEnv(): Environment {
  return {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-life-')),
    MASTER_KEY: inject('masterKey'),
    PORT: '0',
    LOG_LEVEL: 'info',
    ...(testDatabaseUrl() ? { DATABASE_URL: testDatabaseUrl() } : {}),
  };
}

describe(`process lifecycle (${engineUnderTest()})`, () => {
  it('finishes a request in flight when stopping, then closes the database', async () => {
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const handlerEntered = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slowRoute: FastifyPluginAsync = async (app) => {
      app.get('/test/slow', async () => {
        entered();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { finished: true };
      });
    };
    const running = await startRehabit(deploymentEnv(), { extraRoutes: [slowRoute], background: false });
    const response = fetch(`${running.url}/test/slow`);
    await handlerEntered;
    const stopped = running.stop();
    setTimeout(() => release(), 200);
    const answer = await response;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ finished: true });
    await stopped;
    await expect(running.database.ping()).rejects.toThrow();
  });

  it('stops cleanly on SIGTERM with exit code 0', async () => {
    const child = spawnTs('main.ts', [], deploymentEnv());
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await waitForOutput(child, /Rehabit is running at http:\/\/127\.0\.0\.1:\d+/);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('loses no committed row when the process is killed with SIGKILL', async () => {
    const env = deploymentEnv();
    const child = spawnTs('testing/durability-writer.ts', [JSON.stringify(env)]);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const committed: string[] = [];
    await new Promise<void>((resolve) => {
      let buffer = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        committed.push(...lines);
        if (committed.length >= 40) resolve();
      });
    });
    child.kill('SIGKILL');
    await exited;

    // Reopening also proves a lock left behind by a killed process does not keep the data hostage.
    const runtime = await openRuntime(loadConfig(env), createLogger({ logLevel: 'silent' }));
    try {
      const found = await runtime.transactor.asSystem((tx) =>
        tx.select({ id: practices.id }).from(practices).where(inArray(practices.id, committed)),
      );
      expect(found).toHaveLength(committed.length);
    } finally {
      await runtime.database.close();
    }
  });

  it('refuses a second process on the same embedded database', async () => {
    if (testDatabaseUrl()) return; // a PostgreSQL server takes many clients by design
    const env = deploymentEnv();
    const first = await openRuntime(loadConfig(env), createLogger({ logLevel: 'silent' }));
    try {
      await expect(openRuntime(loadConfig(env), createLogger({ logLevel: 'silent' }))).rejects.toThrow(
        /in use by process \d+ \(is Rehabit running\?\)/,
      );
    } finally {
      await first.database.close();
    }
  });
});
