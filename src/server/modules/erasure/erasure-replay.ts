import { type ErasureDeps, eraseClientAsSystem, erasePracticeAsSystem } from './erasure.core.js';
import { insertLedgerEntry, listLedgerEntries, type NewLedgerEntry } from './erasure.repo.js';
import { appendLedgerFile, readLedgerFile } from './erasure-ledger-file.js';

/** What a replay did, in counts (never ids: it is printed by the command line and logged). */
export interface ReplayReport {
  /** Entries known after merging the database's ledger, the ledger file and any handed in. */
  entries: number;
  /** Entries the restored database lacked and got back. */
  restoredEntries: number;
  clientsErased: number;
  practicesErased: number;
  keysDestroyed: number;
  /** Lines of the ledger file that could not be read (a torn write); their entries may be in the database. */
  unreadableLines: number;
}

/** The earliest erasure per subject: the same erasure may be known from several copies. */
function merge(...sources: NewLedgerEntry[][]): NewLedgerEntry[] {
  const bySubject = new Map<string, NewLedgerEntry>();
  for (const entry of sources.flat()) {
    const known = bySubject.get(entry.subjectId);
    if (!known || entry.erasedAt < known.erasedAt) bySubject.set(entry.subjectId, entry);
  }
  return [...bySubject.values()].sort((a, b) => a.erasedAt.getTime() - b.erasedAt.getTime());
}

/**
 * Run after a restore: erases again everyone the ledger names who is back in the (older) database, and
 * destroys their data keys wherever a copy of them came back. The ledger is the union of the restored
 * database's table, the file under DATA_DIR (which the restore does not replace) and `entries` (the
 * restore may hand in the ledger it read from the database it replaced). Missing entries are written
 * back to the table and to the file, so every copy is complete afterwards. Idempotent: a second run
 * finds nothing to do.
 */
export async function replayErasureLedger(
  deps: ErasureDeps,
  options: { entries?: NewLedgerEntry[] } = {},
): Promise<ReplayReport> {
  const file = await readLedgerFile(deps.ledgerFile);
  const inDatabase = await deps.transactor.asSystem((tx) => listLedgerEntries(tx));
  const entries = merge(inDatabase, file.entries, options.entries ?? []);

  const inTable = new Set(inDatabase.map((entry) => entry.subjectId));
  const missing = entries.filter((entry) => !inTable.has(entry.subjectId));
  await deps.transactor.asSystem(async (tx) => {
    for (const entry of missing) await insertLedgerEntry(tx, entry);
  });
  const inFile = new Set(file.entries.map((entry) => entry.subjectId));
  await appendLedgerFile(
    deps.ledgerFile,
    entries.filter((entry) => !inFile.has(entry.subjectId)),
  );

  const report: ReplayReport = {
    entries: entries.length,
    restoredEntries: missing.length,
    clientsErased: 0,
    practicesErased: 0,
    keysDestroyed: 0,
    unreadableLines: file.unreadable,
  };
  for (const entry of entries) {
    if (entry.kind === 'client') {
      const result = await eraseClientAsSystem(deps, { ...entry, kind: 'client' }, 'client.erase_replayed');
      if (result.erased) report.clientsErased += 1;
      report.keysDestroyed += result.destroyedKeys;
    } else {
      const result = await erasePracticeAsSystem(
        deps,
        { ...entry, kind: 'practice' },
        'practice.erase_replayed',
      );
      report.clientsErased += result.clients;
      if (result.clients > 0 || result.destroyedKeys > 0) report.practicesErased += 1;
      report.keysDestroyed += result.destroyedKeys;
    }
  }
  if (file.unreadable > 0)
    deps.log.warn(
      { unreadableLines: file.unreadable },
      'some lines of the erasure ledger file could not be read',
    );
  deps.log.info({ ...report }, 'erasure ledger replayed');
  return report;
}
