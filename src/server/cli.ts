import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { keysCommands } from './cli-keys.js';
import { retentionCommands } from './cli-retention.js';
import { ConfigError, type Environment, loadConfig } from './config.js';
import { backupCommands as dumpCommands } from './modules/backup/backup.commands.js';
import { walCommands } from './modules/backup/wal.commands.js';
import { importContentPack } from './modules/outcomes/content-packs.js';
import { createAudit } from './platform/audit/audit.js';
import { sealPendingAuditEvents } from './platform/audit/sealer.js';
import { verifyAuditChains } from './platform/audit/verify.js';
import { systemClock } from './platform/clock.js';
import { createLogger, type Logger } from './platform/logger.js';
import { openRuntime, type Runtime } from './runtime.js';

type Output = (line: string) => void;

const backupCommands = { ...dumpCommands, ...walCommands };

interface Command {
  summary: string;
  /** `args`: the words after the command's name; `flags`: the options given (e.g. --dry-run). */
  run(runtime: Runtime, out: Output, args: string[], flags?: string[]): Promise<number>;
}

const commands: Record<string, Command> = {
  migrate: {
    summary: 'apply pending database migrations (the server also does this at start)',
    async run(_runtime, out) {
      out('The database schema is up to date.');
      return 0;
    },
  },
  'audit verify': {
    summary: "check every practice's audit hash chain; exit 1 on the first broken link",
    async run({ transactor }, out) {
      await sealPendingAuditEvents(transactor, systemClock);
      const result = await verifyAuditChains(transactor);
      await transactor.asSystem((tx) =>
        createAudit({ clock: systemClock }).record(tx, {
          practiceId: null,
          actor: { type: 'operator' },
          action: 'audit.verify',
          outcome: result.ok ? 'success' : 'failure',
        }),
      );
      const summary =
        `${result.chains} chains, ${result.sealedEvents} sealed events, ${result.unsealedEvents} not yet sealed` +
        (result.prunedEvents > 0 ? `, ${result.prunedEvents} pruned by retention before the anchors` : '');
      if (result.ok) {
        out(`Audit chains OK: ${summary}.`);
        return 0;
      }
      out(`Audit chains BROKEN (${summary}):`);
      for (const link of result.broken) {
        const chain = link.practiceId ? `practice ${link.practiceId}` : 'deployment chain';
        const what = link.eventId ? `audit event ${link.eventId}` : 'its pruning anchor';
        out(`  ${chain}: first broken link #${link.seq} (${what}): ${link.problem.replace('_', ' ')}`);
      }
      return 1;
    },
  },
  'content-pack import': {
    summary: "import a licensed instrument's item text (JSON, under your licence): content-pack import FILE",
    async run({ transactor }, out, [file]) {
      if (!file) {
        out('Usage: npm run rehabit -- content-pack import FILE');
        return 2;
      }
      let json: string;
      try {
        json = await readFile(file, 'utf8');
      } catch {
        out(`Cannot read ${file}.`);
        return 1;
      }
      const result = await importContentPack(
        { transactor, audit: createAudit({ clock: systemClock }), clock: systemClock },
        json,
      );
      if (!result.ok) {
        out(`The pack was not imported:`);
        for (const problem of result.problems) out(`  ${problem.field}: ${problem.message}`);
        return 1;
      }
      out(
        `Imported ${result.instrument} (${result.language}, ${result.version}): ${result.items} items. Practices see its text now.`,
      );
      return 0;
    },
  },
  ...keysCommands,
  ...retentionCommands,
};

// Named in API.md; each lands with the issue that builds it.
const NOT_YET = ['seed demo'];

function usage(out: Output) {
  out('Usage: npm run rehabit -- <command>\n\nCommands:');
  for (const [name, command] of Object.entries({ ...commands, ...backupCommands }))
    out(`  ${name.padEnd(20)} ${command.summary}`);
  out(`\nNot in this version yet: ${NOT_YET.join(', ')}.`);
}

export interface CliOptions {
  env?: Environment;
  out?: Output;
  log?: Logger;
}

/** Runs one operator command; returns the process exit code. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<number> {
  const out = options.out ?? console.log;
  const words = args.filter((arg) => !arg.startsWith('-'));
  const name = [words.slice(0, 2).join(' '), words[0] ?? ''].find((candidate) => candidate in commands);
  const backup = backupCommands[words.slice(0, 2).join(' ')];
  if (backup) {
    // Backups open (and may replace) the database themselves: no runtime is opened for them.
    const config = loadConfig(options.env);
    const logger =
      options.log ?? createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
    return backup.run(config, logger, out, args.slice(args.indexOf(words[1] as string) + 1));
  }
  if (!name) {
    const asked = words.slice(0, 2).join(' ');
    if (NOT_YET.some((command) => asked.startsWith(command))) {
      out(`"${asked}" is not available in this version of Rehabit yet.`);
      return 2;
    }
    usage(out);
    return words.length === 0 || args.includes('--help') ? 0 : 2;
  }
  const config = loadConfig(options.env);
  const logger =
    options.log ?? createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const runtime = await openRuntime(config, logger);
  try {
    return await (commands[name] as Command).run(
      runtime,
      out,
      words.slice(name.split(' ').length),
      args.filter((arg) => arg.startsWith('-')),
    );
  } finally {
    await runtime.database.close();
  }
}

export async function run(args: string[] = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await runCli(args);
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`rehabit: ${message}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
