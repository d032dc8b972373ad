import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { type AppDeps, buildApp } from '../app.js';
import { type Config, type Environment, loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { type Clock, systemClock } from '../platform/clock.js';
import { loadKeyring } from '../platform/crypto/index.js';
import { createLogger } from '../platform/logger.js';
import { testDatabase } from './database.js';

/** Collects log lines in memory so a test can look for what must never be logged. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
  get text() {
    return this.lines.join('');
  }
}

export interface TestAppOptions {
  env?: Environment;
  clock?: Clock;
  database?: DatabaseHandle;
  logs?: LogCapture;
  webRoot?: string;
  extra?: Partial<AppDeps>;
}

export function testConfig(env: Environment = {}): Config {
  return loadConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-test-')),
    MASTER_KEY: inject('masterKey'),
    LOG_LEVEL: 'info',
    ...env,
  });
}

/** The real application on the run's database, with background work off (tests drive it by hand). */
export async function buildTestApp(options: TestAppOptions = {}): Promise<FastifyInstance> {
  const config = testConfig(options.env);
  const log = createLogger(options.logs ? config : { logLevel: 'silent' }, options.logs);
  const database = options.database ?? (await testDatabase());
  const app = await buildApp({
    config,
    database,
    keyring: loadKeyring(config, log),
    log,
    clock: options.clock ?? systemClock,
    background: false,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...options.extra,
  });
  await app.ready();
  return app;
}
