import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { queryRows } from '../db/transactions.js';
import { createLogger } from '../platform/logger.js';
import { testDatabase, testDatabaseUrl } from './database.js';

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Which of the needles occur in which of the files, as "needle in file" lines. */
export async function filesContaining(files: string[], needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    const bytes = await readFile(file).catch(() => Buffer.alloc(0));
    for (const needle of needles) if (bytes.includes(needle)) found.push(`${needle} in ${file}`);
  }
  return found;
}

/**
 * A database whose files a test can read, to show what is (and is not) stored in plain text. On the
 * embedded engine the test owns the directory; on PostgreSQL it reads the server's files for this
 * run's database after a checkpoint (the tests run as the server's host user).
 */
export interface ScannableDatabase {
  database: DatabaseHandle;
  /** The files holding the data now, flushed to disk; the last use of the database in a test. */
  files(app: FastifyInstance): Promise<string[]>;
  close(): Promise<void>;
}

const silent = () => createLogger({ logLevel: 'silent' });

export async function openScannableDatabase(): Promise<ScannableDatabase> {
  if (testDatabaseUrl()) {
    const database = await testDatabase();
    return {
      database,
      async files(app) {
        const [where] = await app.platform.transactor.asSystem(async (tx) => {
          await tx.execute(sql`reset role`);
          await tx.execute(sql`checkpoint`);
          return queryRows<{ dir: string; oid: number }>(
            tx,
            sql`select current_setting('data_directory') as dir, oid from pg_database where datname = current_database()`,
          );
        });
        if (!where) throw new Error('no data directory');
        return [
          ...(await filesUnder(path.join(where.dir, 'base', String(where.oid)))),
          ...(await filesUnder(path.join(where.dir, 'pg_wal'))),
        ];
      },
      close: async () => {},
    };
  }
  const embeddedDir = await mkdtemp(path.join(tmpdir(), 'rehabit-at-rest-'));
  const database = await openDatabase({ databaseUrl: undefined, embeddedDir, log: silent() });
  await database.migrate();
  let open = true;
  const closeOnce = async () => {
    if (open) await database.close();
    open = false;
  };
  return {
    database,
    // PGlite writes its files out on close, so the app cannot use the database after this. The app's
    // realtime listener is stopped first: closing the app later would otherwise unlisten on a closed engine.
    async files(app) {
      await app.platform.realtime.stop();
      await closeOnce();
      return filesUnder(embeddedDir);
    },
    async close() {
      await closeOnce();
      await rm(embeddedDir, { recursive: true, force: true });
    },
  };
}
