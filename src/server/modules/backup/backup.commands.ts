import path from 'node:path';
import type { Config } from '../../config.js';
import { systemClock } from '../../platform/clock.js';
import { loadKeyring } from '../../platform/crypto/index.js';
import type { Logger } from '../../platform/logger.js';
import { createBackup } from './backup.create.js';
import { type BackupDeps, restoreBackup, verifyBackup } from './backup.service.js';
import { BackupError } from './backup-error.js';
import { createDirectoryStore } from './locations/directory-store.js';
import { type BackupLocation, openBackupStore } from './locations/location.config.js';
import { withArchiveFile } from './stored-archive.js';

// `npm run rehabit -- backup …`. These open the database themselves (the embedded engine must be
// replaced while closed), so the command line hands them the configuration, not an open runtime.
// They print ids, counts and file names, never key material or data.

type Output = (line: string) => void;

export interface BackupCommand {
  summary: string;
  /** `args`: everything after the command's name, flags included. */
  run(config: Config, log: Logger, out: Output, args: string[]): Promise<number>;
}

const positional = (args: string[]) => {
  const words: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--out') index += 1;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words;
};

const flagValue = (args: string[], name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

const depsOf = (config: Config, log: Logger): BackupDeps => ({
  config,
  keyring: loadKeyring(config, log),
  clock: systemClock,
  log,
});

/** Runs a backup step, turning its expected failures into a message and exit code 1. */
export async function reporting(out: Output, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    out(error.message);
    return 1;
  }
}

export const backupCommands: Record<string, BackupCommand> = {
  'backup create': {
    summary:
      'write an encrypted, compressed archive of the database and erasure ledger: backup create [--out DIR]',
    async run(config, log, out, args) {
      const directory = flagValue(args, '--out');
      if (!directory && !config.backupLocation) {
        out('Where to? Set BACKUP_DIR or pass --out DIR.');
        return 2;
      }
      return reporting(out, async () => {
        const store = directory
          ? createDirectoryStore(path.resolve(directory))
          : openBackupStore(config.backupLocation as BackupLocation);
        const made = await createBackup(depsOf(config, log), store);
        out(
          `Backup written: ${store.where(made.name)} (${made.bytes} bytes; ${made.tables} tables, ${made.rows} rows, ` +
            `${made.media} media files; region ${config.region}).`,
        );
        return 0;
      });
    },
  },
  'backup verify': {
    summary:
      'decrypt an archive (a file, or a name in the backup location), restore it into a scratch database and compare every table: backup verify FILE',
    async run(config, log, out, args) {
      const [file] = positional(args);
      if (!file) {
        out('Usage: npm run rehabit -- backup verify FILE');
        return 2;
      }
      return reporting(out, async () => {
        const report = await withArchiveFile(config, file, (local) =>
          verifyBackup(depsOf(config, log), local),
        );
        const { header } = report;
        out(
          `Archive ${path.basename(file)}: ${header.engine}, region ${header.region}, made ${header.createdAt}, ` +
            `schema ${header.migration}, key ${header.keyId}.`,
        );
        out('  Checksums (file and contents) and every chunk tag: OK.');
        out(
          report.media
            ? `  Media: ${report.media.files} files (${report.media.bytes} bytes), each matching its size and SHA-256.`
            : `  Media: none in this archive (format ${header.format}, made before media went into archives).`,
        );
        if (report.notAudited) out(`  Not recorded in the audit trail: ${report.notAudited}`);
        if (report.problems.length === 0) {
          out(`  Restored into a scratch database: ${report.tables} tables, ${report.rows} rows, all match.`);
          return 0;
        }
        out(`  Restored into a scratch database: ${report.problems.length} tables DO NOT match:`);
        for (const problem of report.problems) out(`    ${problem}`);
        return 1;
      });
    },
  },
  'backup restore': {
    summary: 'replace the database with an archive and replay the erasure ledger: backup restore FILE --yes',
    async run(config, log, out, args) {
      const [file] = positional(args);
      if (!file) {
        out('Usage: npm run rehabit -- backup restore FILE --yes');
        return 2;
      }
      if (!args.includes('--yes')) {
        out(
          'This replaces the whole database with the archive (stop every server first). Run again with --yes to go ahead.',
        );
        return 2;
      }
      return reporting(out, async () => {
        const { header, replay } = await withArchiveFile(config, file, (local) =>
          restoreBackup(depsOf(config, log), local),
        );
        out(`Restored ${path.basename(file)} (made ${header.createdAt}, schema ${header.migration}).`);
        out(
          `  Erasure ledger replayed: ${replay.entries} entries, ${replay.clientsErased} clients erased again, ` +
            `${replay.keysDestroyed} data keys destroyed.`,
        );
        if (replay.unreadableLines > 0)
          out(`  ${replay.unreadableLines} lines of the ledger file could not be read (see the log).`);
        return 0;
      });
    },
  },
};
