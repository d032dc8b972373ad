import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/client.js';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { systemClock } from '../clock.js';
import { createLocalStorage } from '../storage/local-storage.js';
import { createObjectKeys, type KeyOwner } from './index.js';
import { loadKeyring } from './keyring.js';
import { rotateMasterKey } from './master-key-rotation.js';
import { freshCipher, ownDatabase, silentLog, tempDataDir } from './rotation.testkit.js';

// Media keys are wrapped by data keys, which the master key wraps in turn: a master key rotation
// re-wraps the data keys only, and stored objects must still open once the old master key is gone.

describe(`stored media across a master key rotation (${engineUnderTest()})`, () => {
  let own: { database: DatabaseHandle; drop(): Promise<void> };
  let app: FastifyInstance;
  let dataDir: string;
  const previous = randomBytes(32);

  beforeAll(async () => {
    own = await ownDatabase();
    dataDir = tempDataDir();
    app = await buildTestApp({
      database: own.database,
      env: { DATA_DIR: dataDir, MASTER_KEY: previous.toString('base64') },
    });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await own.drop();
  });

  it('opens media stored before the rotation with only the new MASTER_KEY', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const objects: { key: string; bytes: Buffer; owner: KeyOwner }[] = [
      { key: `${owner.practiceId}/${randomUUID()}`, bytes: randomBytes(200_000), owner },
      {
        key: `${owner.practiceId}/${randomUUID()}`,
        bytes: randomBytes(70_000),
        owner: { practiceId: owner.practiceId, clientId: client.id },
      },
    ];
    for (const object of objects) {
      await app.platform.storage.put(object.key, Readable.from([object.bytes]), object.owner);
    }
    const fileOf = (key: string) => `${path.join(dataDir, 'media', ...key.split('/'))}.rhm`;
    const before = objects.map((object) => readFileSync(fileOf(object.key)));

    // The operator sets MASTER_KEY to a new key and MASTER_KEY_PREVIOUS to the old one, and rotates.
    const next = randomBytes(32);
    const report = await rotateMasterKey({
      transactor: app.platform.transactor,
      asOwner: (work) => own.database.db.transaction(work),
      config: { masterKey: next, previousMasterKeys: [previous], dataDir },
      clock: systemClock,
      log: silentLog,
    });
    expect(report).toMatchObject({ mode: 'environment', done: true, unreadableDataKeys: 0 });

    // MASTER_KEY_PREVIOUS removed, a node started afresh: the objects open, and were not rewritten.
    const onlyNew = loadKeyring({ masterKey: next, dataDir: tempDataDir() }, silentLog);
    const cipher = await freshCipher(app.platform.transactor, onlyNew, systemClock);
    const storage = createLocalStorage({
      root: path.join(dataDir, 'media'),
      keys: createObjectKeys({ transactor: app.platform.transactor, cipher }),
    });
    for (const [n, object] of objects.entries()) {
      const read = await buffer(await storage.getRange(object.key, 0, object.bytes.length - 1));
      expect(read.equals(object.bytes)).toBe(true);
      expect(readFileSync(fileOf(object.key)).equals(before[n] as Buffer)).toBe(true);
    }
  }, 60_000);
});
