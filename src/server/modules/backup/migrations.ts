import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Query } from './manifest.js';

// Archives name the schema they hold by its last migration's tag, so a restore can refuse an archive
// from a newer version (whose tables this code does not know) and migrate an older one forward.

interface Journal {
  entries: { tag: string; when: number }[];
}

const journalFile = fileURLToPath(new URL('../../db/migrations/meta/_journal.json', import.meta.url));
let journal: Journal | undefined;
const entries = () => {
  journal ??= JSON.parse(readFileSync(journalFile, 'utf8')) as Journal;
  return journal.entries;
};

/** The tag of the last migration the database has applied ("none" for an empty database). */
export async function migrationOf(query: Query): Promise<string> {
  const exists = await query("select to_regclass('drizzle.__drizzle_migrations') is not null as found");
  if (!exists[0]?.found) return 'none';
  const [last] = await query('select max(created_at)::text as at from drizzle.__drizzle_migrations');
  const at = Number(last?.at);
  return entries().find((entry) => entry.when === at)?.tag ?? `unknown-${at}`;
}

/** Whether this version of Rehabit knows the migration (so it can open, or migrate forward, the archive). */
export const knownMigration = (tag: string) => tag === 'none' || entries().some((entry) => entry.tag === tag);
