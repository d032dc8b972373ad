import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { Logger } from '../../platform/logger.js';
import type { ObjectStorage } from '../../platform/storage/storage.js';
import {
  deleteClientRows,
  deletePracticeRows,
  destroyDataKeys,
  insertLedgerEntry,
  listClientIds,
  lockClient,
  lockPracticeClosure,
  markPracticeErased,
  mediaKeysOfClient,
  mediaKeysOfPractice,
  type NewLedgerEntry,
} from './erasure.repo.js';
import { appendLedgerFile } from './erasure-ledger-file.js';

// The acts of erasing, shared by the API (a client), the daily job (a closed practice) and the replay
// after a restore. Each runs in the caller's transaction and answers what must happen after commit:
// files to remove, cached keys to forget, ledger lines to append. Nothing leaves the database before
// the transaction has committed, so a rolled-back erasure leaves everything as it was.

export interface ErasureDeps {
  transactor: Transactor;
  audit: Audit;
  cipher: FieldCipher;
  clock: Clock;
  storage: ObjectStorage;
  log: Logger;
  /** The ledger file's path (DATA_DIR/erasure-ledger.jsonl). */
  ledgerFile: string;
}

/** What an erasure leaves to do once its transaction has committed. */
export interface Aftermath {
  mediaKeys: string[];
  destroyedKeyIds: string[];
  ledger: NewLedgerEntry[];
}

export const emptyAftermath = (): Aftermath => ({ mediaKeys: [], destroyedKeyIds: [], ledger: [] });

/**
 * Deletes the client's rows and destroys their data keys; answers undefined when the client is not (or
 * no longer) in the database, after destroying any of their keys still there (a restored backup).
 */
export async function eraseClientRows(
  tx: Tx,
  practiceId: string,
  clientId: string,
  at: Date,
): Promise<{ erased: boolean; mediaKeys: string[]; destroyedKeyIds: string[] }> {
  const present = await lockClient(tx, practiceId, clientId);
  const mediaKeys = present ? await mediaKeysOfClient(tx, practiceId, clientId) : [];
  if (present) await deleteClientRows(tx, practiceId, clientId);
  const destroyedKeyIds = await destroyDataKeys(tx, { practiceId, clientId }, at);
  return { erased: present, mediaKeys, destroyedKeyIds };
}

/**
 * Erases one client as the system role (a closing practice, a replay, a health record past its
 * retention period), with its ledger entry and audit.
 */
export async function eraseClientAsSystem(
  deps: ErasureDeps,
  entry: NewLedgerEntry & { kind: 'client' },
  action: 'client.erase' | 'client.erase_replayed' | 'client.erase_retention',
): Promise<{ erased: boolean; destroyedKeys: number }> {
  const at = deps.clock.now();
  const { aftermath, erased } = await deps.transactor.asSystem(async (tx) => {
    const added = await insertLedgerEntry(tx, entry);
    const result = await eraseClientRows(tx, entry.practiceId, entry.subjectId, at);
    if (result.erased || result.destroyedKeyIds.length > 0)
      await deps.audit.record(tx, {
        practiceId: entry.practiceId,
        actor: { type: 'system' },
        action,
        subject: { type: 'client', id: entry.subjectId },
        outcome: 'success',
      });
    return {
      erased: result.erased,
      aftermath: {
        mediaKeys: result.mediaKeys,
        destroyedKeyIds: result.destroyedKeyIds,
        ledger: added ? [entry] : [],
      },
    };
  });
  await finishErasure(deps, aftermath);
  return { erased, destroyedKeys: aftermath.destroyedKeyIds.length };
}

/**
 * Erases a whole practice: each client as above (one transaction each, so a large practice never holds
 * one long lock and a retry picks up where a failure stopped), then its members and remaining rows, its
 * data keys, and marks the practice erased. Idempotent.
 */
export async function erasePracticeAsSystem(
  deps: ErasureDeps,
  entry: NewLedgerEntry & { kind: 'practice' },
  action: 'practice.erase' | 'practice.erase_replayed',
): Promise<{ clients: number; destroyedKeys: number }> {
  const clientIds = await deps.transactor.asSystem((tx) => listClientIds(tx, entry.practiceId));
  let destroyedKeys = 0;
  for (const clientId of clientIds) {
    const result = await eraseClientAsSystem(
      deps,
      { ...entry, kind: 'client', subjectId: clientId },
      action === 'practice.erase' ? 'client.erase' : 'client.erase_replayed',
    );
    destroyedKeys += result.destroyedKeys;
  }
  const at = deps.clock.now();
  const aftermath = await deps.transactor.asSystem(async (tx) => {
    const practice = await lockPracticeClosure(tx, entry.practiceId);
    const added = await insertLedgerEntry(tx, entry);
    const mediaKeys = await mediaKeysOfPractice(tx, entry.practiceId);
    const deleted = await deletePracticeRows(tx, entry.practiceId);
    const destroyedKeyIds = await destroyDataKeys(tx, { practiceId: entry.practiceId }, at);
    const changed =
      (practice !== undefined && practice.erasedAt === null) ||
      destroyedKeyIds.length > 0 ||
      Object.values(deleted).some((count) => count > 0);
    if (practice && changed) {
      await markPracticeErased(tx, entry.practiceId, practice.erasedAt ?? at);
      await deps.audit.record(tx, {
        practiceId: entry.practiceId,
        actor: { type: 'system' },
        action,
        subject: { type: 'practice', id: entry.practiceId },
        outcome: 'success',
      });
    }
    return { mediaKeys, destroyedKeyIds, ledger: added ? [entry] : [] };
  });
  await finishErasure(deps, aftermath);
  return { clients: clientIds.length, destroyedKeys: destroyedKeys + aftermath.destroyedKeyIds.length };
}

/**
 * After commit: destroyed keys leave this process's cache, media files are removed, the ledger file
 * gets its lines. A file that cannot be removed is logged (by its key, no content) and left: it is
 * sealed under a destroyed key, so it no longer opens.
 */
export async function finishErasure(deps: ErasureDeps, aftermath: Aftermath): Promise<void> {
  deps.cipher.forgetDataKeys(aftermath.destroyedKeyIds);
  for (const key of aftermath.mediaKeys) {
    await deps.storage.delete(key).catch((error: unknown) => {
      deps.log.warn({ err: error, storageKey: key }, 'an erased media file could not be removed');
    });
  }
  await appendLedgerFile(deps.ledgerFile, aftermath.ledger).catch((error: unknown) => {
    // The database's ledger holds the entry; the replay copies it to the file again.
    deps.log.error({ err: error }, 'the erasure ledger file could not be written');
  });
}
