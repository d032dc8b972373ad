import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Environment } from '../../config.js';
import { loadConfig } from '../../config.js';
import { queryRows } from '../../db/transactions.js';
import { openRuntime } from '../../runtime.js';
import { signUp } from '../../testing/accounts.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import { practiceSends, sent } from '../messages/messages.testkit.js';
import { readArchiveHeader } from './archive.js';
import { backUp, log, run, runBackupJobNow, scratchDeployment, serve } from './backup.testkit.js';

const SLOW = 180_000;

interface AuditRow {
  practice_id: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
}

/** The deployment's backup entries, oldest first. */
async function backupEntries(env: Environment): Promise<AuditRow[]> {
  const runtime = await openRuntime(loadConfig(env), log);
  try {
    return await runtime.transactor.asSystem((tx) =>
      queryRows<AuditRow>(
        tx,
        sql`select practice_id, actor_type, actor_id, action, subject_type, subject_id, outcome, ip, user_agent
              from audit_events where action like 'backup.%' order by id`,
      ),
    );
  } finally {
    await runtime.database.close();
  }
}

const entry = (actor: string, action: string, archiveId: string) => ({
  practice_id: null,
  actor_type: actor,
  actor_id: null,
  action,
  subject_type: 'backup',
  subject_id: archiveId,
  outcome: 'success',
  ip: null,
  user_agent: null,
});

const archiveIdOf = async (file: string) => (await readArchiveHeader(file)).header.archiveId;

describe(`backup audit entries (${engineUnderTest()})`, () => {
  it(
    'audits the job, create, verify and restore by archive id, with nothing of the data in them',
    async () => {
      const deployment = await scratchDeployment();
      const { env } = deployment;
      const marker = `audit-marker-${Date.now()}`;
      try {
        const server = await serve(env);
        try {
          const owner = await signUp(server.app);
          const client = await createClient(server.app, owner, { email: `${marker}@example.org` });
          await sent(practiceSends(server.app, owner, client.id, `Private ${marker}`));
          await runBackupJobNow(server.app);
        } finally {
          await server.stop();
        }
        const [jobArchive] = (await backupEntries(env)).map((row) => row.subject_id);
        const file = await backUp(env);
        const verified = await run(['backup', 'verify', file], env);
        expect(verified.code, verified.output).toBe(0);
        expect(verified.output).not.toContain('Not recorded in the audit trail');
        const archiveId = await archiveIdOf(file);
        const before = await backupEntries(env);
        expect(before).toEqual([
          entry('system', 'backup.create', jobArchive as string),
          entry('operator', 'backup.create', archiveId),
          entry('operator', 'backup.verify', archiveId),
        ]);
        expect(JSON.stringify(before)).not.toContain(marker);

        const restored = await run(['backup', 'restore', file, '--yes'], env);
        expect(restored.code, restored.output).toBe(0);
        // The restored database is the archive's (made before its own entries), then the restore's.
        expect(await backupEntries(env)).toEqual([
          entry('system', 'backup.create', jobArchive as string),
          entry('operator', 'backup.restore', archiveId),
        ]);
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );

  it.skipIf(engineUnderTest() !== 'pglite')(
    'says so when a verification cannot be audited because the server holds the embedded database',
    async () => {
      const deployment = await scratchDeployment();
      try {
        expect((await run(['migrate'], deployment.env)).code).toBe(0);
        const file = await backUp(deployment.env);
        const server = await serve(deployment.env);
        try {
          const verified = await run(['backup', 'verify', file], deployment.env);
          expect(verified.code, verified.output).toBe(0);
          expect(verified.output).toContain(
            'Not recorded in the audit trail: The embedded database is in use',
          );
        } finally {
          await server.stop();
        }
      } finally {
        await deployment.drop();
      }
    },
    SLOW,
  );
});
