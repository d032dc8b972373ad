import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.js';
import type { Keyring } from '../../platform/crypto/index.js';
import { readArchive, readArchiveHeader, writeArchive } from './archive.js';
import { BackupError } from './backup-error.js';
import { declareBackupRegion } from './backup-location.js';

// PostgreSQL's continuous archiving, into the backup location: archive_command hands us each finished
// WAL file (`backup wal-push %p %f`), restore_command asks for them back during a point-in-time
// restore (`backup wal-fetch %f %p`). Each file is sealed like any archive (its own key, wrapped by
// the master key), so the WAL, which carries every row written in plain columns, is never kept in clear
// outside the database server.

export const WAL_DIRECTORY = 'wal';
const SEALED = '.rhbk';

// Segments, partial segments, backup history and timeline history files: the only names PostgreSQL
// passes for %f, and the only ones that may become a path here.
const WAL_NAME = /^(?:[0-9A-F]{24}(?:\.partial|\.[0-9A-F]{8}\.backup)?|[0-9A-F]{8}\.history)$/;

export function assertWalName(name: string): void {
  if (!WAL_NAME.test(name)) throw new BackupError(`"${name}" is not the name of a WAL file.`);
}

interface WalDeps {
  config: Config;
  keyring: Keyring;
  now: Date;
}

const locationOf = (config: Config) => {
  if (!config.backupDir) throw new BackupError('Set BACKUP_DIR: WAL files are archived there.');
  return config.backupDir;
};

async function sha256Of(chunks: AsyncIterable<Buffer>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of chunks) hash.update(chunk);
  return hash.digest('hex');
}

async function* decrypted(file: string, keyring: Keyring): AsyncGenerator<Buffer> {
  const parts: Buffer[] = [];
  await readArchive(file, keyring, {
    contents: async () => undefined,
    dump: async (chunk) => {
      parts.push(chunk);
    },
  });
  yield* parts;
}

/**
 * Seals one WAL file into BACKUP_DIR/wal. PostgreSQL may hand the same file again after a crash: the
 * same bytes are accepted as already archived, different bytes refused (never overwritten), as its
 * documentation asks of an archive_command.
 */
export async function pushWal(deps: WalDeps, source: string, name: string): Promise<'archived' | 'present'> {
  assertWalName(name);
  const location = locationOf(deps.config);
  await declareBackupRegion(location, deps.config.region);
  const directory = path.join(location, WAL_DIRECTORY);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const target = path.join(directory, `${name}${SEALED}`);
  const existing = await stat(target).catch(() => undefined);
  if (existing) {
    const [archived, given] = await Promise.all([
      sha256Of(decrypted(target, deps.keyring)),
      sha256Of(createReadStream(source) as AsyncIterable<Buffer>),
    ]);
    if (archived === given) return 'present';
    throw new BackupError(`${name} is already archived with other contents; it was not overwritten.`);
  }
  await writeArchive({
    directory,
    fileName: `${name}${SEALED}`,
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
  const found = await stat(path.join(locationOf(config), WAL_DIRECTORY, `${name}${SEALED}`)).catch(
    () => undefined,
  );
  return found !== undefined;
}

/** Opens an archived WAL file into `target`, written beside it first so PostgreSQL never reads half. */
export async function fetchWal(deps: Omit<WalDeps, 'now'>, name: string, target: string): Promise<void> {
  assertWalName(name);
  const file = path.join(locationOf(deps.config), WAL_DIRECTORY, `${name}${SEALED}`);
  const { header } = await readArchiveHeader(file);
  if (header.holds !== 'wal' || header.region !== deps.config.region)
    throw new BackupError(`${file} is not this region's archived WAL file.`);
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
}

/** The archived WAL files, oldest first (WAL names sort by position). */
export async function listWal(config: Config): Promise<{ name: string; archivedAt: Date }[]> {
  const directory = path.join(locationOf(config), WAL_DIRECTORY);
  const names = await readdir(directory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const files = names
    .filter((file) => file.endsWith(SEALED) && WAL_NAME.test(file.slice(0, -SEALED.length)))
    .sort();
  return Promise.all(
    files.map(async (file) => ({
      name: file.slice(0, -SEALED.length),
      archivedAt: (await stat(path.join(directory, file))).mtime,
    })),
  );
}
