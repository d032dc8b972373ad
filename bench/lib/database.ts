import pg from 'pg';

/** A database of the bench's own on a PostgreSQL server; dropped afterwards. */
export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates `rehabit_bench_<ms>` on the server of serverUrl, so a run never touches real data. */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `rehabit_bench_${Date.now()}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}
