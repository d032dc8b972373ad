import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type pg from 'pg';
import type { Database } from '../../db/client.js';
import * as schema from '../../db/schema/index.js';
import { createTransactor, type Transactor } from '../../db/transactions.js';
import { createAudit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import { embeddedDirectory } from '../../runtime.js';
import type { BackupDeps } from './backup.service.js';
import { openEmbeddedDatabase } from './embedded.js';
import { migrationOf } from './migrations.js';
import { connect } from './postgres.js';

// Backups are deployment-level acts: audited without a practice, by the operator (command line) or the
// system (the daily job), naming the archive by its id only — never a path, a key or anything it holds.
// The command line has no runtime (it may be about to replace the database), so these write through
// the session or connection the backup step already has, or one opened for the purpose.

export interface BackupAuditEntry {
  action: 'backup.create' | 'backup.verify' | 'backup.restore';
  actor: 'operator' | 'system';
  /** Absent when the step failed before an archive had an id. */
  archiveId?: string;
  outcome: 'success' | 'failure';
}

/** Writes the entry in one system transaction of its own. */
export async function recordBackupStep(
  transactor: Transactor,
  clock: Clock,
  entry: BackupAuditEntry,
): Promise<void> {
  await transactor.asSystem((tx) =>
    createAudit({ clock }).record(tx, {
      practiceId: null,
      actor: { type: entry.actor },
      action: entry.action,
      ...(entry.archiveId ? { subject: { type: 'backup', id: entry.archiveId } } : {}),
      outcome: entry.outcome,
    }),
  );
}

/** A transactor on a session the backup command opened on the embedded engine. */
export const embeddedTransactor = (client: PGlite): Transactor =>
  createTransactor(drizzlePglite({ client, schema }) as unknown as Database);

/** A transactor on the backup's own PostgreSQL connection. */
export const postgresTransactor = (client: pg.Client): Transactor =>
  createTransactor(drizzlePostgres({ client, schema }) as unknown as Database);

/**
 * Records the entry in the deployment's database, opened for it. Answers why it could not, where that
 * is not a fault of the step: the embedded engine is held by a running server, or there is no
 * database here (an archive checked on another machine).
 */
export async function recordInDeployment(
  deps: BackupDeps,
  entry: BackupAuditEntry,
): Promise<string | undefined> {
  const { config, clock } = deps;
  if (config.databaseUrl) {
    const client = await connect(config.databaseUrl, 'rehabit-backup');
    try {
      await recordBackupStep(postgresTransactor(client), clock, entry);
    } finally {
      await client.end().catch(() => undefined);
    }
    return undefined;
  }
  let session: Awaited<ReturnType<typeof openEmbeddedDatabase>>;
  try {
    session = await openEmbeddedDatabase(embeddedDirectory(config));
  } catch (error) {
    return (error as Error).message;
  }
  if (!session) return `there is no database under ${config.dataDir}`;
  try {
    if ((await migrationOf(session.query)) === 'none') return 'the database is empty';
    await recordBackupStep(embeddedTransactor(session.client), clock, entry);
    return undefined;
  } finally {
    await session.close();
  }
}
