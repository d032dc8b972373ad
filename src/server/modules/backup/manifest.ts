import type { TableSummary } from './archive.js';

/** Runs one SQL text and returns its rows: the embedded engine's client or a pg client. */
export type Query = (text: string) => Promise<Record<string, unknown>[]>;

// A row's text form depends on the session's settings (time zone, date style, float digits): pinned
// here so a count-and-checksum taken at creation and one taken in a scratch restore agree.
export const STABLE_SETTINGS = [
  "set timezone = 'UTC'",
  "set datestyle = 'ISO, YMD'",
  "set intervalstyle = 'postgres'",
  'set extra_float_digits = 3',
  "set bytea_output = 'hex'",
];

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Every table's row count and an order-independent checksum of its rows (the sum of a 60-bit prefix
 * of each row's MD5): streamed by the server, no table is held in memory. It detects a restore that
 * lost or changed rows; the archive's integrity itself rests on AES-GCM and SHA-256.
 */
export async function summariseTables(
  query: Query,
  /** 'transaction': the settings end with the caller's transaction (a live session shared with the app). */
  scope: 'session' | 'transaction' = 'session',
): Promise<TableSummary[]> {
  for (const setting of STABLE_SETTINGS)
    await query(scope === 'transaction' ? setting.replace(/^set /, 'set local ') : setting);
  const tables = await query(
    `select n.nspname as schema, c.relname as name from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg\\_%'
      order by 1, 2`,
  );
  const summaries: TableSummary[] = [];
  for (const row of tables) {
    const name = `${quote(String(row.schema))}.${quote(String(row.name))}`;
    const [result] = await query(
      `select count(*)::text as rows,
              coalesce(sum(('x' || substr(md5(t::text), 1, 15))::bit(60)::bigint), 0)::text as checksum
         from ${name} t`,
    );
    summaries.push({
      table: `${row.schema}.${row.name}`,
      rows: Number(result?.rows ?? 0),
      checksum: String(result?.checksum ?? ''),
    });
  }
  return summaries;
}

/** Differences between what the archive recorded and what a restore holds, one line each. */
export function compareSummaries(recorded: TableSummary[], restored: TableSummary[]): string[] {
  const found = new Map(restored.map((table) => [table.table, table]));
  const problems: string[] = [];
  for (const table of recorded) {
    const other = found.get(table.table);
    found.delete(table.table);
    if (!other) problems.push(`${table.table}: missing from the restore`);
    else if (other.rows !== table.rows)
      problems.push(`${table.table}: ${table.rows} rows recorded, ${other.rows} restored`);
    else if (other.checksum !== table.checksum) problems.push(`${table.table}: rows differ (checksum)`);
  }
  for (const name of found.keys()) problems.push(`${name}: in the restore but not recorded`);
  return problems;
}
