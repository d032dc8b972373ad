import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.js';
import { systemClock } from '../../platform/clock.js';
import { loadExistingKeyring, MissingKeyringError } from '../../platform/crypto/index.js';
import { readLedgerFile } from '../erasure/erasure-ledger-file.js';
import { type BackupCommand, reporting } from './backup.commands.js';
import { BackupError } from './backup-error.js';
import { createBaseBackup, pruneContinuousArchive } from './base-backup.js';
import { preparePointInTimeRestore } from './pitr.js';
import { replayAfterRestore } from './replay.js';
import { regionStore } from './stored-archive.js';
import { fetchWal, hasWal, pushWal } from './wal.js';
import { walStatus } from './wal-status.js';

/** Two weekly base backups: restores to any moment of the last one to two weeks. */
const DEFAULT_BASES_KEPT = 2;

// PostgreSQL's continuous archiving (docs/operations.md, "Continuous archiving"): base backups, the
// archive_command and restore_command halves, the point-in-time restore and its check. Like the other
// backup commands they print names, times and counts, never data or key material.

const options = (args: string[], names: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    strict: false,
    options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
  });

function keyringOf(config: Config, log: Parameters<BackupCommand['run']>[1]) {
  try {
    return loadExistingKeyring(config, log);
  } catch (error) {
    if (error instanceof MissingKeyringError) throw new BackupError(error.message);
    throw error;
  }
}

// restore_command's exit codes: 1 is "not archived" (recovery ends there, normally); above 125 makes
// PostgreSQL abort recovery, which is right when the archive could not be read (a bucket down, a key
// missing): ending recovery early would promote a database short of its target.
const RECOVERY_ABORT = 126;

export const walCommands: Record<string, BackupCommand> = {
  'backup base': {
    summary:
      'PostgreSQL: a base backup for point-in-time restores, into the backup location (base/): backup base [--keep N]',
    async run(config, log, out, args) {
      const keep = Number(options(args, ['keep']).values.keep ?? DEFAULT_BASES_KEPT);
      if (!Number.isInteger(keep) || keep < 1) {
        out('--keep takes a whole number of base backups, at least 1.');
        return 2;
      }
      return reporting(out, async () => {
        const made = await createBaseBackup({ config, keyring: keyringOf(config, log), now: new Date() });
        out(`Base backup written: ${made.name} (${made.bytes} bytes; region ${config.region}).`);
        const pruned = await pruneContinuousArchive(await regionStore(config), config.region, keep);
        out(
          `  Kept the newest ${keep} base backups and the WAL they need: removed ${pruned.bases} older base ` +
            `backups and ${pruned.walFiles} WAL files.`,
        );
        return 0;
      });
    },
  },
  'backup wal-push': {
    summary: "PostgreSQL's archive_command: backup wal-push %p %f",
    async run(config, log, out, args) {
      const [source, name] = options(args, []).positionals;
      if (!source || !name) {
        out("Usage (in postgresql.conf): archive_command = '… backup wal-push %p %f'");
        return 2;
      }
      return reporting(out, async () => {
        await pushWal({ config, keyring: keyringOf(config, log), now: new Date() }, source, name);
        return 0;
      });
    },
  },
  'backup wal-fetch': {
    summary: "PostgreSQL's restore_command: backup wal-fetch %f %p",
    async run(config, log, out, args) {
      const [name, target] = options(args, []).positionals;
      if (!name || !target) {
        out("Usage (in postgresql.conf): restore_command = '… backup wal-fetch %f %p'");
        return 2;
      }
      try {
        // Recovery asks for files past the end of the archive; "not there" is its normal last answer.
        if (!(await hasWal(config, name))) return 1;
        await fetchWal({ config, keyring: keyringOf(config, log) }, name, target);
        return 0;
      } catch (error) {
        // Any failure, a file system's included: never the "not archived" answer.
        out((error as Error).message);
        return RECOVERY_ABORT;
      }
    },
  },
  'backup pitr': {
    summary:
      'PostgreSQL: prepare a data directory that recovers to a moment: backup pitr --to TIME --into DIR',
    async run(config, log, out, args) {
      const { values } = options(args, ['to', 'into', 'base', 'restore-command']);
      const target = typeof values.to === 'string' ? new Date(values.to) : undefined;
      if (!target || Number.isNaN(target.getTime()) || typeof values.into !== 'string') {
        out(
          'Usage: npm run rehabit -- backup pitr --to 2026-11-30T09:15:00Z --into /var/lib/postgresql/restored',
        );
        out('  [--base FILE] [--restore-command CMD]; --to is any ISO 8601 time with its zone.');
        return 2;
      }
      return reporting(out, async () => {
        const prepared = await preparePointInTimeRestore(
          { config, keyring: keyringOf(config, log) },
          {
            target,
            into: path.resolve(values.into as string),
            // Not resolved: a name in the backup location is not a path.
            ...(typeof values.base === 'string' ? { base: values.base } : {}),
            ...(typeof values['restore-command'] === 'string'
              ? { restoreCommand: values['restore-command'] }
              : {}),
          },
        );
        out(`Prepared ${values.into} from ${path.basename(prepared.base)} (taken ${prepared.baseTakenAt}).`);
        out(`  It recovers every transaction committed up to ${target.toISOString()}, then promotes.`);
        out(`  Erasure ledger for the replay: ${prepared.ledger.entries} entries in ${prepared.ledgerFile}.`);
        if (prepared.ledger.liveUnread)
          out(
            `  WARNING: the live database's erasure ledger was not read (${prepared.ledger.liveUnread}); ` +
              "add every node's DATA_DIR/erasure-ledger.jsonl to that file before the replay.",
          );
        out('  Next: start PostgreSQL on it with MASTER_KEY in its environment, wait for recovery to end,');
        out(
          `  point DATABASE_URL at it and run: npm run rehabit -- backup replay-ledger ${prepared.ledgerFile}`,
        );
        return 0;
      });
    },
  },
  'backup replay-ledger': {
    summary: 'after a point-in-time restore: erase again everyone the erasure ledger names',
    async run(config, log, out, args) {
      const [file] = options(args, []).positionals;
      return reporting(out, async () => {
        const extra = file ? (await readLedgerFile(path.resolve(file))).entries : [];
        const report = await replayAfterRestore(
          { config, keyring: keyringOf(config, log), clock: systemClock, log },
          extra,
        );
        out(
          `Erasure ledger replayed: ${report.entries} entries, ${report.clientsErased} clients erased again, ` +
            `${report.keysDestroyed} data keys destroyed.`,
        );
        return 0;
      });
    },
  },
  'backup wal-status': {
    summary: 'PostgreSQL: is continuous archiving working, and how much could be lost right now',
    async run(config, _log, out) {
      return reporting(out, async () => {
        const status = await walStatus(config);
        for (const line of status.lines) out(line);
        return status.ok ? 0 : 1;
      });
    },
  },
};
