import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import { createExercise, mediaRowsOf, mp4, png, upload } from '../../modules/exercises/exercises.testkit.js';
import { signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { createLocalStorage } from '../storage/local-storage.js';
import { dataKeyIdOf } from './field-cipher.js';
import { createObjectKeys } from './index.js';
import { loadKeyring } from './keyring.js';
import { RETIRED_KEY_GRACE_MS, reencryptRetiredValues, rotateDataKeys } from './reencryption.js';
import { freshCipher, silentLog, tempDataDir } from './rotation.testkit.js';

describe(`media keys under data key rotation (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };

  beforeAll(async () => {
    app = await buildTestApp({ clock });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    offsetMs = 0;
  });

  const mediaRoot = () => path.join(app.platform.config.dataDir, 'media');
  const fileOf = (storageKey: string) => `${path.join(mediaRoot(), ...storageKey.split('/'))}.rhm`;
  /** The data key the object's key is wrapped under, as its file's header names it. */
  const headerKeyId = (storageKey: string) => {
    const bytes = readFileSync(fileOf(storageKey));
    const header = JSON.parse(bytes.subarray(8, 8 + bytes.readUInt32BE(4)).toString('utf8'));
    return dataKeyIdOf(header.key);
  };

  const keysOf = (practiceId: string) =>
    app.platform.transactor.asSystem((tx) =>
      queryRows<{ id: string; status: string; client_id: string | null }>(
        tx,
        sql`select id::text as id, status, client_id::text as client_id from data_keys
            where practice_id = ${practiceId}::uuid`,
      ),
    );

  /** A practice with a practice-owned image and video and an image featuring a client. */
  async function practiceWithMedia(): Promise<{
    owner: TestAccount;
    media: { storageKey: string; bytes: Buffer; ofClient: boolean }[];
  }> {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const exercise = await createExercise(app, owner);
    const files = [
      { data: png('practice') },
      // Several 64 KiB chunks.
      { data: mp4(randomBytes(300_000)), contentType: 'video/mp4' },
      { data: png('client'), fields: [{ name: 'featuredClientId', value: client.id }] },
    ];
    const byId = new Map<string, { bytes: Buffer; ofClient: boolean }>();
    for (const file of files) {
      const response = await upload(app, owner, exercise.id, { data: file.data }, file.fields);
      expect(response.statusCode, response.body).toBe(201);
      byId.set(response.json().id, { bytes: file.data, ofClient: file.fields !== undefined });
    }
    const rows = await mediaRowsOf(app, owner.practiceId);
    return {
      owner,
      media: rows.map((row) => ({
        storageKey: row.storage_key,
        ...(byId.get(row.id) as { bytes: Buffer; ofClient: boolean }),
      })),
    };
  }

  const runJobAfterGrace = async () => {
    offsetMs = RETIRED_KEY_GRACE_MS + 1000;
    await app.platform.jobs.runDue();
  };

  /** Destroys the keys as erasure does, then reads every object through a node that has cached nothing. */
  async function readAfterDestroying(keyIds: string[], media: { storageKey: string }[]) {
    await app.platform.transactor.asSystem((tx) =>
      queryRows(
        tx,
        sql`update data_keys set status = 'destroyed', wrapped_key = ''
            where id in (${sql.join(
              keyIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )}) returning id`,
      ),
    );
    const keyring = loadKeyring(
      { masterKey: Buffer.from(inject('masterKey'), 'base64'), dataDir: tempDataDir() },
      silentLog,
    );
    const cipher = await freshCipher(app.platform.transactor, keyring, clock);
    const storage = createLocalStorage({
      root: mediaRoot(),
      keys: createObjectKeys({ transactor: app.platform.transactor, cipher }),
    });
    const read: Buffer[] = [];
    for (const { storageKey } of media) {
      const size = await storage.size(storageKey);
      read.push(await buffer(await storage.getRange(storageKey, 0, size - 1)));
    }
    return read;
  }

  const rotationDeps = () => ({
    transactor: app.platform.transactor,
    cipher: app.platform.cipher,
    jobs: app.platform.jobs,
    storage: app.platform.storage,
    clock,
  });

  it('moves every media key to the new data keys, so the old keys can be destroyed and media still opens', async () => {
    const { owner, media } = await practiceWithMedia();
    const oldIds = (await keysOf(owner.practiceId)).map((key) => key.id);
    for (const { storageKey } of media) expect(oldIds).toContain(headerKeyId(storageKey));

    await rotateDataKeys(rotationDeps(), { practiceId: owner.practiceId });
    await runJobAfterGrace();

    const keys = await keysOf(owner.practiceId);
    const active = keys.filter((key) => key.status === 'active').map((key) => key.id);
    for (const { storageKey } of media) expect(active).toContain(headerKeyId(storageKey));
    expect(keys.filter((key) => oldIds.includes(key.id)).map((key) => key.status)).toEqual(
      oldIds.map(() => 'drained'),
    );
    const read = await readAfterDestroying(oldIds, media);
    for (const [n, bytes] of read.entries()) expect(bytes.equals(media[n]?.bytes as Buffer)).toBe(true);
  });

  it('reports how many media keys it moved, and a second run finds none', async () => {
    const { owner } = await practiceWithMedia();
    await rotateDataKeys(rotationDeps(), { practiceId: owner.practiceId });
    offsetMs = RETIRED_KEY_GRACE_MS + 1000;
    const first = await reencryptRetiredValues(rotationDeps(), { practiceId: owner.practiceId });
    expect(first).toMatchObject({ rewrappedMedia: 3, remainingMedia: 0, unreadableMedia: 0, drained: 2 });
    const again = await reencryptRetiredValues(rotationDeps(), { practiceId: owner.practiceId });
    expect(again).toMatchObject({ keys: [], rewrappedMedia: 0 });
  });

  it('moves the key of an upload whose row was written only after the grace period', async () => {
    const { owner, media } = await practiceWithMedia();
    const oldIds = (await keysOf(owner.practiceId)).map((key) => key.id);
    await rotateDataKeys(rotationDeps(), { practiceId: owner.practiceId });
    offsetMs = RETIRED_KEY_GRACE_MS + 1000;
    // As a long video on a slow line: begun under the old key, its row written after the grace period.
    await app.platform.transactor.asSystem((tx) =>
      queryRows(
        tx,
        sql`update exercise_media set created_at = ${clock.now().toISOString()}::timestamptz
            where practice_id = ${owner.practiceId}::uuid returning id`,
      ),
    );
    await app.platform.jobs.runDue();

    for (const { storageKey } of media) expect(oldIds).not.toContain(headerKeyId(storageKey));
    const read = await readAfterDestroying(oldIds, media);
    for (const [n, bytes] of read.entries()) expect(bytes.equals(media[n]?.bytes as Buffer)).toBe(true);
  });

  it('keeps a key retired while a media key under it does not open, and moves the others', async () => {
    const { owner, media } = await practiceWithMedia();
    const practiceKey = (await keysOf(owner.practiceId)).find((key) => key.client_id === null);
    const [altered, intact] = media.filter((item) => !item.ofClient);
    if (!altered || !intact) throw new Error('no media');
    const file = fileOf(altered.storageKey);
    const bytes = readFileSync(file);
    const at = bytes.indexOf(Buffer.from('"key":"rh1.')) + 60;
    bytes[at] = (bytes[at] as number) ^ 0x01;
    writeFileSync(file, bytes);

    await rotateDataKeys(rotationDeps(), { practiceId: owner.practiceId });
    offsetMs = RETIRED_KEY_GRACE_MS + 1000;
    const report = await reencryptRetiredValues(rotationDeps(), { practiceId: owner.practiceId });

    expect(report).toMatchObject({ rewrappedMedia: 2, remainingMedia: 1, unreadableMedia: 1, drained: 1 });
    expect(report.keys.find((key) => key.keyId === practiceKey?.id)?.kept).toBe('media');
    const status = (await keysOf(owner.practiceId)).find((key) => key.id === practiceKey?.id)?.status;
    expect(status).toBe('retired');
    expect(headerKeyId(intact.storageKey)).not.toBe(practiceKey?.id);
  });

  it('finishes after an interruption mid-way, every object readable throughout', async () => {
    const { owner, media } = await practiceWithMedia();
    const oldIds = (await keysOf(owner.practiceId)).map((key) => key.id);
    await rotateDataKeys(rotationDeps(), { practiceId: owner.practiceId });
    offsetMs = RETIRED_KEY_GRACE_MS + 1000;
    let replaced = 0;
    const failing = createLocalStorage({
      root: mediaRoot(),
      keys: createObjectKeys({ transactor: app.platform.transactor, cipher: app.platform.cipher }),
      beforeReplace: () => {
        replaced += 1;
        if (replaced === 2) throw new Error('node stopped');
      },
    });
    await expect(
      reencryptRetiredValues({ ...rotationDeps(), storage: failing }, { practiceId: owner.practiceId }),
    ).rejects.toThrow('node stopped');
    for (const { storageKey, bytes } of media) {
      expect(
        (await buffer(await app.platform.storage.getRange(storageKey, 0, bytes.length - 1))).equals(bytes),
      ).toBe(true);
    }

    const resumed = await reencryptRetiredValues(rotationDeps(), { practiceId: owner.practiceId });
    expect(resumed).toMatchObject({ rewrappedMedia: 2, remainingMedia: 0 });
    const statuses = (await keysOf(owner.practiceId)).filter((key) => oldIds.includes(key.id));
    expect(statuses.map((key) => key.status)).toEqual(oldIds.map(() => 'drained'));
    const read = await readAfterDestroying(oldIds, media);
    for (const [n, bytes] of read.entries()) expect(bytes.equals(media[n]?.bytes as Buffer)).toBe(true);
  });

  it('does not bring back a media item removed while its key was re-wrapped', async () => {
    const { owner, media } = await practiceWithMedia();
    await rotateDataKeys(rotationDeps(), { practiceId: owner.practiceId });
    offsetMs = RETIRED_KEY_GRACE_MS + 1000;
    const [removed] = await mediaRowsOf(app, owner.practiceId);
    if (!removed) throw new Error('no media');
    const racing = createLocalStorage({
      root: mediaRoot(),
      keys: createObjectKeys({ transactor: app.platform.transactor, cipher: app.platform.cipher }),
      // The removal's transaction commits now; its file is unlinked only after the re-wrap's rename.
      beforeReplace: async (partial) => {
        if (!partial.startsWith(fileOf(removed.storage_key))) return;
        await app.platform.transactor.inPractice(owner.practiceId, (tx) =>
          queryRows(tx, sql`delete from exercise_media where id = ${removed.id}::uuid returning id`),
        );
      },
    });
    const report = await reencryptRetiredValues(
      { ...rotationDeps(), storage: racing },
      { practiceId: owner.practiceId },
    );
    expect(report.rewrappedMedia).toBe(media.length - 1);
    expect(existsSync(fileOf(removed.storage_key))).toBe(false);
  });
});
