import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { NewLedgerEntry } from './erasure.repo.js';

// The ledger's copy outside the database: one JSON line per erasure, ids and times only, appended and
// flushed after the erasure commits. A restore replaces the database, not this file, so the file still
// names everyone erased since the backup was taken (see docs/architecture.md, "Erasure").

export const LEDGER_FILE_NAME = 'erasure-ledger.jsonl';

/** Where the ledger file of a deployment lives. */
export const ledgerFilePath = (dataDir: string) => path.join(dataDir, LEDGER_FILE_NAME);

const line = z.object({
  subjectId: z.uuid(),
  kind: z.enum(['client', 'practice']),
  practiceId: z.uuid(),
  erasedAt: z.iso.datetime().transform((value) => new Date(value)),
  actorType: z.enum(['practitioner', 'system']),
  actorId: z.uuid().nullable(),
});

/** Appends entries and waits until they are on disk. */
export async function appendLedgerFile(file: string, entries: readonly NewLedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const text = entries
    .map((entry) => JSON.stringify({ ...entry, erasedAt: entry.erasedAt.toISOString() }))
    .join('\n');
  // 0600: ids only, but nobody besides the service needs to read who was erased when.
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.appendFile(`${text}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The file's text as it stands (empty when there is none), for copying into a backup. */
export async function readLedgerText(dataDir: string): Promise<string> {
  return readFile(ledgerFilePath(dataDir), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
}

/**
 * The entries the file holds; none when there is no file. A torn last line (a crash while appending)
 * is skipped: its erasure is still in the database's ledger, which the replay merges with this file.
 */
export async function readLedgerFile(
  file: string,
): Promise<{ entries: NewLedgerEntry[]; unreadable: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], unreadable: 0 };
    throw error;
  }
  return parseLedgerText(text);
}

/** The entries of ledger lines (a file's, or a copy carried in a backup); torn lines are counted, not kept. */
export function parseLedgerText(text: string): { entries: NewLedgerEntry[]; unreadable: number } {
  const entries: NewLedgerEntry[] = [];
  let unreadable = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      unreadable += 1;
      continue;
    }
    const parsed = line.safeParse(value);
    if (parsed.success) entries.push(parsed.data);
    else unreadable += 1;
  }
  return { entries, unreadable };
}
