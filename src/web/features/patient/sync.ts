import { ApiError } from '../../api/client.js';
import type { OutboxEntry, OutboxStore } from './outboxStore.js';
import type { AdherenceEntryBody } from './types.js';

// Sending the outbox. An entry leaves the outbox only after the server answered 201 for it; the
// server stores each clientEntryId once, so sending again after a lost answer is harmless, and the
// practitioner sees every entry exactly once.

/** The server takes at most 200 entries per request. */
export const MAX_BATCH = 200;

export type SyncOutcome =
  | { kind: 'nothing_waiting' }
  | { kind: 'synced'; sent: number; rejected: number }
  /** The network or server failed: what is left waits for the next attempt. */
  | { kind: 'unreachable'; sent: number }
  /** 429: try later. */
  | { kind: 'throttled'; sent: number; retryAfter?: number }
  /** 401: the session ended; entries wait for the next sign-in. */
  | { kind: 'signed_out'; sent: number };

export interface SyncDeps {
  store: OutboxStore;
  /** POST /api/v1/patient/adherence; resolves on 201, throws ApiError otherwise. */
  send(entries: AdherenceEntryBody[]): Promise<unknown>;
  batchSize?: number;
}

/** The request body of an outbox entry (without the app's bookkeeping). */
export function toBody(entry: OutboxEntry): AdherenceEntryBody {
  const { clientEntryId, programItemId, date, setsDone, repsDone, holdSeconds, painLevel, comment } = entry;
  return { clientEntryId, programItemId, date, setsDone, repsDone, holdSeconds, painLevel, comment };
}

type Failure = 'retry' | 'throttled' | 'signed_out' | 'refused';

/** Whether a failed send should be retried later, ends the session, or was refused for good. */
export function classifyFailure(error: unknown): Failure {
  if (!(error instanceof ApiError)) return 'retry';
  if (error.status === 401) return 'signed_out';
  if (error.status === 429) return 'throttled';
  if (error.status === 0 || error.status === 408 || error.status >= 500) return 'retry';
  return 'refused';
}

/** The entries a 400 names (`entries.3.programItemId` → 3) with the server's message for each. */
export function refusedEntries(error: unknown): Map<number, string> {
  const refused = new Map<number, string>();
  if (!(error instanceof ApiError)) return refused;
  for (const problem of error.details) {
    const index = /^entries\.(\d+)\./.exec(problem.field)?.[1];
    if (index !== undefined && !refused.has(Number(index))) refused.set(Number(index), problem.message);
  }
  return refused;
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

class Stop extends Error {
  constructor(
    readonly failure: Exclude<Failure, 'refused'>,
    readonly retryAfter?: number,
  ) {
    super(failure);
  }
}

/** Sends every pending entry of the outbox, oldest first. */
export async function syncOutbox({ store, send, batchSize = MAX_BATCH }: SyncDeps): Promise<SyncOutcome> {
  const pending = (await store.all()).filter((entry) => entry.state === 'pending');
  if (pending.length === 0) return { kind: 'nothing_waiting' };
  let sent = 0;
  let rejected = 0;

  const reject = async (entries: OutboxEntry[], problem: (entry: OutboxEntry) => string) => {
    rejected += entries.length;
    await store.put(
      entries.map((entry) => ({ ...entry, state: 'rejected' as const, problem: problem(entry) })),
    );
  };

  const sendBatch = async (batch: OutboxEntry[]): Promise<void> => {
    try {
      await send(batch.map(toBody));
    } catch (error) {
      const failure = classifyFailure(error);
      if (failure !== 'refused')
        throw new Stop(failure, error instanceof ApiError ? error.retryAfter : undefined);
      // A refused batch must not hold back the good entries in it: drop only what the server named,
      // or, when it named none, find the bad ones by sending one at a time.
      const named = refusedEntries(error);
      if (named.size > 0) {
        await reject(
          batch.filter((_, index) => named.has(index)),
          (entry) => named.get(batch.indexOf(entry)) ?? '',
        );
        const rest = batch.filter((_, index) => !named.has(index));
        if (rest.length > 0) await sendBatch(rest);
      } else if (batch.length > 1) {
        for (const entry of batch) await sendBatch([entry]);
      } else {
        await reject(batch, () => (error instanceof Error ? error.message : ''));
      }
      return;
    }
    sent += batch.length;
    await store.remove(batch.map((entry) => entry.clientEntryId));
  };

  try {
    for (const batch of chunks(pending, batchSize)) await sendBatch(batch);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    if (error.failure === 'signed_out') return { kind: 'signed_out', sent };
    if (error.failure === 'throttled') return { kind: 'throttled', sent, retryAfter: error.retryAfter };
    return { kind: 'unreachable', sent };
  }
  return { kind: 'synced', sent, rejected };
}
