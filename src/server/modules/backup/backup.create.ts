import type { PGlite } from '@electric-sql/pglite';
import type { Transactor } from '../../db/transactions.js';
import { embeddedDirectory } from '../../runtime.js';
import { readLedgerText } from '../erasure/erasure-ledger-file.js';
import type { TableSummary } from './archive.js';
import type { MediaEntry } from './archive-body.js';
import { archiveFileName, engineOf } from './archive-names.js';
import { embeddedTransactor, postgresTransactor, recordBackupStep } from './backup.audit.js';
import type { BackupDeps } from './backup.service.js';
import { BackupError } from './backup-error.js';
import { openEmbeddedDatabase, snapshotEmbedded } from './embedded.js';
import type { BackupStore } from './locations/backup-store.js';
import { declareStoreRegion } from './locations/region-marker.js';
import { type Query, summariseTables } from './manifest.js';
import { mediaEntries, mediaRoot } from './media.js';
import { migrationOf } from './migrations.js';
import { checkTools, connect, dumpPostgres } from './postgres.js';
import { storeArchive } from './stored-archive.js';

// `backup create` and the daily job share this. The command opens the database itself (the embedded
// engine only while no server runs); the job hands in the running server's embedded session instead,
// since no second opener may touch its files. PostgreSQL is always read through a connection of its own.

/** Who asks (audited as such), and the running server's database when the job makes the archive. */
export interface BackupSource {
  actor: 'operator' | 'system';
  /** The running server's embedded session; absent on PostgreSQL and on the command line. */
  pglite?: PGlite;
  /** The running server's transactor, for the audit entry; the command line writes through its own session. */
  transactor?: Transactor;
}

export interface CreatedBackup {
  /** The archive's name in the backup location. */
  name: string;
  archiveId: string;
  bytes: number;
  tables: number;
  rows: number;
  /** Stored media files taken in (after the dump: files uploaded meanwhile may be among them). */
  media: number;
}

const totals = (tables: TableSummary[]) => ({
  tables: tables.length,
  rows: tables.reduce((sum, table) => sum + table.rows, 0),
});

/** Writes a new archive of the whole deployment's database (and its erasure ledger) into the location. */
export async function createBackup(
  deps: BackupDeps,
  store: BackupStore,
  source: BackupSource = { actor: 'operator' },
): Promise<CreatedBackup> {
  const { config, keyring, clock } = deps;
  await declareStoreRegion(store, config.region);
  const engine = engineOf(config);
  const createdAt = clock.now();
  let media = 0;
  async function* counted(entries: AsyncIterable<MediaEntry>) {
    for await (const entry of entries) {
      media += 1;
      yield entry;
    }
  }
  const write = async (
    snapshot: { tables: TableSummary[]; migration: string },
    dump: AsyncIterable<Buffer>,
  ): Promise<CreatedBackup> => {
    const written = await storeArchive(store, archiveFileName(config.region, engine, createdAt), {
      keyring,
      header: {
        engine,
        region: config.region,
        createdAt: createdAt.toISOString(),
        migration: snapshot.migration,
      },
      contents: { tables: snapshot.tables, ledger: await readLedgerText(config.dataDir) },
      dump,
      media: counted(mediaEntries(mediaRoot(config.dataDir))),
    });
    return { ...written, ...totals(snapshot.tables), media };
  };
  // After the dump, never around it: on the embedded engine's one session a transaction inside the
  // snapshot's would wait for the snapshot's to end. An empty database has no audit trail to write to.
  const audited = async (transactor: Transactor, migration: string, created: CreatedBackup) => {
    if (migration !== 'none')
      await recordBackupStep(transactor, clock, {
        action: 'backup.create',
        actor: source.actor,
        archiveId: created.archiveId,
        outcome: 'success',
      });
    return created;
  };
  const fromEmbedded = async (client: PGlite) => {
    const snapshot = await snapshotEmbedded(client);
    const created = await write(
      snapshot,
      (async function* () {
        yield snapshot.dump;
      })(),
    );
    return audited(source.transactor ?? embeddedTransactor(client), snapshot.migration, created);
  };

  if (!config.databaseUrl) {
    if (source.pglite) return fromEmbedded(source.pglite);
    const session = await openEmbeddedDatabase(embeddedDirectory(config));
    if (!session) throw new BackupError(`There is no embedded database under ${config.dataDir} to back up.`);
    try {
      return await fromEmbedded(session.client);
    } finally {
      await session.close();
    }
  }

  const snapshotClient = await connect(config.databaseUrl, 'rehabit-backup');
  // Ending the session ends the exporting transaction (read only: nothing to commit).
  let released = false;
  const releaseSnapshot = async () => {
    if (released) return;
    released = true;
    await snapshotClient.end().catch(() => undefined);
  };
  let tables: TableSummary[];
  let migration: string;
  let created: CreatedBackup;
  try {
    await checkTools(snapshotClient, ['pg_dump']);
    // One snapshot for the manifest and pg_dump: counts and dump describe the same instant.
    await snapshotClient.query('begin isolation level repeatable read read only');
    const [exported] = (
      await snapshotClient.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot')
    ).rows;
    // As pg_dump does: a role that row-level security would hide rows from fails instead of losing them.
    await snapshotClient.query('set local row_security = off');
    const query: Query = async (text) => (await snapshotClient.query(text)).rows;
    try {
      tables = await summariseTables(query);
    } catch (error) {
      throw new BackupError(
        `Cannot read every row: ${(error as Error).message}. The database role needs BYPASSRLS (or superuser) to back up.`,
      );
    }
    migration = await migrationOf(query);
    created = await write(
      { tables, migration },
      releasedOnFirstBytes(dumpPostgres(config.databaseUrl, exported?.snapshot ?? ''), releaseSnapshot),
    );
  } finally {
    await releaseSnapshot();
  }
  if (source.transactor) return audited(source.transactor, migration, created);
  // The command line's entry goes through a connection of its own: the snapshot's has long ended.
  const auditClient = await connect(config.databaseUrl, 'rehabit-backup');
  try {
    return await audited(postgresTransactor(auditClient), migration, created);
  } finally {
    await auditClient.end().catch(() => undefined);
  }
}

/**
 * Passes the dump through, ending the exported snapshot's session when its first bytes arrive, so no
 * transaction of ours sits open (idle, holding back vacuum, exposed to idle_in_transaction_session_timeout
 * and pg_terminate_backend) through the rest of the dump, the media and the upload.
 *
 * Why the first bytes are a safe point: pg_dump imports the snapshot (SET TRANSACTION SNAPSHOT) as the
 * first statement of its own transaction, before it reads anything, and an imported snapshot no longer
 * depends on the exporting transaction, which only has to live until the import. In the custom format
 * on a pipe pg_dump writes nothing until it has read the whole schema under that snapshot (header, table
 * of contents and data all go out at the end), so its first byte comes after the import. Were that ever
 * not so, the import would fail ("invalid snapshot identifier") and so would pg_dump and the backup:
 * never a dump of another instant than the manifest's.
 */
async function* releasedOnFirstBytes(
  dump: AsyncIterable<Buffer>,
  release: () => Promise<void>,
): AsyncGenerator<Buffer> {
  let first = true;
  for await (const chunk of dump) {
    if (first) {
      first = false;
      await release();
    }
    yield chunk;
  }
}
