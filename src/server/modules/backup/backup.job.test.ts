import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { signUp } from '../../testing/accounts.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { isArchiveName } from './archive-names.js';
import { run, runBackupJobNow, scratchDeployment, serve } from './backup.testkit.js';
import { REGION_MARKER } from './backup-location.js';

const SLOW = 180_000;
const engine = engineUnderTest();
const otherEngine = engine === 'pglite' ? 'postgres' : 'pglite';

describe(`the daily backup job (${engine})`, () => {
  it(
    'writes an archive into BACKUP_DIR and keeps the newest BACKUP_KEEP of its own, leaving every other file',
    async () => {
      const deployment = await scratchDeployment({ BACKUP_KEEP: '2' });
      const directory = deployment.env.BACKUP_DIR as string;
      const older = ['20200101T000000Z', '20200102T000000Z', '20200103T000000Z'].map(
        (at) => `rehabit-eu-${engine}-${at}.rhbk`,
      );
      const foreign = [
        `rehabit-eu-${otherEngine}-20200101T000000Z.rhbk`,
        `rehabit-us-${engine}-20200101T000000Z.rhbk`,
        `rehabit-eu-west-${engine}-20200101T000000Z.rhbk`,
        `.rehabit-eu-${engine}-20200104T000000Z.rhbk.partial`,
        `rehabit-eu-${engine}-20200105T000000Z.rhbk.sha256`,
        `rehabit-eu-${engine}-2020010T000000Z.rhbk`,
        'notes.txt',
      ];
      for (const name of [...older, ...foreign])
        writeFileSync(path.join(directory, name), 'not ours to judge');
      // A directory under an archive's name, newer than every file: not an archive, never counted.
      const lookalike = `rehabit-eu-${engine}-20200106T000000Z.rhbk`;
      mkdirSync(path.join(directory, lookalike));
      const server = await serve(deployment.env);
      try {
        await runBackupJobNow(server.app);
      } finally {
        await server.stop();
        await deployment.drop();
      }
      const left = readdirSync(directory);
      const written = left.filter(
        (name) => isArchiveName(name, 'eu', engine) && !older.includes(name) && name !== lookalike,
      );
      expect(written).toHaveLength(1);
      expect(left.sort()).toEqual(
        [...written, older[2] as string, ...foreign, lookalike, REGION_MARKER].sort(),
      );
    },
    SLOW,
  );

  it(
    'archives the database consistently while the server goes on serving requests',
    async () => {
      const deployment = await scratchDeployment();
      const server = await serve(deployment.env);
      let file: string;
      try {
        const owner = await signUp(server.app);
        await createClient(server.app, owner);
        let finished = false;
        const job = runBackupJobNow(server.app).finally(() => {
          finished = true;
        });
        // Writes keep arriving while the job runs; each must succeed, before, during or after the dump.
        let served = 0;
        while (!finished) {
          await createClient(server.app, owner);
          served += 1;
          // Requests arrive from sockets, between which file and zlib callbacks run; inject alone never yields.
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        await job;
        expect(served).toBeGreaterThan(0);
        const archives = readdirSync(deployment.env.BACKUP_DIR as string).filter((name) =>
          isArchiveName(name, 'eu', engine),
        );
        expect(archives).toHaveLength(1);
        file = path.join(deployment.env.BACKUP_DIR as string, archives[0] as string);
      } finally {
        await server.stop();
      }
      try {
        // Every table of a scratch restore matches the counts and checksums taken with the dump.
        const verified = await run(['backup', 'verify', file], deployment.env);
        expect(verified.code, verified.output).toBe(0);
        expect(verified.output).toMatch(/all match\./);
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );
});
