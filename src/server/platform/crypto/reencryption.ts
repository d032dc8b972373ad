import { randomUUID } from 'node:crypto';
import type { Transactor } from '../../db/transactions.js';
import type { Clock } from '../clock.js';
import type { JobHandler, JobRunner } from '../jobs/runner.js';
import { DecryptionError } from './aead.js';
import type { KeyOwner } from './data-keys.repo.js';
import { ENCRYPTED_COLUMNS } from './encrypted-columns.js';
import { ACTIVE_KEY_TTL_MS, type FieldCipher } from './field-cipher.js';
import {
  countValuesSealedUnder,
  listActiveKeyOwners,
  listRetiredDataKeys,
  listValuesSealedUnder,
  markDataKeyDrained,
  type RetiredDataKey,
  replaceSealedValue,
} from './key-rotation.repo.js';
import { type MediaRewrapDeps, rewrapMediaOf } from './media-rewrap.js';

/** The job that moves values off retired data keys; payload `{ practiceId? }` (none: every practice). */
export const REENCRYPT_JOB = 'crypto.reencrypt';

/**
 * A nightly run over every practice: it finishes what a failed or interrupted job left, so no value
 * stays under a retired key for long.
 */
export const REENCRYPT_SCHEDULE = {
  name: 'crypto.reencrypt.nightly',
  cron: '20 3 * * *',
  kind: REENCRYPT_JOB,
};

/**
 * After a data key is retired, a node that read it as active just before keeps sealing with it until
 * its cache expires (ACTIVE_KEY_TTL_MS); the margin covers a transaction still under way then.
 */
export const RETIRED_KEY_GRACE_MS = ACTIVE_KEY_TTL_MS + 30_000;

// A few passes over the columns: values the app wrote under the retired key while one ran are caught
// by the next; a pass that moves nothing ends it (what is left is unreadable, or a node still seals
// with the retired key and the job will retry).
const MAX_PASSES = 3;

export interface ReencryptionDeps extends MediaRewrapDeps {
  cipher: FieldCipher;
  clock: Clock;
  /** Values read and re-sealed per transaction. */
  batchSize?: number;
  /** Called after each committed batch (tests interrupt the job here). */
  afterBatch?: () => Promise<void> | void;
}

/** What happened to one retired data key: counts only. */
export interface RetiredKeyOutcome {
  keyId: string;
  reencrypted: number;
  /** Values still sealed under the key. */
  remaining: number;
  /** Of those, the ones that did not open (altered or moved): they are left as they are. */
  unreadable: number;
  /** Stored objects whose key was re-wrapped under the owner's active key. */
  rewrappedMedia: number;
  /** Stored objects whose key the retired key still wraps, or may (those that did not open). */
  remainingMedia: number;
  unreadableMedia: number;
  /** Nothing in the database or in storage is under the key any more: it was marked drained. */
  drained: boolean;
  /** Why a key with no value left was not marked drained. */
  kept?: 'grace' | 'media';
}

export interface ReencryptionReport {
  keys: RetiredKeyOutcome[];
  reencrypted: number;
  remaining: number;
  unreadable: number;
  rewrappedMedia: number;
  remainingMedia: number;
  unreadableMedia: number;
  drained: number;
}

/**
 * Re-seals every value still under a retired data key (of one practice, or all) with its owner's active
 * key, in batches, each batch its own transaction, and re-wraps the keys of the owner's stored media;
 * then marks each key that nothing is under any more as drained. Safe to interrupt and run again: each
 * value is replaced by compare-and-set, each media key re-wrapped only while it is not yet moved.
 */
export async function reencryptRetiredValues(
  deps: ReencryptionDeps,
  scope: { practiceId?: string } = {},
): Promise<ReencryptionReport> {
  const retired = await deps.transactor.asSystem((tx) => listRetiredDataKeys(tx, scope.practiceId));
  const keys: RetiredKeyOutcome[] = [];
  for (const key of retired) keys.push(await drainKey(deps, key));
  const total = (count: Exclude<keyof RetiredKeyOutcome, 'keyId' | 'drained' | 'kept'>) =>
    keys.reduce((sum, key) => sum + key[count], 0);
  return {
    keys,
    reencrypted: total('reencrypted'),
    remaining: total('remaining'),
    unreadable: total('unreadable'),
    rewrappedMedia: total('rewrappedMedia'),
    remainingMedia: total('remainingMedia'),
    unreadableMedia: total('unreadableMedia'),
    drained: keys.filter((key) => key.drained).length,
  };
}

async function drainKey(deps: ReencryptionDeps, key: RetiredDataKey): Promise<RetiredKeyOutcome> {
  const { transactor, cipher } = deps;
  const batchSize = deps.batchSize ?? 200;
  const owner: KeyOwner = key.clientId
    ? { practiceId: key.practiceId, clientId: key.clientId }
    : { practiceId: key.practiceId };
  const unreadable = new Set<string>();
  let reencrypted = 0;
  // Whether the grace has passed is judged by the start: every look below then came after it.
  const startedAt = deps.clock.now();

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let moved = 0;
    for (const column of ENCRYPTED_COLUMNS) {
      let after: string | undefined;
      for (;;) {
        const batch = await transactor.inPractice(key.practiceId, async (tx) => {
          const rows = await listValuesSealedUnder(tx, column, key.practiceId, key.id, after, batchSize);
          let replaced = 0;
          for (const row of rows) {
            const at = { table: column.table, column: column.column, rowId: row.id };
            let sealed: string;
            try {
              sealed = await cipher.reencrypt(tx, owner, row.value, at);
            } catch (error) {
              if (!(error instanceof DecryptionError)) throw error;
              unreadable.add(`${column.table}.${column.column}.${row.id}`);
              continue;
            }
            // Unchanged: this node still takes the retired key for active (another node rotated it).
            if (sealed !== row.value && (await replaceSealedValue(tx, column, row.id, row.value, sealed))) {
              replaced += 1;
            }
          }
          return { rows, replaced };
        });
        moved += batch.replaced;
        await deps.afterBatch?.();
        if (batch.rows.length < batchSize) break;
        after = batch.rows[batch.rows.length - 1]?.id;
      }
    }
    reencrypted += moved;
    if (moved === 0) break;
  }

  const remaining = await transactor.inPractice(key.practiceId, async (tx) => {
    let total = 0;
    for (const column of ENCRYPTED_COLUMNS) {
      total += await countValuesSealedUnder(tx, column, key.practiceId, key.id);
    }
    return total;
  });
  const media = await rewrapMediaOf(deps, key);
  const outcome: RetiredKeyOutcome = {
    keyId: key.id,
    reencrypted,
    remaining,
    unreadable: unreadable.size,
    rewrappedMedia: media.rewrapped,
    remainingMedia: media.remaining,
    unreadableMedia: media.unreadable,
    drained: false,
  };
  if (remaining > 0) return outcome;
  if (media.remaining > 0) return { ...outcome, kept: 'media' };
  // Within the grace a node may still seal, or wrap an object's key, with the retired key. An upload that
  // began then is re-wrapped as it completes (local-storage.ts), and its row written at once after.
  const inUseUntil = new Date((key.retiredAt ?? startedAt).getTime() + RETIRED_KEY_GRACE_MS);
  if (startedAt < inUseUntil) return { ...outcome, kept: 'grace' };
  const drained = await transactor.asSystem((tx) => markDataKeyDrained(tx, key.id));
  return { ...outcome, drained };
}

/** Which data keys `keys rotate-data-keys` retires: all, a practice's (its own and its clients'), or a client's. */
export type DataKeyScope = { practiceId?: string; clientId?: string };

export interface DataKeyRotationReport {
  rotatedKeys: number;
  practices: number;
}

/**
 * Retires the active data keys in scope and starts new ones (each owner in its own transaction), and
 * queues the re-encryption job of each practice in the same transaction, to run once no node can still
 * be sealing with a retired key.
 */
export async function rotateDataKeys(
  deps: { transactor: Transactor; cipher: FieldCipher; jobs: Pick<JobRunner, 'enqueue'>; clock: Clock },
  scope: DataKeyScope = {},
): Promise<DataKeyRotationReport> {
  const owners = (await deps.transactor.asSystem((tx) => listActiveKeyOwners(tx, scope.practiceId))).filter(
    (owner) => !scope.clientId || owner.clientId === scope.clientId,
  );
  // One job per practice and run, however many of its keys were rotated.
  const run = randomUUID();
  const runAt = new Date(deps.clock.now().getTime() + RETIRED_KEY_GRACE_MS);
  for (const owner of owners) {
    await deps.transactor.inPractice(owner.practiceId, async (tx) => {
      await deps.cipher.rotateDataKey(
        tx,
        owner.clientId
          ? { practiceId: owner.practiceId, clientId: owner.clientId }
          : { practiceId: owner.practiceId },
      );
      await deps.jobs.enqueue(
        tx,
        REENCRYPT_JOB,
        { practiceId: owner.practiceId },
        { runAt, dedupeKey: `${REENCRYPT_JOB}:${owner.practiceId}:${run}` },
      );
    });
  }
  return { rotatedKeys: owners.length, practices: new Set(owners.map((owner) => owner.practiceId)).size };
}

/** The job runner's handler: drains the practice's retired keys; retries while values remain movable. */
export function createReencryptionJob(deps: ReencryptionDeps): JobHandler {
  return async (payload, { log }) => {
    const practiceId =
      payload &&
      typeof payload === 'object' &&
      typeof (payload as { practiceId?: unknown }).practiceId === 'string'
        ? (payload as { practiceId: string }).practiceId
        : undefined;
    const report = await reencryptRetiredValues(deps, practiceId ? { practiceId } : {});
    log.info(
      {
        keys: report.keys.length,
        reencrypted: report.reencrypted,
        remaining: report.remaining,
        unreadable: report.unreadable,
        rewrappedMedia: report.rewrappedMedia,
        remainingMedia: report.remainingMedia,
        unreadableMedia: report.unreadableMedia,
        drained: report.drained,
      },
      're-encryption of values and media keys under retired data keys',
    );
    if (report.unreadable + report.unreadableMedia > 0) {
      log.warn(
        { unreadable: report.unreadable, unreadableMedia: report.unreadableMedia },
        'some values or media keys under retired data keys do not open; left as they are',
      );
    }
    const movable = report.remaining - report.unreadable;
    const movableMedia = report.remainingMedia - report.unreadableMedia;
    const waiting = report.keys.some((key) => key.kept === 'grace');
    if (movable > 0 || movableMedia > 0 || waiting) {
      // The runner retries with backoff: a node still sealing with a retired key stops within its TTL.
      throw new Error(
        `${movable} values and ${movableMedia} media keys still under retired data keys` +
          `${waiting ? ', and keys retired too recently' : ''}`,
      );
    }
  };
}
