import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database created for this run on TEST_DATABASE_URL's server; '' runs on the embedded engine. */
    databaseUrl: string;
    /** The run's master key: every app of a run shares its database, so they share its keys. */
    masterKey: string;
  }
}

/** With TEST_DATABASE_URL set, every run gets a brand-new database on that server, dropped at the end. */
export default async function setup(project: TestProject) {
  project.provide('masterKey', randomBytes(32).toString('base64'));
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    project.provide('databaseUrl', '');
    return;
  }
  const name = `rehabit_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  project.provide('databaseUrl', url.toString());
  return async () => {
    const cleanup = new pg.Client({ connectionString: serverUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
}
