import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../config.js';
import type { Keyring } from '../../platform/crypto/index.js';
import { type ArchiveHeader, readArchive, readArchiveHeader } from './archive.js';
import { BackupError } from './backup-error.js';
import { listBaseBackups } from './base-backup.js';
import { type PitrLedger, writePitrLedger } from './pitr-ledger.js';
import { regionStore, withArchiveFile, withStoredArchive } from './stored-archive.js';

// A point-in-time restore is prepared, not performed: the base backup is unpacked into a new data
// directory told to recover (recovery.signal) up to the target time, fetching the archived WAL through
// `backup wal-fetch`. The operator starts PostgreSQL on it; it replays, stops at the target and
// promotes. Nothing touches the running server, so a drill is as safe as the real thing.

export interface PitrOptions {
  /** Recover every transaction committed up to this moment. */
  target: Date;
  /** The new data directory (absent or empty). */
  into: string;
  /** A base backup: a local file, or its name in the backup location; by default the newest before the target. */
  base?: string;
  /** restore_command as PostgreSQL should run it; by default this Rehabit's `backup wal-fetch`. */
  restoreCommand?: string;
}

const quoteForShell = (value: string) => {
  if (value.includes("'"))
    throw new BackupError(`Paths with a quote cannot go into restore_command: ${value}`);
  return `'${value}'`;
};

/** `backup wal-fetch %f %p` of this installation. */
export function defaultRestoreCommand(): string {
  const fromSource = import.meta.url.endsWith('.ts');
  const cli = fileURLToPath(new URL(fromSource ? '../../cli.ts' : '../../cli.js', import.meta.url));
  const loader = fromSource ? ['--import', quoteForShell(import.meta.resolve('tsx'))] : [];
  // Settings come from PostgreSQL's environment, as for archive_command: the master key and any bucket
  // credentials must never be written into a configuration file.
  return [quoteForShell(process.execPath), ...loader, quoteForShell(cli), 'backup wal-fetch %f %p'].join(' ');
}

/** The base backup to start from, as a local file for the duration of `work`. */
async function withBase<T>(
  config: Config,
  options: PitrOptions,
  work: (base: { file: string; header: ArchiveHeader; name: string }) => Promise<T>,
): Promise<T> {
  const check = async (file: string, name: string) => {
    const { header } = await readArchiveHeader(file);
    if (header.holds !== 'base-backup')
      throw new BackupError(`${name} is not a base backup (it holds: ${header.holds}).`);
    if (header.region !== config.region)
      throw new BackupError(`${name} belongs to region "${header.region}", not "${config.region}".`);
    if (new Date(header.createdAt) >= options.target)
      throw new BackupError(`${name} was taken after the target time: choose an older base backup.`);
    return work({ file, header, name });
  };
  const { base } = options;
  if (base) return withArchiveFile(config, base, (file) => check(file, path.basename(base)));
  const store = await regionStore(config);
  const [newest] = (await listBaseBackups(store, config.region)).filter(
    // Finished (stored) before the target: PostgreSQL cannot stop inside the base backup itself.
    (candidate) => candidate.storedAt < options.target,
  );
  if (!newest)
    throw new BackupError(
      `No base backup of region "${config.region}" was finished before ${options.target.toISOString()}.`,
    );
  return withStoredArchive(store, newest.name, (file) => check(file, path.basename(newest.name)));
}

async function assertEmptyDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
  if ((await readdir(directory)).length > 0)
    throw new BackupError(`${directory} is not empty: a point-in-time restore needs a new data directory.`);
  // PostgreSQL refuses a data directory others can read.
  await chmod(directory, 0o700);
}

/** Unpacks the tar of a base backup into the directory with the system's tar. */
async function unpack(file: string, keyring: Keyring, directory: string): Promise<string> {
  const tar = spawn('tar', ['-x', '-f', '-', '-C', directory], { stdio: ['pipe', 'ignore', 'pipe'] });
  let errors = '';
  tar.stderr.on('data', (chunk: Buffer) => {
    if (errors.length < 2000) errors += chunk.toString();
  });
  tar.stdin.on('error', () => undefined);
  let ledger = '';
  try {
    await readArchive(file, keyring, {
      contents: async (contents) => {
        ledger = contents.ledger;
      },
      dump: async (chunk) => {
        if (tar.exitCode !== null) throw new BackupError(`tar stopped early: ${errors.trim()}`);
        if (!tar.stdin.write(chunk)) await once(tar.stdin, 'drain');
      },
    });
  } catch (error) {
    tar.kill('SIGKILL');
    throw error;
  }
  tar.stdin.end();
  const [code] = tar.exitCode === null ? ((await once(tar, 'close')) as [number]) : [tar.exitCode];
  if (code !== 0)
    throw new BackupError(`tar could not unpack the base backup (exit ${code}): ${errors.trim()}`);
  return ledger;
}

const confString = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Unpacks the base backup and sets the directory up to recover up to the target; returns what it used. */
export async function preparePointInTimeRestore(
  deps: { config: Config; keyring: Keyring },
  options: PitrOptions,
): Promise<{ base: string; baseTakenAt: string; ledgerFile: string; ledger: PitrLedger }> {
  const { config, keyring } = deps;
  return withBase(config, options, async (base) => {
    await assertEmptyDirectory(options.into);
    const ledger = await unpack(base.file, keyring, options.into);
    // Beside the data directory, not in it: a later base backup must not carry it along.
    const ledgerFile = `${path.resolve(options.into)}.erasure-ledger.jsonl`;
    const merged = await writePitrLedger(config, ledger, ledgerFile);
    await writeFile(path.join(options.into, 'recovery.signal'), '', { mode: 0o600 });
    const restoreCommand = options.restoreCommand ?? defaultRestoreCommand();
    await appendFile(
      path.join(options.into, 'postgresql.auto.conf'),
      [
        '',
        `# Point-in-time restore prepared by Rehabit from ${base.name}.`,
        `restore_command = ${confString(restoreCommand)}`,
        // PostgreSQL's own timestamp form: it refuses ISO 8601's "T" and "Z" here.
        `recovery_target_time = ${confString(options.target.toISOString().replace('T', ' ').replace('Z', '+00'))}`,
        "recovery_target_action = 'promote'",
        // A restored copy must not write into the live archive; turn archiving back on once it is the server.
        "archive_mode = 'off'",
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    return { base: base.name, baseTakenAt: base.header.createdAt, ledgerFile, ledger: merged };
  });
}
