import { useSyncExternalStore } from 'react';
import { indexedDbOutbox, memoryOutbox, type OutboxEntry, type OutboxStore } from './outboxStore.js';
import { patientApi } from './patientApi.js';
import { getSession } from './session.js';
import { type SyncOutcome, syncOutbox } from './sync.js';

// The app's outbox: every log goes here first and is sent from here, online or not, so there is one
// path to the server and nothing is lost when the connection drops mid-request.

export interface OutboxState {
  entries: OutboxEntry[];
  syncing: boolean;
  lastOutcome?: SyncOutcome;
}

const store: OutboxStore = typeof indexedDB === 'undefined' ? memoryOutbox() : indexedDbOutbox;
let state: OutboxState = { entries: [], syncing: false };
const listeners = new Set<() => void>();
const synced = new Set<(outcome: SyncOutcome) => void>();

function setState(next: Partial<OutboxState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

async function reload(): Promise<void> {
  setState({ entries: await store.all() });
}

/** Adds logged exercises to the outbox and tries to send them at once. */
export async function addToOutbox(entries: OutboxEntry[]): Promise<void> {
  await store.put(entries);
  await reload();
  void syncNow();
}

let running: Promise<SyncOutcome> | undefined;
let requestedAgain = false;

async function runOnce(): Promise<SyncOutcome> {
  if (!getSession()) return { kind: 'signed_out', sent: 0 };
  setState({ syncing: true });
  try {
    const outcome = await syncOutbox({ store, send: (entries) => patientApi.log(entries) });
    for (const listener of synced) listener(outcome);
    return outcome;
  } catch {
    // IndexedDB itself failed; the entries stay where they are.
    return { kind: 'unreachable', sent: 0 };
  } finally {
    await reload().catch(() => undefined);
    setState({ syncing: false });
  }
}

/**
 * Sends what waits. Runs never overlap, so an entry is never in two requests at once; a call during
 * a run (the phone came back online while the last offline attempt was still failing) runs again
 * right after it, so that call is never lost.
 */
export function syncNow(): Promise<SyncOutcome> {
  if (running) {
    requestedAgain = true;
    return running;
  }
  running = (async () => {
    let outcome = await runOnce();
    while (requestedAgain) {
      requestedAgain = false;
      outcome = await runOnce();
    }
    return outcome;
  })().finally(() => {
    running = undefined;
  });
  void running.then((outcome) => setState({ lastOutcome: outcome }));
  return running;
}

/** Forgets entries the server refused (after the person has seen them). */
export async function discardRejected(): Promise<void> {
  await store.remove(state.entries.filter((entry) => entry.state === 'rejected').map((e) => e.clientEntryId));
  await reload();
}

/** Empties the outbox: on sign-out, so the next person on this phone never sends someone else's logs. */
export async function clearOutbox(): Promise<void> {
  await store.clear();
  await reload();
}

/** Calls back after every sync run (to refetch today's counts once entries reached the server). */
export function onSynced(listener: (outcome: SyncOutcome) => void): () => void {
  synced.add(listener);
  return () => synced.delete(listener);
}

let started = false;

/**
 * Loads the outbox and sends it now, whenever the phone comes back online or the app comes to the
 * front, and every minute while something waits (some networks come back without an `online` event).
 */
export function startOutbox(): void {
  if (started) return;
  started = true;
  void reload().then(() => syncNow());
  window.addEventListener('online', () => void syncNow());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void syncNow();
  });
  window.setInterval(() => {
    if (state.entries.some((entry) => entry.state === 'pending')) void syncNow();
  }, 60_000);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => state;

/** The outbox's entries and whether a sync is running; re-renders on every change. */
export function useOutbox(): OutboxState {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
