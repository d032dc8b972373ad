import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { signUp, type TestAccount } from '../../testing/accounts.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { erase } from '../erasure/erasure.testkit.js';
import { createExercise, mediaRowsOf, png, upload } from '../exercises/exercises.testkit.js';
import { backUp, run, scratchDeployment, serve } from './backup.testkit.js';
import { mediaRestore, mediaRoot } from './media.js';

const SLOW = 180_000;

/** Uploads an image to a new exercise of the practice (made for the client, when one is given). */
async function uploadMedia(app: FastifyInstance, owner: TestAccount, label: string, clientId?: string) {
  const exercise = await createExercise(app, owner, clientId ? { featuredClientId: clientId } : {});
  const uploaded = await upload(app, owner, exercise.id, {
    data: png(label),
    contentType: 'image/png',
    filename: `${label}.png`,
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
}

describe(`media in backups (${engineUnderTest()})`, () => {
  it(
    'archives the stored media and restores them, without the media of a client erased since',
    async () => {
      const deployment = await scratchDeployment();
      const { env } = deployment;
      const root = path.join(env.DATA_DIR as string, 'media');
      const fileOf = (key: string) => `${path.join(root, key)}.rhm`;
      try {
        let server = await serve(env);
        const owner = await signUp(server.app);
        const kept = await createClient(server.app, owner);
        const erased = await createClient(server.app, owner);
        await uploadMedia(server.app, owner, 'practice');
        await uploadMedia(server.app, owner, 'kept', kept.id);
        const before = new Set(
          (await mediaRowsOf(server.app, owner.practiceId)).map((row) => row.storage_key),
        );
        await uploadMedia(server.app, owner, 'erased', erased.id);
        const erasedKeys = (await mediaRowsOf(server.app, owner.practiceId))
          .map((row) => row.storage_key)
          .filter((key) => !before.has(key));
        await server.stop();
        const keptBytes = new Map([...before].map((key) => [key, readFileSync(fileOf(key))]));

        const file = await backUp(env);
        const verified = await run(['backup', 'verify', file], env);
        expect(verified.code, verified.output).toBe(0);
        expect(verified.output).toMatch(/Media: 3 files \(\d+ bytes\), each matching its size and SHA-256\./);

        server = await serve(env);
        expect((await erase(server.app, owner, erased.id)).statusCode).toBe(202);
        await uploadMedia(server.app, owner, 'after');
        const afterKeys = (await mediaRowsOf(server.app, owner.practiceId))
          .map((row) => row.storage_key)
          .filter((key) => !before.has(key));
        await server.stop();
        for (const key of erasedKeys) expect(existsSync(fileOf(key))).toBe(false);

        const restored = await run(['backup', 'restore', file, '--yes'], env);
        expect(restored.code, restored.output).toBe(0);
        // The archive's media are back byte for byte; the erased client's stay gone (the replay removed
        // them again); what was uploaded after the backup went with the database it belonged to.
        for (const [key, bytes] of keptBytes) expect(readFileSync(fileOf(key)).equals(bytes)).toBe(true);
        for (const key of [...erasedKeys, ...afterKeys]) expect(existsSync(fileOf(key)), key).toBe(false);
        expect(readdirSync(env.DATA_DIR as string).filter((name) => /^media\./.test(name))).toEqual([]);
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );
});

describe('swapping restored media in', () => {
  it('flushes every file and directory written, and the swap, before the old media can be removed', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rehabit-media-sync-'));
    const root = mediaRoot(dataDir);
    mkdirSync(path.join(root, 'old'), { recursive: true });
    writeFileSync(path.join(root, 'old', 'kept.rhm'), 'the media before the restore');
    const probe = await open(path.join(dataDir, 'probe'), 'w');
    const handles = Object.getPrototypeOf(probe) as { datasync(): Promise<void>; sync(): Promise<void> };
    await probe.close();
    const datasync = vi.spyOn(handles, 'datasync');
    const sync = vi.spyOn(handles, 'sync');
    try {
      const restore = mediaRestore(root, 'archive', '20200101T000000Z');
      await restore.prepare();
      const files = ['p1/c1/a.rhm', 'p1/c1/b.rhm', 'p1/c2/c.rhm', 'p2/d.rhm'];
      for (const file of files)
        await restore.write(
          file,
          (async function* () {
            yield Buffer.from(file);
          })(),
        );
      restore.found();
      const swap = await restore.swapIn();
      // One data flush per file; a sync for each directory made (p1, p1/c1, p1/c2, p2), the unpacked
      // root and the root's parent, where both renames happened; all before `done` may remove the old copy.
      expect(datasync).toHaveBeenCalledTimes(files.length);
      expect(sync).toHaveBeenCalledTimes(6);
      await swap.done();
      for (const file of files) expect(readFileSync(path.join(root, file), 'utf8')).toBe(file);
      expect(readdirSync(dataDir).sort()).toEqual(['media', 'probe']);
    } finally {
      datasync.mockRestore();
      sync.mockRestore();
    }
  });
});
