import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { logEntries, patientSignIn, someIp } from '../../modules/patient/patient.testkit.js';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { itemBody, LIBRARY, saveProgram } from '../../testing/programs.js';
import { loadKeyring } from './keyring.js';
import {
  REENCRYPT_JOB,
  RETIRED_KEY_GRACE_MS,
  reencryptRetiredValues,
  rotateDataKeys,
} from './reencryption.js';
import { decryptEverything, freshCipher, silentLog, tempDataDir } from './rotation.testkit.js';

const today = () => new Date().toISOString().slice(0, 10);

describe(`data key rotation and re-encryption (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  // The job waits until no node can still seal with a retired key: tests move the clock past it.
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    offsetMs = 0;
  });

  async function practiceWithData(): Promise<TestAccount> {
    const owner = await signUp(app, { mobile: '+447400654321' });
    for (let n = 0; n < 3; n++) {
      const client = await createClient(app, owner, {
        email: `re.${n}@example.org`,
        mobile: '+447400123456',
      });
      const saved = await saveProgram(app, owner, client.id, {
        items: [itemBody(LIBRARY.quadSet, { notes: `Keep the knee straight ${n}` })],
      });
      const token = (await patientSignIn(app, { accessCode: saved.accessCode }, someIp())).json().token;
      await logEntries(app, token, [
        {
          programItemId: saved.program.items[0]?.id as string,
          date: today(),
          painLevel: n,
          comment: `c${n}`,
        },
      ]);
    }
    return owner;
  }

  const keysOf = (practiceId: string) =>
    app.platform.transactor.asSystem((tx) =>
      queryRows<{ id: string; status: string }>(
        tx,
        sql`select id::text as id, status from data_keys where practice_id = ${practiceId}::uuid`,
      ),
    );

  const jobStatuses = async (practiceId: string) =>
    (
      await app.platform.transactor.asSystem((tx) =>
        queryRows<{ status: string }>(
          tx,
          sql`select status from jobs where kind = ${REENCRYPT_JOB} and payload->>'practiceId' = ${practiceId}`,
        ),
      )
    ).map((job) => job.status);

  const deps = () => ({
    transactor: app.platform.transactor,
    cipher: app.platform.cipher,
    storage: app.platform.storage,
    jobs: app.platform.jobs,
    clock,
  });

  it('retires the keys, and the job leaves no value under them, every value still decrypting', async () => {
    const owner = await practiceWithData();
    const before = await decryptEverything(app.platform.transactor, app.platform.cipher, owner.practiceId);
    expect(before.failures).toEqual([]);
    const oldKeys = await keysOf(owner.practiceId);
    expect(oldKeys.length).toBe(4);

    const rotated = await rotateDataKeys(deps(), { practiceId: owner.practiceId });
    expect(rotated).toEqual({ rotatedKeys: 4, practices: 1 });
    // New values go under the new keys at once; old ones still read through the app.
    const client = await createClient(app, owner, { email: 'after@example.org' });
    expect((await as(app, owner, { method: 'GET', url: `/api/v1/clients/${client.id}` })).json().email).toBe(
      'after@example.org',
    );

    // The job is not due before the grace period; then the runner runs it.
    await app.platform.jobs.runDue();
    expect(await jobStatuses(owner.practiceId)).toEqual(['queued']);
    offsetMs = RETIRED_KEY_GRACE_MS + 1000;
    await app.platform.jobs.runDue();
    expect(await jobStatuses(owner.practiceId)).toEqual(['done']);

    const keys = await keysOf(owner.practiceId);
    const retiredIds = oldKeys.map((key) => key.id);
    expect(keys.filter((key) => retiredIds.includes(key.id)).map((key) => key.status)).toEqual(
      retiredIds.map(() => 'drained'),
    );
    // A cipher with nothing cached: it must find every key it needs in the table.
    const keyring = loadKeyring(
      { masterKey: Buffer.from(inject('masterKey'), 'base64'), dataDir: tempDataDir() },
      silentLog,
    );
    const fresh = await freshCipher(app.platform.transactor, keyring, clock);
    const after = await decryptEverything(app.platform.transactor, fresh, owner.practiceId);
    expect(after.failures).toEqual([]);
    for (const id of retiredIds) expect(after.byKey.get(id) ?? 0).toBe(0);
    // Outbox parameters are erased once sent (the runner sent the sign-up mail): the rest is all there.
    const kept = [...before.plain].filter(
      ([at]) => !at.startsWith('mail_outbox') && !at.startsWith('sms_outbox'),
    );
    expect(kept.length).toBeGreaterThan(10);
    for (const [at, plain] of kept) expect(after.plain.get(at)).toBe(plain);
  });

  it("rotates one client's key only", async () => {
    const owner = await practiceWithData();
    const [client] = (await as(app, owner, { method: 'GET', url: '/api/v1/clients' })).json().items;
    const before = await keysOf(owner.practiceId);
    expect(await rotateDataKeys(deps(), { clientId: client.id })).toEqual({ rotatedKeys: 1, practices: 1 });
    const after = await keysOf(owner.practiceId);
    expect(after.filter((key) => key.status === 'retired')).toHaveLength(1);
    expect(after).toHaveLength(before.length + 1);
  });

  it('finishes after an interruption, and a re-run finds nothing left', async () => {
    const owner = await practiceWithData();
    await rotateDataKeys(deps(), { practiceId: owner.practiceId });
    offsetMs = RETIRED_KEY_GRACE_MS + 1000;
    let batches = 0;
    await expect(
      reencryptRetiredValues(
        {
          ...deps(),
          batchSize: 1,
          afterBatch: () => {
            batches += 1;
            if (batches === 3) throw new Error('node stopped');
          },
        },
        { practiceId: owner.practiceId },
      ),
    ).rejects.toThrow('node stopped');

    const resumed = await reencryptRetiredValues(deps(), { practiceId: owner.practiceId });
    expect(resumed.remaining).toBe(0);
    expect(resumed.drained).toBe(4);
    expect(resumed.reencrypted).toBeGreaterThan(0);
    const again = await reencryptRetiredValues(deps(), { practiceId: owner.practiceId });
    expect(again).toMatchObject({ keys: [], reencrypted: 0 });
    const census = await decryptEverything(app.platform.transactor, app.platform.cipher, owner.practiceId);
    expect(census.failures).toEqual([]);
  });

  it('moves the values at once but keeps a key retired while a node may still seal with it', async () => {
    const owner = await practiceWithData();
    await rotateDataKeys(deps(), { practiceId: owner.practiceId });
    const early = await reencryptRetiredValues(deps(), { practiceId: owner.practiceId });
    expect(early.remaining).toBe(0);
    expect(early.keys.map((key) => key.kept)).toEqual(['grace', 'grace', 'grace', 'grace']);
  });
});
