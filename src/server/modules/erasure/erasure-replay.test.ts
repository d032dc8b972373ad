import { rm } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Tx } from '../../db/transactions.js';
import {
  createFieldCipher,
  DecryptionError,
  loadBlindIndexSecret,
  loadKeyring,
} from '../../platform/crypto/index.js';
import { createLogger } from '../../platform/logger.js';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { practiceSends, sent } from '../messages/messages.testkit.js';
import { erasureDeps, replayErasureLedger } from './erasure.module.js';
import { dataKeysOf, erase, ledgerRowsOf, rowsAboutClient } from './erasure.testkit.js';
import { ledgerFilePath } from './erasure-ledger-file.js';

// A restore of an older backup is simulated for real rows: the client's rows and data key are read
// before the erasure, exactly as a backup holds them, and written back afterwards (the key row with its
// wrapped key, the ledger without the entry: the backup was taken before the erasure).

type Row = Record<string, unknown>;
const SNAPSHOT_TABLES = ['clients', 'data_keys', 'messages'] as const;

async function snapshot(app: FastifyInstance, clientId: string) {
  return app.platform.transactor.asSystem(async (tx) => {
    const rows: Record<string, Row[]> = {};
    for (const table of SNAPSHOT_TABLES)
      rows[table] = await queryRows<Row>(
        tx,
        sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where ${sql.identifier(table === 'clients' ? 'id' : 'client_id')} = ${clientId}`,
      ).then((found) => found.map((r) => r.row as Row));
    return rows;
  });
}

async function restore(app: FastifyInstance, clientId: string, rows: Record<string, Row[]>) {
  await app.platform.transactor.asSystem(async (tx: Tx) => {
    // A restore writes as the database owner, not as a role of the application (the ledger is append-only).
    await tx.execute(sql`reset role`);
    // The backup's data_keys table replaces the current one: the tombstone gives way to the old row.
    await tx.execute(sql`delete from data_keys where client_id = ${clientId}`);
    await tx.execute(sql`delete from erasure_ledger where subject_id = ${clientId}`);
    for (const table of SNAPSHOT_TABLES)
      for (const row of rows[table] ?? [])
        await tx.execute(
          sql`insert into ${sql.identifier(table)} select * from jsonb_populate_record(null::${sql.identifier(table)}, ${JSON.stringify(row)}::jsonb)`,
        );
  });
}

describe('replaying the erasure ledger after a restore', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  /** A cipher of a newly started process: nothing cached, keys read from the database. */
  async function freshCipher() {
    const log = createLogger({ logLevel: 'silent' });
    const keyring = loadKeyring(app.platform.config, log);
    return createFieldCipher({
      keyring,
      blindIndexSecret: await loadBlindIndexSecret(app.platform.transactor, keyring),
      clock: app.platform.clock,
    });
  }

  async function erasedAndRestored() {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { email: 'restored@example.org' });
    await sent(practiceSends(app, owner, client.id, 'A message that must stay unreadable'));
    const rows = await snapshot(app, client.id);
    expect((await erase(app, owner, client.id)).statusCode).toBe(202);
    await restore(app, client.id, rows);
    const email = String(rows.clients?.[0]?.email);
    const decryptEmail = async () => {
      const cipher = await freshCipher();
      return app.platform.transactor.asSystem((tx) =>
        cipher.decrypt(tx, { practiceId: owner.practiceId, clientId: client.id }, email, {
          table: 'clients',
          column: 'email',
          rowId: client.id,
        }),
      );
    };
    return { owner, client, decryptEmail };
  }

  it('erases again a client the restore brought back, and their old ciphertext no longer decrypts', async () => {
    const { client, decryptEmail } = await erasedAndRestored();
    // The simulation is faithful: the restored copy is readable again until the replay.
    expect((await rowsAboutClient(app, client.id))['clients.id']).toBe(1);
    expect((await rowsAboutClient(app, client.id))['messages.client_id']).toBe(1);
    expect(await decryptEmail()).toBe('restored@example.org');

    const report = await replayErasureLedger(erasureDeps(app.platform));

    expect(report.clientsErased).toBeGreaterThanOrEqual(1);
    const after = await rowsAboutClient(app, client.id);
    expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    for (const key of await dataKeysOf(app, client.id))
      expect(key).toMatchObject({ status: 'destroyed', wrapped_key: '' });
    await expect(decryptEmail()).rejects.toBeInstanceOf(DecryptionError);
    // The restored database's ledger names the client again (it came from the file).
    expect(await ledgerRowsOf(app, client.id)).toHaveLength(1);
    const audit = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ action: string }>(
        tx,
        sql`select action from audit_events where subject_id = ${client.id} order by id`,
      ),
    );
    expect(audit.map((row) => row.action)).toContain('client.erase_replayed');
  });

  it('is idempotent: a second run finds nothing to do', async () => {
    const { client } = await erasedAndRestored();
    await replayErasureLedger(erasureDeps(app.platform));
    const again = await replayErasureLedger(erasureDeps(app.platform));
    expect(again).toMatchObject({
      clientsErased: 0,
      practicesErased: 0,
      keysDestroyed: 0,
      restoredEntries: 0,
    });
    expect(await ledgerRowsOf(app, client.id)).toHaveLength(1);
  });

  it('uses entries handed in by the restore when the ledger file is gone too', async () => {
    const { owner, client, decryptEmail } = await erasedAndRestored();
    // The file's copy is lost as well: only what the restore read from the replaced database remains.
    await rm(ledgerFilePath(app.platform.config.dataDir), { force: true });
    const entry = {
      subjectId: client.id,
      kind: 'client' as const,
      practiceId: owner.practiceId,
      erasedAt: new Date(),
      actorType: 'practitioner' as const,
      actorId: owner.practitionerId,
    };
    const report = await replayErasureLedger(erasureDeps(app.platform), { entries: [entry] });
    expect(report.restoredEntries).toBeGreaterThanOrEqual(1);
    expect((await rowsAboutClient(app, client.id))['clients.id']).toBe(0);
    await expect(decryptEmail()).rejects.toBeInstanceOf(DecryptionError);
    expect(await ledgerRowsOf(app, client.id)).toHaveLength(1);
  });
});
