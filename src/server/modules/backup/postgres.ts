import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { BackupError } from './backup-error.js';

// PostgreSQL backups go through the server's own tools: pg_dump (custom format) to make them,
// pg_restore piped into psql to bring them back. psql runs the whole restore as one transaction, so
// a failure, or an archive found damaged half way, leaves the target database as it was.

// The client tools need PATH, the locale and libpq's own PG* settings, never the server's secrets: a
// child's environment is readable in /proc/<pid>/environ for as long as it runs (a long pg_dump), and
// a tool's crash report may quote it. The master keys, the bucket's keys, the mail and SMS providers'
// credentials and the database URL (whose password goes as PGPASSWORD) stay with the server.
// Named ones first, then any name that says it holds a key, secret, token, password or credential.
const SERVER_SECRET =
  /^(MASTER_KEY|DATABASE_URL|SMTP_URL|BACKUP_S3_|TWILIO_|AWS_)|(^|_)KEY(_|$)|SECRET|TOKEN|PASSWORD|PRIVATE|CREDENTIAL/i;

/** The URL without its password, and the password in the environment (never on a command line). */
export function toolEnvironment(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (name.startsWith('PG') || !SERVER_SECRET.test(name)) env[name] = value;
  if (password) env.PGPASSWORD = password;
  return { dbname: url.toString(), env };
}

async function toolMajor(tool: string): Promise<number> {
  const child = spawn(tool, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  try {
    const [code] = (await once(child, 'close')) as [number];
    if (code !== 0) throw new Error('failed');
  } catch {
    throw new BackupError(`${tool} was not found on PATH: install the PostgreSQL client tools.`);
  }
  const match = /(\d+)(?:\.\d+)?/.exec(text);
  return Number(match?.[1] ?? 0);
}

/** Refuses tools of another major version than the server's: their dumps may not restore. */
export async function checkTools(client: pg.Client, tools: string[]): Promise<void> {
  const { rows } = await client.query<{ version: string }>(
    "select current_setting('server_version_num') as version",
  );
  const server = Math.floor(Number(rows[0]?.version) / 10000);
  for (const tool of tools) {
    const major = await toolMajor(tool);
    if (major !== server)
      throw new BackupError(
        `${tool} is version ${major}, the server is PostgreSQL ${server}: put the version ${server} client tools first on PATH.`,
      );
  }
}

/**
 * Collects a tool's error output to quote on failure, without the lines that can carry row data: a
 * failed COPY repeats the row in CONTEXT, a constraint error its key values in DETAIL.
 */
function stderrOf(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (text.length < 4000) text += chunk.toString();
  });
  return () =>
    text
      .split('\n')
      .filter((line) => !/^\s*(psql:[^ ]*\s*)?(CONTEXT|DETAIL|LINE \d+):/.test(line))
      .join('\n')
      .trim();
}

async function exitOf(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'close')) as [number | null];
  return code ?? 1;
}

/** pg_dump's output for one exported snapshot, streamed; throws if pg_dump fails. */
export async function* dumpPostgres(databaseUrl: string, snapshot: string): AsyncGenerator<Buffer> {
  const { dbname, env } = toolEnvironment(databaseUrl);
  // -Z 0: the archive compresses the whole body once.
  const child = spawn(
    'pg_dump',
    ['--format=custom', '-Z', '0', '--no-password', `--snapshot=${snapshot}`, '--dbname', dbname],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const errors = stderrOf(child);
  try {
    for await (const chunk of child.stdout) yield chunk as Buffer;
    const code = await exitOf(child);
    if (code !== 0) throw new BackupError(`pg_dump failed (exit ${code}): ${errors()}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

export interface PostgresRestore {
  write(chunk: Buffer): Promise<void>;
  /** Ends the input; resolves once psql has committed. */
  finish(): Promise<void>;
  /** Stops both tools without committing anything. */
  abort(): Promise<void>;
}

/** Starts pg_restore | psql --single-transaction against a database, after the SQL in `prelude`. */
export function startPostgresRestore(databaseUrl: string, prelude: string): PostgresRestore {
  const { dbname, env } = toolEnvironment(databaseUrl);
  const psql = spawn(
    'psql',
    ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '--no-password', '--dbname', dbname],
    { env, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  // --no-owner: objects belong to the role restoring them, the one that runs migrations afterwards.
  const restore = spawn('pg_restore', ['--no-owner', '--file=-'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const psqlErrors = stderrOf(psql);
  const restoreErrors = stderrOf(restore);
  // A tool that exits early breaks the pipe; its exit code and message tell the story.
  for (const stream of [psql.stdin, restore.stdin]) stream.on('error', () => undefined);
  psql.stdin.write(prelude);
  restore.stdout.pipe(psql.stdin);
  const failure = async () => {
    const [restoreCode, psqlCode] = await Promise.all([exitOf(restore), exitOf(psql)]);
    if (restoreCode !== 0) return `pg_restore failed (exit ${restoreCode}): ${restoreErrors()}`;
    if (psqlCode !== 0) return `the restore was rolled back (psql exit ${psqlCode}): ${psqlErrors()}`;
    return undefined;
  };
  return {
    async write(chunk) {
      if (restore.exitCode !== null || psql.exitCode !== null)
        throw new BackupError((await failure()) ?? 'the restore stopped early');
      if (!restore.stdin.write(chunk)) await once(restore.stdin, 'drain');
    },
    async finish() {
      restore.stdin.end();
      const problem = await failure();
      if (problem) throw new BackupError(problem);
    },
    async abort() {
      // psql first: if pg_restore ended first, psql would see the end of its input and commit.
      psql.kill('SIGKILL');
      await exitOf(psql);
      restore.kill('SIGKILL');
      await exitOf(restore);
    },
  };
}

const lostConnections = new WeakMap<pg.Client, Error>();

/**
 * Why the server ended this connection while it sat idle (pg_terminate_backend, an idle session
 * timeout, a restart), if it did; its next query fails too, this says so without asking.
 */
export const connectionLost = (client: pg.Client): Error | undefined => lostConnections.get(client);

/** A connected client, with a message that names the problem without echoing the URL. */
export async function connect(databaseUrl: string, applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
  // A connection that fails with no query running emits 'error'; with no listener that would end the
  // whole server process (the daily job's lock session sits idle through the run). Kept, not thrown:
  // whoever uses the connection next sees its query fail, or asks connectionLost.
  client.on('error', (error) => {
    if (!lostConnections.has(client)) lostConnections.set(client, error);
  });
  try {
    await client.connect();
  } catch (error) {
    throw new BackupError(`Cannot connect to the database: ${(error as Error).message}`);
  }
  return client;
}
