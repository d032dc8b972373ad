import type { Transactor } from '../../db/transactions.js';
import { ObjectNotFoundError, type ObjectStorage } from '../storage/storage.js';
import { DecryptionError } from './aead.js';
import {
  findExistingMedia,
  listMediaOfOwner,
  type RetiredDataKey,
  type StoredMedia,
} from './key-rotation.repo.js';

// The re-encryption job's step for stored objects (exercise media). An object's key is wrapped by its
// owner's data key and kept in storage with the object, out of reach of the column walk: the rows of
// exercise_media say which objects there are, and storage re-wraps each key in place.

/** What re-wrapping the media of a retired key's owner did: counts only. */
export interface MediaRewrapOutcome {
  /** Objects whose key moved to the owner's active data key. */
  rewrapped: number;
  /** Objects whose key the retired key still wraps, or may wrap (it did not open). */
  remaining: number;
  /** Of those, the ones whose key did not open (altered): they are left as they are. */
  unreadable: number;
}

export interface MediaRewrapDeps {
  transactor: Transactor;
  storage: Pick<ObjectStorage, 'rewrap' | 'delete'>;
  /** Media items listed per transaction. */
  batchSize?: number;
  /** Called after each batch (tests interrupt the job here). */
  afterBatch?: () => Promise<void> | void;
}

/**
 * Re-wraps the key of every object of the retired key's owner under the owner's active key. Storage is
 * called between transactions, never inside one: each of its calls runs its own (one connection on the
 * embedded engine). Safe to interrupt and run again: an object already under the active key is left.
 */
export async function rewrapMediaOf(deps: MediaRewrapDeps, key: RetiredDataKey): Promise<MediaRewrapOutcome> {
  const { transactor, storage } = deps;
  const batchSize = deps.batchSize ?? 200;
  const outcome: MediaRewrapOutcome = { rewrapped: 0, remaining: 0, unreadable: 0 };
  let after: string | undefined;
  for (;;) {
    const rows = await transactor.inPractice(key.practiceId, (tx) =>
      listMediaOfOwner(tx, key, after, batchSize),
    );
    const changed: StoredMedia[] = [];
    for (const row of rows) {
      try {
        const result = await storage.rewrap(row.storageKey);
        if (result.changed) changed.push(row);
        // Unchanged yet under the retired key: this node still takes it for active (rotated elsewhere).
        if (result.dataKeyId === key.id) outcome.remaining += 1;
      } catch (error) {
        // Deleted since it was listed: no key is left to move.
        if (error instanceof ObjectNotFoundError) continue;
        if (!(error instanceof DecryptionError)) throw error;
        outcome.unreadable += 1;
        outcome.remaining += 1;
      }
    }
    if (changed.length > 0) {
      // A removal that raced a re-wrap may have deleted the file before the new one took its place.
      const existing = await transactor.inPractice(key.practiceId, (tx) =>
        findExistingMedia(
          tx,
          key.practiceId,
          changed.map((row) => row.id),
        ),
      );
      for (const row of changed) {
        if (existing.has(row.id)) outcome.rewrapped += 1;
        else await storage.delete(row.storageKey);
      }
    }
    await deps.afterBatch?.();
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]?.id;
  }
  return outcome;
}
