import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { type Environment, loadConfig } from './config.js';
import { signInFailures } from './db/schema/index.js';
import { queryRows } from './db/transactions.js';
import { monthsBefore, yearsBefore } from './modules/retention/retention.policy.js';
import { sealedChainAt } from './platform/audit/audit.testkit.js';
import { createLogger } from './platform/logger.js';
import { openRuntime } from './runtime.js';
import { createScratchPostgresDatabase, engineUnderTest, testDatabaseUrl } from './testing/database.js';

const log = createLogger({ logLevel: 'silent' });

/** A deployment of its own, so the command may sweep the whole database. */
async function scratchDeployment(): Promise<{ env: Environment; drop(): Promise<void> }> {
  const env: Environment = {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-cli-retention-')),
    MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
  };
  if (!testDatabaseUrl()) return { env, drop: async () => {} };
  const scratch = await createScratchPostgresDatabase();
  return { env: { ...env, DATABASE_URL: scratch.url }, drop: scratch.drop };
}

async function run(args: string[], env: Environment) {
  const lines: string[] = [];
  const code = await runCli(args, { env, out: (line) => lines.push(line), log });
  return { code, output: lines.join('\n') };
}

// Each command opens the database afresh: on the embedded engine that is seconds, more on a busy machine.
describe(`retention run on the command line (${engineUnderTest()})`, () => {
  it('counts per category in a dry run without deleting, then deletes what is past its time', async () => {
    const deployment = await scratchDeployment();
    try {
      const now = new Date();
      const cutoff = monthsBefore(now, 12).getTime();
      const ids = [randomUUID(), randomUUID()];
      // The address typed is kept only as a blind index; a marker checks no value reaches the output.
      const marker = `marker-${randomUUID()}`;
      const runtime = await openRuntime(loadConfig(deployment.env), log);
      await runtime.transactor.asSystem((tx) =>
        tx.insert(signInFailures).values([
          { id: ids[0] as string, emailKey: marker, ip: '192.0.2.7', at: new Date(cutoff - 60 * 60 * 1000) },
          { id: ids[1] as string, emailKey: marker, ip: '192.0.2.7', at: new Date(cutoff + 60 * 60 * 1000) },
        ]),
      );
      await runtime.database.close();

      const dry = await run(['retention', 'run', '--dry-run'], deployment.env);
      expect(dry.code).toBe(0);
      expect(dry.output).toMatch(/^Retention dry run at .*: nothing was deleted\./);
      expect(dry.output).toMatch(
        /sign_in_failures\s+12 months\s+would go: 1 \(sign_in_failures 1, patient_sign_in_failures 0\)/,
      );
      expect(dry.output).toMatch(/audit\s+6 years\s+would go: 0 \(audit_events 0\)$/m);
      expect(dry.output).toMatch(/billing\s+7 years\s+would go: 0; kept: no billing records are stored yet/);
      expect(dry.output).toMatch(/health\s+per country\s+would go: 0/);
      expect(dry.output).not.toContain(marker);
      expect(dry.output).not.toContain('192.0.2.7');

      const done = await run(['retention', 'run'], deployment.env);
      expect(done.code).toBe(0);
      expect(done.output).toMatch(/sign_in_failures\s+12 months\s+removed: 1 \(sign_in_failures 1,/);
      expect(done.output).not.toContain(marker);

      const again = await openRuntime(loadConfig(deployment.env), log);
      const left = await again.transactor.asSystem(async (tx) => {
        const rows = await tx
          .select({ id: signInFailures.id })
          .from(signInFailures)
          .where(inArray(signInFailures.id, ids));
        const runs = await queryRows<{ actor_type: string }>(
          tx,
          sql`select actor_type from audit_events where action = 'retention.run'`,
        );
        return { rows: rows.map((row) => row.id), runs: runs.map((row) => row.actor_type) };
      });
      await again.database.close();
      expect(left.rows).toEqual([ids[1]]);
      // Only the real run is on the audit trail, as the operator's.
      expect(left.runs).toEqual(['operator']);
    } finally {
      await deployment.drop();
    }
  }, 120_000);

  it("prunes the audit trail past 6 years, the deployment's own chain too, and audit verify still passes", async () => {
    const deployment = await scratchDeployment();
    try {
      const cutoff = yearsBefore(new Date(), 6).getTime();
      const [older, younger] = [new Date(cutoff - 60 * 60 * 1000), new Date(cutoff + 60 * 60 * 1000)];
      const runtime = await openRuntime(loadConfig(deployment.env), log);
      const practiceId = await sealedChainAt(runtime.transactor, [older, older, younger]);
      await sealedChainAt(runtime.transactor, [older, younger], null);
      await runtime.database.close();

      const dry = await run(['retention', 'run', '--dry-run'], deployment.env);
      expect(dry.output).toMatch(/audit\s+6 years\s+would go: 3 \(audit_events 3\)$/m);
      const done = await run(['retention', 'run'], deployment.env);
      expect(done.output).toMatch(/audit\s+6 years\s+removed: 3 \(audit_events 3\)$/m);

      const verify = await run(['audit', 'verify'], deployment.env);
      expect(verify).toEqual({
        code: 0,
        output: expect.stringMatching(/^Audit chains OK: .*, 3 pruned by retention before the anchors\.$/),
      });
      const anchors = await openRuntime(loadConfig(deployment.env), log);
      const rows = await anchors.transactor.asSystem((tx) =>
        queryRows<{ practice_id: string | null; seq: string | number; pruned: string | number }>(
          tx,
          sql`select practice_id, seq, pruned from audit_anchors order by practice_id nulls first`,
        ),
      );
      await anchors.database.close();
      expect(rows.map((row) => [row.practice_id, Number(row.seq), Number(row.pruned)])).toEqual([
        [null, 1, 1],
        [practiceId, 2, 2],
      ]);
    } finally {
      await deployment.drop();
    }
  }, 120_000);

  it('is listed among the commands', async () => {
    const help = await run(['--help'], {});
    expect(help.output).toMatch(/retention run\s+delete what is past its retention period/);
    expect(help.output).not.toMatch(/Not in this version yet:.*retention run/);
  });
});
