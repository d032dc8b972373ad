import { rm, writeFile } from 'node:fs/promises';
import type { Config } from '../../config.js';
import type { NewLedgerEntry } from '../erasure/erasure.repo.js';
import {
  appendLedgerFile,
  ledgerFilePath,
  parseLedgerText,
  readLedgerFile,
} from '../erasure/erasure-ledger-file.js';
import { connect } from './postgres.js';

// After a point-in-time restore the replay must know everyone erased since the target. The base backup's
// copy of the ledger is older still, and DATA_DIR's file holds only what this node erased: the live
// database's table is the one complete list, read while it can still be (a restore to a moment is often
// made beside a server that still runs). All three are merged into the file the replay is given.

async function liveEntries(databaseUrl: string): Promise<NewLedgerEntry[]> {
  const client = await connect(databaseUrl, 'rehabit-backup');
  try {
    const { rows } = await client.query<{
      subject_id: string;
      kind: NewLedgerEntry['kind'];
      practice_id: string;
      erased_at: Date;
      actor_type: NewLedgerEntry['actorType'];
      actor_id: string | null;
    }>('select subject_id, kind, practice_id, erased_at, actor_type, actor_id from public.erasure_ledger');
    return rows.map((row) => ({
      subjectId: row.subject_id,
      kind: row.kind,
      practiceId: row.practice_id,
      erasedAt: new Date(row.erased_at),
      actorType: row.actor_type,
      actorId: row.actor_id,
    }));
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface PitrLedger {
  entries: number;
  /** Why the live database's ledger could not be read, when it could not (it is then missing from the file). */
  liveUnread?: string;
}

/** Writes the merged ledger (one line per subject) to `file` for `backup replay-ledger`. */
export async function writePitrLedger(config: Config, fromBase: string, file: string): Promise<PitrLedger> {
  const sources = [
    parseLedgerText(fromBase).entries,
    (await readLedgerFile(ledgerFilePath(config.dataDir))).entries,
  ];
  let liveUnread: string | undefined;
  if (!config.databaseUrl) liveUnread = 'DATABASE_URL is not set';
  else
    try {
      sources.push(await liveEntries(config.databaseUrl));
    } catch (error) {
      liveUnread = (error as Error).message;
    }
  const bySubject = new Map<string, NewLedgerEntry>();
  for (const entry of sources.flat()) {
    const known = bySubject.get(entry.subjectId);
    if (!known || entry.erasedAt < known.erasedAt) bySubject.set(entry.subjectId, entry);
  }
  await rm(file, { force: true });
  await appendLedgerFile(file, [...bySubject.values()]);
  if (bySubject.size === 0) await writeFile(file, '', { mode: 0o600 });
  return { entries: bySubject.size, ...(liveUnread ? { liveUnread } : {}) };
}
