import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from './app.js';
import { ConfigError, type Environment, loadConfig } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { systemClock } from './platform/clock.js';
import { createLogger, type Logger } from './platform/logger.js';
import { openRuntime } from './runtime.js';

export interface RunningRehabit {
  /** Where this process listens, e.g. http://127.0.0.1:3000. */
  url: string;
  app: FastifyInstance;
  database: DatabaseHandle;
  log: Logger;
  /** Finishes requests in flight, stops background work and closes the database. */
  stop(): Promise<void>;
}

/** Boots Rehabit from an environment: config, database and migrations, keyring, app, listen. */
export async function startRehabit(env?: Environment, extra: Partial<AppDeps> = {}): Promise<RunningRehabit> {
  const config = loadConfig(env);
  const log = createLogger(config);
  const { database, keyring } = await openRuntime(config, log);
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp({ config, database, keyring, log, clock: systemClock, ...extra });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app?.close();
    await database.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  log.info({ url, engine: database.engine, region: config.region }, 'Rehabit is running');
  const running = app;
  return {
    url,
    app: running,
    database,
    log,
    async stop() {
      await running.close();
      await database.close();
    },
  };
}

const SHUTDOWN_GRACE_MS = 15_000;

/** `npm start`: runs until SIGTERM or SIGINT, then shuts down gracefully. */
export async function run(): Promise<void> {
  let running: RunningRehabit;
  try {
    running = await startRehabit();
  } catch (error) {
    process.stderr.write(
      `\nRehabit could not start: ${error instanceof Error ? error.message : String(error)}\n\n`,
    );
    process.exit(error instanceof ConfigError ? 78 : 1);
  }
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    running.log.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => {
      running.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    running.stop().then(
      () => {
        running.log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        running.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  process.stdout.write(`\n  Rehabit is running at ${running.url}\n  Stop it with Ctrl+C.\n\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
