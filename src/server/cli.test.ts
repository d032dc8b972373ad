import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { type Environment, loadConfig } from './config.js';
import { auditEvents } from './db/schema/index.js';
import { eq5dHealthStates } from './modules/outcomes/instruments/content-pack.js';
import { CONTENT_PACK_FORMAT, instrumentByCode } from './modules/outcomes/instruments/index.js';
import { createPracticesService } from './modules/practices/practices.service.js';
import { createAudit } from './platform/audit/audit.js';
import { systemClock } from './platform/clock.js';
import { createLogger } from './platform/logger.js';
import { openRuntime } from './runtime.js';
import { as, signUp } from './testing/accounts.js';
import { buildTestApp } from './testing/app.js';
import { createClient } from './testing/clients.js';
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
    const notYet = await run(['seed', 'demo'], {});
    expect(notYet).toEqual({
      code: 2,
      output: '"seed demo" is not available in this version of Rehabit yet.',
    });
    const help = await run(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.output).toContain('audit verify');
    expect((await run(['frobnicate'], {})).code).toBe(2);
  });

  it('imports a content pack: the catalogue shows its text and scoring uses its tables', async () => {
    const deployment = await scratchDeployment();
    try {
      // Synthetic text only: licensed wording is never committed.
      const packOf = (code: string, extra: object = {}) => ({
        format: CONTENT_PACK_FORMAT,
        instrument: code,
        version: 'synthetic 1',
        language: 'en',
        licence: { holder: 'Test Holder', terms: 'For tests only.' },
        title: `Synthetic ${code}`,
        items: (instrumentByCode(code)?.items ?? []).map((item, index) => ({
          text: `Synthetic item ${index + 1}`,
          ...(item.options
            ? { options: item.options.map((option) => `Choice ${option.value}`) }
            : { anchors: { min: 'Low', max: 'High' } }),
        })),
        ...extra,
      });
      const directory = deployment.env.DATA_DIR as string;
      const file = (name: string, content: unknown) => {
        const at = path.join(directory, name);
        writeFileSync(at, typeof content === 'string' ? content : JSON.stringify(content));
        return at;
      };
      const odi = await run(['content-pack', 'import', file('odi.json', packOf('ODI'))], deployment.env);
      expect(odi).toEqual({
        code: 0,
        output: 'Imported ODI (en, synthetic 1): 10 items. Practices see its text now.',
      });
      const valueSet = Object.fromEntries(eq5dHealthStates().map((code, index) => [code, 1 - index / 10000]));
      const eq5d = file('eq5d.json', packOf('EQ-5D-5L', { tables: { valueSet } }));
      expect((await run(['content-pack', 'import', eq5d], deployment.env)).code).toBe(0);
      const wrong = await run(
        ['content-pack', 'import', file('bad.json', { ...packOf('ODI'), items: [] })],
        deployment.env,
      );
      expect(wrong.code).toBe(1);
      expect(wrong.output).toContain('items: ODI has 10 items; the pack has 0.');
      expect((await run(['content-pack', 'import'], deployment.env)).code).toBe(2);

      const runtime = await openRuntime(loadConfig(deployment.env), log);
      const app = await buildTestApp({ database: runtime.database });
      try {
        const owner = await signUp(app);
        const catalogue = await as(app, owner, { method: 'GET', url: '/api/v1/outcome-measures?lang=de' });
        const shown = catalogue.json().items.find((m: { measure: string }) => m.measure === 'ODI');
        expect(shown).toMatchObject({
          name: 'Synthetic ODI',
          textAvailable: true,
          language: 'en',
          contentPack: { language: 'en', version: 'synthetic 1' },
          licence: { holder: 'Test Holder', textShipped: false },
        });
        expect(shown.items[0]).toMatchObject({
          text: 'Synthetic item 1',
          options: [
            { value: 0, label: 'Choice 0' },
            expect.anything(),
            expect.anything(),
            expect.anything(),
            expect.anything(),
            expect.anything(),
          ],
        });
        const client = await createClient(app, owner);
        const scored = await as(app, owner, {
          method: 'POST',
          url: `/api/v1/clients/${client.id}/outcome-responses`,
          payload: { measure: 'EQ-5D-5L', answers: [1, 1, 1, 1, 2, 80] },
        });
        expect(scored.statusCode, scored.body).toBe(201);
        expect(scored.json().score).toMatchObject({ total: 0.9999, healthState: '11112' });
      } finally {
        await app.close();
        await runtime.database.close();
      }
    } finally {
      await deployment.drop();
    }
  });
});
