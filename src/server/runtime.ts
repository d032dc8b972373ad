import path from 'node:path';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/client.js';
import { createTransactor, type Transactor } from './db/transactions.js';
import { type Keyring, loadKeyring } from './platform/crypto/index.js';
import type { Logger } from './platform/logger.js';

/** What both the server and the command line stand on: the database (migrated) and the keyring. */
export interface Runtime {
  database: DatabaseHandle;
  transactor: Transactor;
  keyring: Keyring;
  /** The configuration it was opened with (operator commands read keys and paths from it). */
  config: Config;
}

export function embeddedDirectory(config: Config): string {
  return path.join(config.dataDir, 'pglite');
}

export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    embeddedDir: embeddedDirectory(config),
    log,
  });
  try {
    await database.migrate();
    const keyring = loadKeyring(config, log);
    return { database, transactor: createTransactor(database.db), keyring, config };
  } catch (error) {
    await database.close();
    throw error;
  }
}
