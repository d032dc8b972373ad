import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { queryRows, type Transactor } from '../../db/transactions.js';
import { logEntries, patientSignIn, someIp } from '../../modules/patient/patient.testkit.js';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { systemClock } from '../clock.js';
import { KEYRING_FILE, keyIdOf, loadKeyring } from './keyring.js';
import { type MasterKeyRotationDeps, rotateMasterKey } from './master-key-rotation.js';
import { decryptEverything, freshCipher, ownDatabase, silentLog, tempDataDir } from './rotation.testkit.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Master key ids wrapping the database's data keys and deployment secrets, with counts. */
async function wrappers(transactor: Transactor) {
  return transactor.asSystem(async (tx) => {
    const rows = await queryRows<{ id: string; n: string | number }>(
      tx,
      sql`select master_key_id as id, count(*) as n from (
            select master_key_id from data_keys where status <> 'destroyed'
            union all select master_key_id from deployment_secrets) wrapped group by master_key_id`,
    );
    return Object.fromEntries(rows.map((row) => [row.id, Number(row.n)]));
  });
}

const fileKeys = (dataDir: string) =>
  Object.keys(JSON.parse(readFileSync(path.join(dataDir, KEYRING_FILE), 'utf8')).keys as object);

describe(`master key rotation (${engineUnderTest()})`, () => {
  let own: { database: DatabaseHandle; drop(): Promise<void> };
  let app: FastifyInstance;
  let dataDir: string;
  let transactor: Transactor;

  beforeAll(async () => {
    own = await ownDatabase();
    dataDir = tempDataDir();
    // No MASTER_KEY: the keyring file under DATA_DIR, which a rotation changes under the running app.
    app = await buildTestApp({ database: own.database, env: { DATA_DIR: dataDir, MASTER_KEY: '' } });
    transactor = app.platform.transactor;
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await own.drop();
  });

  const deps = (overrides: Partial<MasterKeyRotationDeps> = {}): MasterKeyRotationDeps => ({
    transactor,
    asOwner: (work) => own.database.db.transaction(work),
    config: { masterKey: undefined, previousMasterKeys: [], dataDir },
    clock: systemClock,
    log: silentLog,
    settleMs: 1500,
    ...overrides,
  });

  /** A client with an email and mobile, a program, and one logged exercise: encrypted data of each kind. */
  async function clientWithData(owner: TestAccount, n: number) {
    const client = await createClient(app, owner, {
      email: `load.${n}@example.org`,
      mobile: '+447400123456',
      diagnosisCode: 'M54.5',
    });
    const saved = await saveProgram(app, owner, client.id, {
      items: [itemBody(LIBRARY.quadSet, { notes: `Note ${n}` })],
    });
    const session = await patientSignIn(app, { accessCode: saved.accessCode }, someIp());
    const token = session.json().token as string;
    const logged = await logEntries(app, token, [
      {
        programItemId: saved.program.items[0]?.id as string,
        date: today(),
        setsDone: 3,
        comment: `Log ${n}`,
      },
    ]);
    expect(logged.statusCode, logged.body).toBe(201);
    return { client, token, itemId: saved.program.items[0]?.id as string };
  }

  it('re-wraps every data key and secret, drops the old key, and every value still decrypts', async () => {
    const owner = await signUp(app, { mobile: '+447400654321' });
    for (let n = 0; n < 3; n++) await clientWithData(owner, n);
    const before = await decryptEverything(transactor, app.platform.cipher);
    expect(before.failures).toEqual([]);
    const oldKeyId = loadKeyring({ masterKey: undefined, dataDir }, silentLog).active.id;

    const report = await rotateMasterKey(deps({ batchSize: 2 }));

    expect(report).toMatchObject({ mode: 'file', resumed: false, done: true, unreadableDataKeys: 0 });
    expect(report.rewrappedDataKeys).toBeGreaterThanOrEqual(4);
    expect(report.rewrappedSecrets).toBeGreaterThanOrEqual(1);
    expect(report.droppedMasterKeyIds).toEqual([oldKeyId]);
    expect(fileKeys(dataDir)).toEqual([report.activeMasterKeyId]);
    expect(await wrappers(transactor)).toEqual({ [report.activeMasterKeyId]: expect.any(Number) });

    // A node started now has only the new key: everything must open through it.
    const restarted = loadKeyring({ masterKey: undefined, dataDir }, silentLog);
    expect(restarted.find(oldKeyId)).toBeUndefined();
    const after = await decryptEverything(transactor, await freshCipher(transactor, restarted, systemClock));
    expect(after.failures).toEqual([]);
    expect(after.total).toBe(before.total);
    expect(after.plain).toEqual(before.plain);
    expect(JSON.stringify(report)).not.toContain(restarted.active.key.toString('base64'));
  });

  it('loses nothing while the app keeps creating and reading encrypted data during the rotation', async () => {
    const owner = await signUp(app);
    const seeded: Awaited<ReturnType<typeof clientWithData>>[] = [];
    for (let n = 0; n < 6; n++) seeded.push(await clientWithData(owner, 100 + n));

    let rotating = true;
    const written: { clientId: string; email: string }[] = [];
    const problems: string[] = [];
    // Two request streams, as two users would: new clients with an email, logs, and reading them back.
    const traffic = async (stream: number) => {
      for (let n = 0; rotating || n < 3; n++) {
        const email = `during.${stream}.${n}@example.org`;
        const created = await as(app, owner, {
          method: 'POST',
          url: '/api/v1/clients',
          payload: {
            firstName: 'Load',
            lastName: `S${stream}N${n}`,
            gender: 'other',
            yearOfBirth: 1990,
            email,
          },
        });
        if (created.statusCode !== 201) {
          problems.push(`create ${created.statusCode}`);
          continue;
        }
        written.push({ clientId: created.json().id, email });
        const read = await as(app, owner, { method: 'GET', url: `/api/v1/clients/${created.json().id}` });
        if (read.json().email !== email) problems.push(`read ${read.statusCode}`);
        const seededClient = seeded[n % seeded.length] as (typeof seeded)[number];
        const logged = await logEntries(app, seededClient.token, [
          {
            programItemId: seededClient.itemId,
            date: today(),
            repsDone: n,
            comment: `during ${stream}.${n}`,
          },
        ]);
        if (logged.statusCode !== 201) problems.push(`log ${logged.statusCode}`);
        const history = await as(app, owner, {
          method: 'GET',
          url: `/api/v1/clients/${seededClient.client.id}/adherence`,
        });
        if (history.statusCode !== 200) problems.push(`adherence ${history.statusCode}`);
      }
    };
    const streams = [traffic(1), traffic(2)];
    const report = await rotateMasterKey(deps({ batchSize: 1, settleMs: 2500 }));
    rotating = false;
    const writtenDuringRotation = written.length;
    await Promise.all(streams);
    expect(writtenDuringRotation).toBeGreaterThan(0);

    expect(problems).toEqual([]);
    expect(report.done).toBe(true);
    expect(written.length).toBeGreaterThan(3);
    expect(await wrappers(transactor)).toEqual({ [report.activeMasterKeyId]: expect.any(Number) });

    const restarted = loadKeyring({ masterKey: undefined, dataDir }, silentLog);
    const census = await decryptEverything(
      transactor,
      await freshCipher(transactor, restarted, systemClock),
      owner.practiceId,
    );
    expect(census.failures).toEqual([]);
    for (const { clientId, email } of written) {
      expect(census.plain.get(`clients.email.${clientId}`)).toBe(email);
    }
    // Every log written during the rotation is there and opens.
    const logs = [...census.plain.entries()].filter(
      ([at, plain]) => at.startsWith('adherence_entries') && plain.includes('during'),
    );
    expect(logs.length).toBe(written.length);
  }, 120_000);

  it('resumes an interrupted rotation instead of starting another', async () => {
    const owner = await signUp(app);
    for (let n = 0; n < 3; n++) await clientWithData(owner, 200 + n);
    let batches = 0;
    await expect(
      rotateMasterKey(
        deps({
          batchSize: 1,
          afterBatch: () => {
            batches += 1;
            if (batches === 2) throw new Error('power cut');
          },
        }),
      ),
    ).rejects.toThrow('power cut');
    const interrupted = fileKeys(dataDir);
    expect(interrupted).toHaveLength(2);

    const report = await rotateMasterKey(deps());
    expect(report).toMatchObject({ resumed: true, done: true });
    expect(interrupted).toContain(report.activeMasterKeyId);
    expect(fileKeys(dataDir)).toEqual([report.activeMasterKeyId]);
    const census = await decryptEverything(
      transactor,
      await freshCipher(transactor, loadKeyring({ masterKey: undefined, dataDir }, silentLog), systemClock),
    );
    expect(census.failures).toEqual([]);
  }, 60_000);

  it('with MASTER_KEY: re-wraps under the new key what MASTER_KEY_PREVIOUS and the file wrapped', async () => {
    const owner = await signUp(app);
    await clientWithData(owner, 300);
    const previous = loadKeyring({ masterKey: undefined, dataDir }, silentLog).active.key;
    const next = randomBytes(32);
    // The operator moves the file's key to MASTER_KEY_PREVIOUS and sets MASTER_KEY to a new one.
    const config = { masterKey: next, previousMasterKeys: [previous], dataDir };
    const report = await rotateMasterKey(deps({ config }));
    expect(report).toMatchObject({ mode: 'environment', done: true, activeMasterKeyId: keyIdOf(next) });
    expect(report.droppedMasterKeyIds).toEqual([]);
    expect(await wrappers(transactor)).toEqual({ [keyIdOf(next)]: expect.any(Number) });

    // Again: nothing left to do.
    expect(await rotateMasterKey(deps({ config }))).toMatchObject({ rewrappedDataKeys: 0, done: true });

    // Only the new key, in a directory without the old keyring file: everything opens.
    const onlyNew = loadKeyring({ masterKey: next, dataDir: tempDataDir() }, silentLog);
    const census = await decryptEverything(transactor, await freshCipher(transactor, onlyNew, systemClock));
    expect(census.failures).toEqual([]);
    expect(census.total).toBeGreaterThan(0);
  }, 60_000);
});
