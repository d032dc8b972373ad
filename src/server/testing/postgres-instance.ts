import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

// A PostgreSQL server of a test's own, for what the shared one must not be changed for (archive_mode
// needs a restart). PostgreSQL refuses to run as root: as root, everything runs as the postgres user.

const run = promisify(execFile);
const asRoot = process.getuid?.() === 0;
const pgBin = async (tool: string) => {
  const { stdout } = await run('pg_config', ['--bindir']);
  return path.join(stdout.trim(), tool);
};

/** Runs a program as the server's user, with the extra environment. */
export async function runAsServerUser(
  program: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; stderr: string }> {
  const withEnv = [
    'env',
    ...Object.entries(env).map(([name, value]) => `${name}=${value}`),
    program,
    ...args,
  ];
  const [command, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', ...withEnv] : withEnv;
  return run(command as string, rest, { maxBuffer: 16 * 1024 * 1024 });
}

/** A directory the server's user owns. */
export function serverUserDirectory(prefix: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), prefix));
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(directory, uid, gid);
  }
  return directory;
}

function postgresUser() {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  return { uid, gid };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface PostgresInstance {
  url: string;
  dataDir: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a server on a data directory (made by initdb, or prepared by a restore) on a free port. */
export async function startPostgres(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<PostgresInstance> {
  const port = await freePort();
  const socketDir = serverUserDirectory('rehabit-pg-socket-');
  await runAsServerUser(
    await pgBin('pg_ctl'),
    [
      '-D',
      dataDir,
      '-l',
      path.join(socketDir, 'server.log'),
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir}`,
      '-w',
      '-t',
      '120',
      'start',
    ],
    env,
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    port,
    async stop() {
      await runAsServerUser(await pgBin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop']).catch(
        () => undefined,
      );
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/** A new cluster (trust authentication, fsync off: a test's data need not survive a power cut). */
export async function initPostgres(settings: Record<string, string>): Promise<string> {
  const parent = serverUserDirectory('rehabit-pg-');
  const dataDir = path.join(parent, 'data');
  await runAsServerUser(await pgBin('initdb'), ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const lines = Object.entries({ fsync: 'off', ...settings }).map(
    ([name, value]) => `${name} = '${value.replaceAll("'", "''")}'`,
  );
  await appendFile(path.join(dataDir, 'postgresql.conf'), `\n${lines.join('\n')}\n`);
  return dataDir;
}

/** Waits until the server has left recovery (a point-in-time restore promotes at its target). */
export async function waitUntilPromoted(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ recovering: boolean }>(
        'select pg_is_in_recovery() as recovering',
      );
      if (rows[0]?.recovering === false) return;
    } catch {
      // Still starting.
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error('the restored server did not finish recovering');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const removeTree = (directory: string) => rmSync(directory, { recursive: true, force: true });
