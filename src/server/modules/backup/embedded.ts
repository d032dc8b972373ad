import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { acquireEmbeddedLock } from '../../db/embedded-lock.js';
import type { Query } from './manifest.js';

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

/** The data directory as a tar archive (PGlite's dump), uncompressed: the archive compresses it. */
export async function dumpEmbedded(session: EmbeddedSession): Promise<Buffer> {
  const dump = await session.client.dumpDataDir('none');
  return Buffer.from(await dump.arrayBuffer());
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
