import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { acquireEmbeddedLock } from '../../db/embedded-lock.js';
import type { TableSummary } from './archive.js';
import { type Query, summariseTables } from './manifest.js';
import { migrationOf } from './migrations.js';

// The embedded engine (PGlite) is one session in one process: the backup commands open its files
// themselves, under the same lock the server takes, so they refuse to run while the server has them
// (the lock's message says so) instead of copying files under a live engine.

export interface EmbeddedSession {
  client: PGlite;
  query: Query;
  close(): Promise<void>;
}

const sessionOf = (client: PGlite, release: () => void | Promise<void>): EmbeddedSession => ({
  client,
  query: async (text) => (await client.query<Record<string, unknown>>(text)).rows,
  close: async () => {
    await client.close();
    await release();
  },
});

/** Opens the deployment's embedded database for a backup command; throws while the server runs. */
export async function openEmbeddedDatabase(directory: string): Promise<EmbeddedSession | undefined> {
  if (!existsSync(path.join(directory, 'PG_VERSION'))) return undefined;
  const release = acquireEmbeddedLock(`${directory}.lock`);
  try {
    return sessionOf(await PGlite.create(directory, { extensions: { pg_trgm } }), release);
  } catch (error) {
    release();
    throw error;
  }
}

/** What an archive of the embedded engine holds, all of one instant. */
export interface EmbeddedSnapshot {
  tables: TableSummary[];
  migration: string;
  /** The data directory as a tar archive (PGlite's dump), uncompressed: the archive compresses it. */
  dump: Buffer;
}

/**
 * Summarises and dumps the database inside one transaction. On the engine's single session that
 * transaction also holds back every other statement (the server's included) until it ends, so the
 * summaries describe exactly the dumped files. The dump waits only for the statement lock, which the
 * transaction does not hold between its statements: taking it here cannot deadlock. Works on a session
 * the backup command opened and on the running server's own.
 */
export async function snapshotEmbedded(client: PGlite): Promise<EmbeddedSnapshot> {
  return client.transaction(async (tx) => {
    const query: Query = async (text) => (await tx.query<Record<string, unknown>>(text)).rows;
    const tables = await summariseTables(query, 'transaction');
    const migration = await migrationOf(query);
    const dump = await client.dumpDataDir('none');
    return { tables, migration, dump: Buffer.from(await dump.arrayBuffer()) };
  });
}

/** Unpacks a dump into a new directory (which must not exist yet) and checks that it opens. */
export async function loadEmbedded(directory: string, dump: Buffer): Promise<void> {
  const client = await PGlite.create(directory, {
    extensions: { pg_trgm },
    loadDataDir: new Blob([new Uint8Array(dump)]),
  });
  try {
    await client.query('select 1');
  } finally {
    await client.close();
  }
}

/** A throw-away copy of a dump in a temporary directory, for `backup verify`. */
export async function scratchEmbedded(dump: Buffer, parent: string): Promise<EmbeddedSession> {
  const root = await mkdtemp(path.join(parent, 'rehabit-verify-'));
  const directory = path.join(root, 'pglite');
  try {
    await loadEmbedded(directory, dump);
    const client = await PGlite.create(directory, { extensions: { pg_trgm } });
    return sessionOf(client, () => rm(root, { recursive: true, force: true }));
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}
