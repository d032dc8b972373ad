import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { createLogger } from '../platform/logger.js';

let shared: Promise<DatabaseHandle> | undefined;

/** The run's database URL on a real server, or undefined when the suite runs on the embedded engine. */
export function testDatabaseUrl(): string | undefined {
  return inject('databaseUrl') || undefined;
}

export const engineUnderTest = () => (testDatabaseUrl() ? 'postgres' : 'pglite');

/** This worker's database, migrated; shared by the files of the worker and never closed by a test. */
export function testDatabase(): Promise<DatabaseHandle> {
  shared ??= (async () => {
    const database = await openDatabase({
      databaseUrl: testDatabaseUrl(),
      embeddedDir: 'memory://',
      log: createLogger({ logLevel: 'silent' }),
    });
    await database.migrate();
    return database;
  })();
  return shared;
}

/**
 * A database of its own on the run's server, for a test that must see the whole database (e.g. the
 * command line's audit verify); dropped by the returned function.
 */
export async function createScratchPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const runUrl = testDatabaseUrl();
  if (!runUrl) throw new Error('only for runs on a PostgreSQL server');
  const name = `rehabit_scratch_${Date.now()}_${Math.random().toString(16).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: runUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: runUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
