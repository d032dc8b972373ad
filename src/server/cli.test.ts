import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { type Environment, loadConfig } from './config.js';
import { auditEvents } from './db/schema/index.js';
import { createPracticesService } from './modules/practices/practices.service.js';
import { createAudit } from './platform/audit/audit.js';
import { systemClock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';
import { openRuntime } from './runtime.js';
import { createScratchPostgresDatabase, engineUnderTest, testDatabaseUrl } from './testing/database.js';

const log = createLogger({ logLevel: 'silent' });

/** A deployment of its own: a data directory, and on PostgreSQL a database of its own. */
async function scratchDeployment(): Promise<{ env: Environment; drop(): Promise<void> }> {
  const env: Environment = {
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'rehabit-cli-')),
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

describe(`command line (${engineUnderTest()})`, () => {
  it('migrates a new database and reports it up to date', async () => {
    const deployment = await scratchDeployment();
    try {
      expect(await run(['migrate'], deployment.env)).toEqual({
        code: 0,
        output: 'The database schema is up to date.',
      });
      expect((await run(['migrate'], deployment.env)).code).toBe(0);
    } finally {
      await deployment.drop();
    }
  });

  it('verifies audit chains, then names the practice and link after a row is edited', async () => {
    const deployment = await scratchDeployment();
    try {
      const runtime = await openRuntime(loadConfig(deployment.env), log);
      const practices = createPracticesService({
        transactor: runtime.transactor,
        audit: createAudit({ clock: systemClock }),
        region: 'eu',
      });
      const practice = await practices.create({ name: 'Verify Physio', country: 'SE' }, {});
      await runtime.database.close();

      const healthy = await run(['audit', 'verify'], deployment.env);
      expect(healthy.code).toBe(0);
      expect(healthy.output).toMatch(/^Audit chains OK: \d+ chains, \d+ sealed events/);

      const again = await openRuntime(loadConfig(deployment.env), log);
      await again.database.db
        .update(auditEvents)
        .set({ action: 'practice.delete' })
        .where(eq(auditEvents.practiceId, practice.id));
      await again.database.close();

      const broken = await run(['audit', 'verify'], deployment.env);
      expect(broken.code).toBe(1);
      expect(broken.output).toContain(`practice ${practice.id}: first broken link #1`);
      expect(broken.output).toContain('event altered');
    } finally {
      await deployment.drop();
    }
  });

  it('says plainly when a command is not available yet, and lists the commands', async () => {
    const notYet = await run(['backup', 'create', '--out', '/tmp/x'], {});
    expect(notYet).toEqual({
      code: 2,
      output: '"backup create" is not available in this version of Rehabit yet.',
    });
    const help = await run(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.output).toContain('audit verify');
    expect((await run(['frobnicate'], {})).code).toBe(2);
  });
});
