import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, openDatabase } from '../../db/client.js';
import { queryRows, type Transactor } from '../../db/transactions.js';
import { createScratchPostgresDatabase, testDatabaseUrl } from '../../testing/database.js';
import type { Clock } from '../clock.js';
import { createLogger } from '../logger.js';
import { ENCRYPTED_COLUMNS } from './encrypted-columns.js';
import { createFieldCipher, type FieldCipher } from './field-cipher.js';
import { loadBlindIndexSecret } from './index.js';
import type { Keyring } from './keyring.js';

// Helpers of the key rotation tests: a database of their own (a master-key rotation touches every data
// key in it), and a census that decrypts every encrypted value in the database.

export const silentLog = createLogger({ logLevel: 'silent' });

export const tempDataDir = () => mkdtempSync(path.join(tmpdir(), 'rehabit-keys-'));

/** A migrated database no other test file uses, and how to drop it. */
export async function ownDatabase(): Promise<{ database: DatabaseHandle; drop(): Promise<void> }> {
  if (testDatabaseUrl()) {
    const scratch = await createScratchPostgresDatabase();
    const database = await openDatabase({ databaseUrl: scratch.url, embeddedDir: '', log: silentLog });
    await database.migrate();
    return {
      database,
      async drop() {
        await database.close();
        await scratch.drop();
      },
    };
  }
  const database = await openDatabase({ databaseUrl: undefined, embeddedDir: 'memory://', log: silentLog });
  await database.migrate();
  return { database, drop: () => database.close() };
}

/** A cipher that knows nothing yet: every data key it opens is read and unwrapped afresh. */
export async function freshCipher(
  transactor: Transactor,
  keyring: Keyring,
  clock: Clock,
): Promise<FieldCipher> {
  return createFieldCipher({
    keyring,
    blindIndexSecret: await loadBlindIndexSecret(transactor, keyring),
    clock,
  });
}

export interface Census {
  /** Encrypted values found, per table.column. */
  counts: Record<string, number>;
  total: number;
  /** Values that did not decrypt, as table.column.id. */
  failures: string[];
  /** Values still sealed under each data key id. */
  byKey: Map<string, number>;
  /** Plain texts by table.column.id (tests compare what they wrote). */
  plain: Map<string, string>;
}

/** Reads every registered encrypted column (of one practice, or all) and decrypts each value. */
export async function decryptEverything(
  transactor: Transactor,
  cipher: FieldCipher,
  practiceId?: string,
): Promise<Census> {
  const census: Census = { counts: {}, total: 0, failures: [], byKey: new Map(), plain: new Map() };
  for (const column of ENCRYPTED_COLUMNS) {
    const name = `${column.table}.${column.column}`;
    const scope = practiceId ? sql`and practice_id = ${practiceId}::uuid` : sql``;
    await transactor.asSystem(async (tx) => {
      const rows = await queryRows<{ id: string; practice_id: string; value: string }>(
        tx,
        sql`select id::text as id, practice_id::text as practice_id, ${sql.identifier(column.column)} as value
            from ${sql.identifier(column.table)} where ${sql.identifier(column.column)} is not null ${scope}`,
      );
      census.counts[name] = rows.length;
      census.total += rows.length;
      for (const row of rows) {
        const keyId = row.value.split('.')[1] as string;
        census.byKey.set(keyId, (census.byKey.get(keyId) ?? 0) + 1);
        try {
          const plain = await cipher.decrypt(tx, { practiceId: row.practice_id }, row.value, {
            table: column.table,
            column: column.column,
            rowId: row.id,
          });
          census.plain.set(`${name}.${row.id}`, plain);
        } catch {
          census.failures.push(`${name}.${row.id}`);
        }
      }
    });
  }
  return census;
}
