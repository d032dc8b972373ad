import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Config } from '../../config.js';
import { acquireEmbeddedLock } from '../../db/embedded-lock.js';
import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto/index.js';
import type { Logger } from '../../platform/logger.js';
import { embeddedDirectory } from '../../runtime.js';
import type { NewLedgerEntry } from '../erasure/erasure.repo.js';
import {
  appendLedgerFile,
  ledgerFilePath,
  parseLedgerText,
  readLedgerFile,
} from '../erasure/erasure-ledger-file.js';
import {
  type ArchiveContents,
  type ArchiveHeader,
  type ArchiveSink,
  checkFileChecksum,
  readArchive,
  readArchiveHeader,
  type TableSummary,
} from './archive.js';
import type { MediaIndex } from './archive-body.js';
import { engineOf, stamp } from './archive-names.js';
import { recordInDeployment } from './backup.audit.js';
import { BackupError } from './backup-error.js';
import { loadEmbedded, openEmbeddedDatabase, scratchEmbedded } from './embedded.js';
import { compareSummaries, type Query, summariseTables } from './manifest.js';
import { type MediaSwap, mediaRestore, mediaRoot } from './media.js';
import { knownMigration } from './migrations.js';
import { checkTools, connect, startPostgresRestore } from './postgres.js';
import { type RestoredDatabase, replayAfterRestore } from './replay.js';

/** What the backup commands stand on (no open database: they open it themselves, see embedded.ts). */
export interface BackupDeps {
  config: Config;
  keyring: Keyring;
  clock: Clock;
  log: Logger;
}

/** Refuses what this deployment must not open: another region's archive, another engine's, a newer schema's. */
async function admit(deps: BackupDeps, file: string): Promise<ArchiveHeader> {
  const { header } = await readArchiveHeader(file);
  if (header.holds !== 'dump')
    throw new BackupError(
      `This file is part of PostgreSQL's continuous archive (${header.holds}), not a backup archive: ` +
        'restore it with `backup pitr`.',
    );
  if (header.region !== deps.config.region)
    throw new BackupError(
      `This archive belongs to region "${header.region}"; this deployment is region "${deps.config.region}". ` +
        "A region's backups are restored only in that region.",
    );
  if (header.engine !== engineOf(deps.config))
    throw new BackupError(
      `This archive was made by the ${header.engine === 'pglite' ? 'embedded engine' : 'PostgreSQL engine'}; ` +
        `this deployment runs the ${engineOf(deps.config) === 'pglite' ? 'embedded engine' : 'PostgreSQL engine'}.`,
    );
  if (!knownMigration(header.migration))
    throw new BackupError(
      `This archive's schema (${header.migration}) is newer than this version of Rehabit: upgrade first.`,
    );
  await checkFileChecksum(file);
  return header;
}

export interface VerifyReport {
  header: ArchiveHeader;
  tables: number;
  rows: number;
  problems: string[];
  /** The stored media files, each checked against its size and SHA-256; absent in a /1 archive. */
  media?: { files: number; bytes: number };
  /** Why the verification is not in the audit trail (the embedded engine held by a running server, say). */
  notAudited?: string;
}

/** Verifies the archive (see checkArchive) and records that, with its outcome, in the audit trail. */
export async function verifyBackup(deps: BackupDeps, file: string): Promise<VerifyReport> {
  let report: VerifyReport;
  try {
    report = await checkArchive(deps, file);
  } catch (error) {
    const archiveId = await readArchiveHeader(file).then(
      ({ header }) => header.archiveId,
      () => undefined,
    );
    if (error instanceof BackupError && archiveId)
      await recordInDeployment(deps, {
        action: 'backup.verify',
        actor: 'operator',
        archiveId,
        outcome: 'failure',
      });
    throw error;
  }
  const notAudited = await recordInDeployment(deps, {
    action: 'backup.verify',
    actor: 'operator',
    archiveId: report.header.archiveId,
    outcome: report.problems.length === 0 ? 'success' : 'failure',
  });
  return notAudited ? { ...report, notAudited } : report;
}

/**
 * Decrypts the archive, checks its checksums and every chunk's tag, restores it into a scratch database
 * (a temporary embedded directory, or a PostgreSQL database created and dropped) and compares every
 * table's row count and checksum with those recorded at creation.
 */
async function checkArchive(deps: BackupDeps, file: string): Promise<VerifyReport> {
  const header = await admit(deps, file);
  let contents: ArchiveContents | undefined;
  let media: VerifyReport['media'];
  let restored: TableSummary[];
  // readArchive matches every media file to the index (count, size, SHA-256) before handing it over.
  const sink = {
    contents: async (found: ArchiveContents) => {
      contents = found;
    },
    mediaIndex: async (index: MediaIndex) => {
      media = { files: index.files.length, bytes: index.files.reduce((sum, entry) => sum + entry.bytes, 0) };
    },
  };
  const { config, keyring } = deps;
  if (!config.databaseUrl) {
    const parts: Buffer[] = [];
    await readArchive(file, keyring, {
      ...sink,
      dump: async (chunk) => {
        parts.push(chunk);
      },
    });
    const scratch = await scratchEmbedded(Buffer.concat(parts), tmpdir());
    try {
      restored = await summariseTables(scratch.query);
    } finally {
      await scratch.close();
    }
  } else {
    const admin = await connect(config.databaseUrl, 'rehabit-backup');
    const name = `rehabit_verify_${Date.now()}_${Math.random().toString(16).slice(2, 8)}`;
    try {
      await checkTools(admin, ['pg_restore', 'psql']);
      try {
        await admin.query(`create database ${name}`);
      } catch (error) {
        throw new BackupError(
          `Cannot create a scratch database to verify into (${(error as Error).message}): the role needs CREATEDB.`,
        );
      }
      const url = new URL(config.databaseUrl);
      url.pathname = `/${name}`;
      await restoreIntoPostgres(deps, file, url.toString(), '', sink);
      const scratch = await connect(url.toString(), 'rehabit-backup');
      try {
        restored = await summariseTables(async (text) => (await scratch.query(text)).rows);
      } finally {
        await scratch.end();
      }
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
  }
  const recorded = contents?.tables ?? [];
  return {
    header,
    tables: recorded.length,
    rows: recorded.reduce((sum, table) => sum + table.rows, 0),
    problems: compareSummaries(recorded, restored),
    ...(media ? { media } : {}),
  };
}

/** Streams the archive's dump through pg_restore into one psql transaction, aborted on any failure. */
async function restoreIntoPostgres(
  deps: BackupDeps,
  file: string,
  targetUrl: string,
  prelude: string,
  sink: Omit<ArchiveSink, 'dump'>,
): Promise<void> {
  const restore = startPostgresRestore(targetUrl, prelude);
  try {
    await readArchive(file, deps.keyring, { ...sink, dump: (chunk) => restore.write(chunk) });
  } catch (error) {
    await restore.abort();
    throw error;
  }
  await restore.finish();
}

// Every schema of ours goes, then public comes back empty: the archive's objects are created afresh,
// and tables a newer migration added do not linger. Runs in the restore's own transaction.
const POSTGRES_PRELUDE = `
DO $$
DECLARE s text;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'
  LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', s);
  END LOOP;
END $$;
CREATE SCHEMA public;
GRANT USAGE ON SCHEMA public TO PUBLIC;
`;

export interface RestoreReport {
  header: ArchiveHeader;
  replay: Awaited<ReturnType<typeof replayAfterRestore>>;
}

/**
 * Replaces the deployment's database with the archive's, then replays the erasure ledger: the entries
 * of the archive, of DATA_DIR's ledger file and of the database being replaced (read before it goes,
 * and added to the ledger file first), so everyone erased since the backup was taken is erased again
 * and their data keys destroyed. `replay` is the replay step (a test makes it fail).
 */
export async function restoreBackup(
  deps: BackupDeps,
  file: string,
  replay: typeof replayAfterRestore = replayAfterRestore,
): Promise<RestoreReport> {
  const header = await admit(deps, file);
  const { config, keyring } = deps;
  let contents: ArchiveContents | undefined;
  // Media are unpacked beside DATA_DIR/media while the archive is read, swapped in after the database.
  const media = mediaRestore(mediaRoot(config.dataDir), header.archiveId, stamp(deps.clock.now()));
  const sink: Omit<ArchiveSink, 'dump'> = {
    contents: async (found) => {
      contents = found;
    },
    media: (relative, chunks) => media.write(relative, chunks),
    mediaIndex: async () => media.found(),
  };
  let replaced: NewLedgerEntry[] = [];
  let database: RestoredDatabase = { undo: async () => {}, done: async () => {} };
  await media.prepare();
  try {
    database = await replaceDatabase();
  } catch (error) {
    await media.discard();
    throw error;
  }
  let mediaSwap: MediaSwap;
  try {
    mediaSwap = await media.swapIn();
  } catch (error) {
    await database.undo();
    await media.discard();
    throw error;
  }

  const fromArchive = parseLedgerText(contents?.ledger ?? '').entries;
  try {
    // Removes the restored media of everyone erased since, with the rest of their record.
    const report = await replay(deps, [...fromArchive, ...replaced], header.archiveId);
    await database.done();
    await mediaSwap.done();
    return { header, replay: report };
  } catch (error) {
    await database.undo();
    await mediaSwap.undo();
    throw error;
  }

  async function replaceDatabase(): Promise<RestoredDatabase> {
    if (!config.databaseUrl) {
      const live = embeddedDirectory(config);
      const current = await openEmbeddedDatabase(live);
      if (current) {
        try {
          replaced = await ledgerOf(current.query);
        } finally {
          await current.close();
        }
        // The replaced directory waits aside until the replay is done, but a crash meanwhile would leave
        // the restored one live: the file must name them too.
        await keepInLedgerFile(config.dataDir, replaced);
      }
      const parts: Buffer[] = [];
      await readArchive(file, keyring, {
        ...sink,
        dump: async (chunk) => {
          parts.push(chunk);
        },
      });
      // Unpacked beside the live directory, swapped in whole; the old one waits aside until the replay is done.
      const incoming = `${live}.restoring-${header.archiveId}`;
      const aside = `${live}.before-restore-${stamp(deps.clock.now())}`;
      // Held across the swap so a server started meanwhile cannot open a half-moved directory.
      const release = acquireEmbeddedLock(`${live}.lock`);
      try {
        await rm(incoming, { recursive: true, force: true });
        await loadEmbedded(incoming, Buffer.concat(parts));
        if (current) await rename(live, aside);
        await rename(incoming, live);
      } finally {
        release();
      }
      return {
        undo: async () => {
          if (!current) return;
          await rm(live, { recursive: true, force: true });
          await rename(aside, live);
        },
        done: () => rm(aside, { recursive: true, force: true }),
      };
    }
    const admin = await connect(config.databaseUrl, 'rehabit-backup');
    try {
      await checkTools(admin, ['pg_restore', 'psql']);
      replaced = await ledgerOf(async (text) => (await admin.query(text)).rows);
    } finally {
      await admin.end();
    }
    // Once psql commits, the database's ledger is gone: if the media swap, the migration or the replay
    // then fails (or the process dies), only the file still names those erased, for the next replay.
    await keepInLedgerFile(config.dataDir, replaced);
    await restoreIntoPostgres(deps, file, config.databaseUrl, POSTGRES_PRELUDE, sink);
    // The transaction has committed: there is nothing to go back to, and nothing to tidy.
    return { undo: async () => {}, done: async () => {} };
  }
}

/**
 * Appends to DATA_DIR's ledger file (flushed) the entries of a database about to be replaced that the
 * file lacks: an erasure on another node, or whose line was torn or lost, is written there before the
 * only other copy goes.
 */
async function keepInLedgerFile(dataDir: string, entries: NewLedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const file = ledgerFilePath(dataDir);
  const key = (entry: NewLedgerEntry) => `${entry.kind}:${entry.subjectId}`;
  const known = new Set((await readLedgerFile(file)).entries.map(key));
  const missing = entries.filter((entry) => !known.has(key(entry)));
  await appendLedgerFile(file, missing);
}

/** The ledger table of a database about to be replaced; none if it has no such table yet. */
async function ledgerOf(query: Query): Promise<NewLedgerEntry[]> {
  const exists = await query("select to_regclass('public.erasure_ledger') is not null as found");
  if (!exists[0]?.found) return [];
  const rows = await query(
    'select subject_id, kind, practice_id, erased_at, actor_type, actor_id from public.erasure_ledger',
  );
  return rows.map((row) => ({
    subjectId: String(row.subject_id),
    kind: row.kind as NewLedgerEntry['kind'],
    practiceId: String(row.practice_id),
    erasedAt: new Date(row.erased_at as string | Date),
    actorType: row.actor_type as NewLedgerEntry['actorType'],
    actorId: row.actor_id === null ? null : String(row.actor_id),
  }));
}
