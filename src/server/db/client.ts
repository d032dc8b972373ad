import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { Logger } from '../platform/logger.js';
import { acquireEmbeddedLock } from './embedded-lock.js';
import * as schema from './schema/index.js';

/** The one query interface both engines share; repos are written against it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  engine: Engine;
  db: Database;
  /** Applies pending migrations; safe to call from several nodes at once. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /**
   * Hears NOTIFY on a channel from every node (and this one) once the notifying transaction commits.
   * Resolves once listening; the answer stops it.
   */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /**
   * The embedded engine's one session, for work that needs the engine itself: the daily backup dumps
   * its data directory through it, since no second process may open the files. Absent on PostgreSQL.
   */
  pglite?: PGlite;
}

export interface NotificationHandlers {
  onPayload(payload: string): void;
  /** The listening connection was lost and is back: notifications in between were missed. */
  onResumed(): void;
}

export interface DatabaseOptions {
  /** postgres://… for a server; undefined for the embedded engine. */
  databaseUrl: string | undefined;
  /** Where the embedded engine keeps its files; 'memory://' keeps them in memory (tests). */
  embeddedDir: string;
  log: Logger;
}

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));
// Any fixed number works; it only has to be the same on every node.
const MIGRATION_LOCK_KEY = 727_001;

/** Opens the configured engine. Does not migrate; callers decide when. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.log)
    : openEmbedded(options.embeddedDir, options.log);
}

async function openEmbedded(directory: string, log: Logger): Promise<DatabaseHandle> {
  const inMemory = directory.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    mkdirSync(directory, { recursive: true });
    releaseLock = acquireEmbeddedLock(`${directory}.lock`);
    if (!existsSync(path.join(directory, 'PG_VERSION'))) {
      log.info({ directory }, 'initialising the database… (first start only, a few seconds)');
    }
  }
  let client: PGlite;
  try {
    // Extensions the migrations create must be loaded into the embedded engine first.
    client = await PGlite.create(inMemory ? undefined : directory, { extensions: { pg_trgm } });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    engine: 'pglite',
    db,
    pglite: client,
    // The embedded engine is one session in this process: no other node can race the migration.
    migrate: () => migratePglite(drizzlePglite({ client, schema }), { migrationsFolder }),
    ping: async () => {
      await client.query('select 1');
    },
    // In process: the engine's one session hears its own NOTIFY at commit and is never lost.
    listen: (channel, handlers) => client.listen(channel, handlers.onPayload),
    close: async () => {
      await client.close();
      releaseLock();
    },
  };
}

async function openPostgres(databaseUrl: string, log: Logger): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    application_name: 'rehabit',
    // A transaction left open by a crashed request must not hold locks for long.
    options: '-c idle_in_transaction_session_timeout=60000',
  });
  pool.on('error', (error) => log.error({ err: error }, 'idle database connection failed'));
  const db = drizzlePostgres({ client: pool, schema }) as unknown as Database;
  return {
    engine: 'postgres',
    db,
    migrate: async () => {
      const lockHolder = await pool.connect();
      try {
        await lockHolder.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        await migratePostgres(drizzlePostgres({ client: pool, schema }), { migrationsFolder });
      } finally {
        await lockHolder.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
        lockHolder.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    listen: (channel, handlers) => listenOnServer(databaseUrl, channel, handlers, log),
    close: () => pool.end(),
  };
}

const RELISTEN_MAX_DELAY_MS = 10_000;

/**
 * A dedicated connection outside the pool (a pooled one would be handed to other work), reopened with
 * backoff when the server or the network drops it.
 */
async function listenOnServer(
  databaseUrl: string,
  channel: string,
  handlers: NotificationHandlers,
  log: Logger,
): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const connect = async () => {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: 'rehabit-listen' });
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) handlers.onPayload(message.payload);
    });
    client.on('error', (error) => log.warn({ err: error }, 'the notification connection failed'));
    await client.connect();
    await client.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    client.on('end', () => {
      if (!stopped) reconnect(1);
    });
    current = client;
  };
  const reconnect = (attempt: number) => {
    const delay = Math.min(RELISTEN_MAX_DELAY_MS, 250 * 2 ** (attempt - 1));
    retryTimer = setTimeout(() => {
      connect().then(
        () => handlers.onResumed(),
        () => {
          if (!stopped) reconnect(attempt + 1);
        },
      );
    }, delay);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retryTimer);
    await current?.end().catch(() => undefined);
  };
}
