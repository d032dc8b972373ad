import type { AdherenceEntryBody } from './types.js';

// Logged exercises wait here until the server has them. IndexedDB, not localStorage: it survives
// the app being closed or killed offline, and holds a queue of any length without parsing it whole.

/** A logged exercise waiting to be sent; `rejected` ones the server refused and will not retry. */
export interface OutboxEntry extends AdherenceEntryBody {
  /** The exercise's title when logged: shown in the waiting list even if the program changes. */
  title: string;
  loggedAt: string;
  state: 'pending' | 'rejected';
  /** The server's message for a rejected entry. */
  problem?: string;
}

/** The queue's storage; IndexedDB in the app, a Map in unit tests. */
export interface OutboxStore {
  all(): Promise<OutboxEntry[]>;
  put(entries: OutboxEntry[]): Promise<void>;
  remove(clientEntryIds: string[]): Promise<void>;
  clear(): Promise<void>;
}

const DB_NAME = 'rehabit-patient';
const STORE = 'outbox';

let opened: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { keyPath: 'clientEntryId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opened = undefined;
      reject(request.error ?? new Error('IndexedDB could not be opened'));
    };
  });
  return opened;
}

async function transaction<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = work(tx.objectStore(STORE));
    // Resolve on commit, not on the request: a write is only safe once its transaction completed.
    tx.oncomplete = () => resolve(request?.result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The outbox in the browser's IndexedDB. */
export const indexedDbOutbox: OutboxStore = {
  async all() {
    const entries = await transaction<OutboxEntry[]>('readonly', (store) => store.getAll());
    return (entries ?? []).sort((a, b) => a.loggedAt.localeCompare(b.loggedAt));
  },
  async put(entries) {
    await transaction('readwrite', (store) => {
      for (const entry of entries) store.put(entry);
      return undefined;
    });
  },
  async remove(ids) {
    await transaction('readwrite', (store) => {
      for (const id of ids) store.delete(id);
      return undefined;
    });
  },
  async clear() {
    await transaction('readwrite', (store) => store.clear());
  },
};

/** An outbox in memory, for tests and for browsers without IndexedDB. */
export function memoryOutbox(initial: OutboxEntry[] = []): OutboxStore {
  const entries = new Map(initial.map((entry) => [entry.clientEntryId, entry]));
  return {
    all: async () => [...entries.values()].sort((a, b) => a.loggedAt.localeCompare(b.loggedAt)),
    put: async (added) => {
      for (const entry of added) entries.set(entry.clientEntryId, { ...entry });
    },
    remove: async (ids) => {
      for (const id of ids) entries.delete(id);
    },
    clear: async () => entries.clear(),
  };
}
