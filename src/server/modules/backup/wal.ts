import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import type { Config } from '../../config.js';
import type { Keyring } from '../../platform/crypto/index.js';
import { readArchive, readArchiveHeader } from './archive.js';
import { BackupError } from './backup-error.js';
import type { BackupStore } from './locations/backup-store.js';
import { regionStore, storeArchive, withStoredArchive } from './stored-archive.js';

// PostgreSQL's continuous archiving, into the backup location: archive_command hands us each finished
// WAL file (`backup wal-push %p %f`), restore_command asks for them back during a point-in-time
// restore (`backup wal-fetch %f %p`). Each file is sealed like any archive (its own key, wrapped by
// the master key), so the WAL, which carries every row written in plain columns, is never kept in clear
// outside the database server.

export const WAL_FOLDER = 'wal/';
const SEALED = '.rhbk';

// Segments, partial segments, backup history and timeline history files: the only names PostgreSQL
// passes for %f, and the only ones that may become a stored name here.
const WAL_NAME = /^(?:[0-9A-F]{24}(?:\.partial|\.[0-9A-F]{8}\.backup)?|[0-9A-F]{8}\.history)$/;

export function assertWalName(name: string): void {
  if (!WAL_NAME.test(name)) throw new BackupError(`"${name}" is not the name of a WAL file.`);
}

const storedName = (name: string) => `${WAL_FOLDER}${name}${SEALED}`;

interface WalDeps {
  config: Config;
  keyring: Keyring;
  now: Date;
}

async function sha256Of(chunks: AsyncIterable<Buffer>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

async function decryptedSha256(store: BackupStore, name: string, keyring: Keyring): Promise<string> {
  const hash = createHash('sha256');
  await withStoredArchive(store, name, (file) =>
    readArchive(file, keyring, {
      contents: async () => undefined,
      dump: async (chunk) => {
        hash.update(chunk);
      },
    }),
  );
  return hash.digest('hex');
}

/**
 * Seals one WAL file into the backup location's wal/ folder. PostgreSQL may hand the same file again
 * after a crash: the same bytes are accepted as already archived, different bytes refused (never
 * overwritten), as its documentation asks of an archive_command.
 */
export async function pushWal(deps: WalDeps, source: string, name: string): Promise<'archived' | 'present'> {
  assertWalName(name);
  const store = await regionStore(deps.config);
  const target = storedName(name);
  if (await store.exists(target)) {
    const [archived, given] = await Promise.all([
      decryptedSha256(store, target, deps.keyring),
      sha256Of(createReadStream(source) as AsyncIterable<Buffer>),
    ]);
    if (archived === given) return 'present';
    throw new BackupError(`${name} is already archived with other contents; it was not overwritten.`);
  }
  await storeArchive(store, target, {
    keyring: deps.keyring,
    header: {
      holds: 'wal',
      engine: 'postgres',
      region: deps.config.region,
      createdAt: deps.now.toISOString(),
      migration: 'n/a',
    },
    contents: { tables: [], ledger: '' },
    dump: createReadStream(source) as AsyncIterable<Buffer>,
  });
  return 'archived';
}

/** Whether the archive holds the WAL file (restore_command asks for files that may not exist). */
export async function hasWal(config: Config, name: string): Promise<boolean> {
  assertWalName(name);
  return (await regionStore(config)).exists(storedName(name));
}

/** Opens an archived WAL file into `target`, written beside it first so PostgreSQL never reads half. */
export async function fetchWal(deps: Omit<WalDeps, 'now'>, name: string, target: string): Promise<void> {
  assertWalName(name);
  const store = await regionStore(deps.config);
  await withStoredArchive(store, storedName(name), async (file) => {
    const { header } = await readArchiveHeader(file);
    if (header.holds !== 'wal' || header.region !== deps.config.region)
      throw new BackupError(`${name} in the backup location is not this region's archived WAL file.`);
    const partial = `${target}.rehabit-partial`;
    const handle = await open(partial, 'w', 0o600);
    try {
      await readArchive(file, deps.keyring, {
        contents: async () => undefined,
        dump: async (chunk) => {
          await handle.write(chunk);
        },
      });
      await handle.sync();
      await handle.close();
      await rename(partial, target);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(partial, { force: true });
      throw error;
    }
  });
}

/** The archived WAL files, oldest first (WAL names sort by position). */
export async function listWal(store: BackupStore): Promise<{ name: string; archivedAt: Date }[]> {
  return (await store.list(WAL_FOLDER))
    .map((file) => ({
      name: file.name.slice(WAL_FOLDER.length, -SEALED.length),
      archivedAt: file.modifiedAt,
    }))
    .filter((file) => WAL_NAME.test(file.name));
}
