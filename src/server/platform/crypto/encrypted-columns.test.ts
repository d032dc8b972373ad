import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema/index.js';
import { ENCRYPTED_COLUMNS } from './encrypted-columns.js';

const schemaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../db/schema');
const sourceRoot = path.resolve(schemaDir, '../..');
const key = (table: string, column: string) => `${table}.${column}`;
const registered = new Set(ENCRYPTED_COLUMNS.map((entry) => key(entry.table, entry.column)));

/** Every column a schema file marks `enc` in its doc comment, as table.column. */
function columnsMarkedEnc(): string[] {
  const found: string[] = [];
  for (const file of readdirSync(schemaDir).filter((name) => name.endsWith('.ts'))) {
    const text = readFileSync(path.join(schemaDir, file), 'utf8');
    const tables = [...text.matchAll(/pgTable\(\s*'([a-z_]+)'/g)].map((m) => ({ name: m[1], at: m.index }));
    for (const match of text.matchAll(/\/\*\*\s*enc\b[^*]*\*\/\s*\w+:\s*\w+\('([a-z_]+)'/g)) {
      const table = tables.filter((t) => t.at < match.index).at(-1);
      found.push(key(table?.name ?? `?${file}`, match[1] as string));
    }
  }
  return found.sort();
}

/** Field locations written as literals in the server's code: { table: 'x', column: 'y' } or at('x', 'y'). */
function locationsInCode(): string[] {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/table:\s*'([a-z_]+)',\s*column:\s*'([a-z_]+)'/g)) {
          found.add(key(m[1] as string, m[2] as string));
        }
        for (const m of text.matchAll(/\bat\('([a-z_]+)',\s*'([a-z_]+)'/g))
          found.add(key(m[1] as string, m[2] as string));
      }
    }
  };
  walk(sourceRoot);
  return [...found].sort();
}

describe('the registry of encrypted columns', () => {
  it('lists every column the schema marks enc, and nothing else', () => {
    const marked = columnsMarkedEnc();
    expect(marked.length).toBeGreaterThan(10);
    expect([...registered].sort()).toEqual(marked);
  });

  it('names real tables that have an id and a practice_id', () => {
    const tables = new Map<string, string[]>();
    for (const value of Object.values(schema)) {
      try {
        const config = getTableConfig(value as PgTable);
        if (config.name)
          tables.set(
            config.name,
            config.columns.map((column) => column.name),
          );
      } catch {
        // not a table (a relation or a type)
      }
    }
    for (const entry of ENCRYPTED_COLUMNS) {
      expect(tables.get(entry.table), entry.table).toEqual(
        expect.arrayContaining(['id', 'practice_id', entry.column]),
      );
    }
  });

  it('covers every field location written in the code', () => {
    const unregistered = locationsInCode().filter(
      (location) => !registered.has(location) && location !== 'stored_objects.key',
    );
    expect(unregistered).toEqual([]);
  });
});
