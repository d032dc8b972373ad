import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { memoryOutbox, type OutboxEntry } from './outboxStore.js';
import { chunks, syncOutbox, toBody } from './sync.js';
import type { AdherenceEntryBody } from './types.js';

let counter = 0;
function entry(overrides: Partial<OutboxEntry> = {}): OutboxEntry {
  counter += 1;
  return {
    clientEntryId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    programItemId: 'item-1',
    date: '2026-05-12',
    setsDone: 3,
    repsDone: 10,
    holdSeconds: 5,
    painLevel: 2,
    comment: null,
    title: 'Quad set',
    loggedAt: new Date(Date.UTC(2026, 4, 12, 8, 0, counter)).toISOString(),
    state: 'pending',
    ...overrides,
  };
}

/** A fake server: stores each clientEntryId once, as the real one does. */
function fakeServer(fail?: (entries: AdherenceEntryBody[]) => Error | undefined) {
  const stored = new Map<string, AdherenceEntryBody>();
  const requests: AdherenceEntryBody[][] = [];
  return {
    stored,
    requests,
    send: async (entries: AdherenceEntryBody[]) => {
      requests.push(entries);
      const error = fail?.(entries);
      if (error) throw error;
      for (const body of entries) if (!stored.has(body.clientEntryId)) stored.set(body.clientEntryId, body);
    },
  };
}

describe('outbox sync', () => {
  it('sends what waits, oldest first, and empties the outbox on 201', async () => {
    const first = entry();
    const second = entry({ programItemId: 'item-2' });
    const store = memoryOutbox([second, first]);
    const server = fakeServer();
    expect(await syncOutbox({ store, send: server.send })).toEqual({ kind: 'synced', sent: 2, rejected: 0 });
    expect(server.requests[0]?.map((body) => body.clientEntryId)).toEqual([
      first.clientEntryId,
      second.clientEntryId,
    ]);
    expect(await store.all()).toEqual([]);
  });

  it('keeps every entry when the network fails, and a later replay stores each once', async () => {
    const store = memoryOutbox([entry(), entry()]);
    let online = false;
    const server = fakeServer(() => (online ? undefined : new ApiError(0, 'network_error', 'offline')));
    expect((await syncOutbox({ store, send: server.send })).kind).toBe('unreachable');
    expect(await store.all()).toHaveLength(2);

    online = true;
    await syncOutbox({ store, send: server.send });
    expect(server.stored.size).toBe(2);
    expect(await store.all()).toEqual([]);
  });

  it('is safe when the answer to a stored batch was lost: the replay does not duplicate', async () => {
    const store = memoryOutbox([entry(), entry()]);
    let loseAnswer = true;
    const server = fakeServer();
    const send = async (entries: AdherenceEntryBody[]) => {
      await server.send(entries);
      if (loseAnswer) throw new ApiError(0, 'network_error', 'connection reset');
    };
    await syncOutbox({ store, send });
    expect(await store.all()).toHaveLength(2);
    loseAnswer = false;
    await syncOutbox({ store, send });
    expect(server.stored.size).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it('sends in batches the server accepts', async () => {
    const store = memoryOutbox(Array.from({ length: 5 }, () => entry()));
    const server = fakeServer();
    await syncOutbox({ store, send: server.send, batchSize: 2 });
    expect(server.requests.map((batch) => batch.length)).toEqual([2, 2, 1]);
    expect(chunks([1, 2, 3], 5)).toEqual([[1, 2, 3]]);
  });

  it('rejects only the entries a 400 names and sends the rest', async () => {
    const good = entry();
    const bad = entry({ programItemId: 'gone' });
    const store = memoryOutbox([good, bad]);
    const server = fakeServer((entries) => {
      const index = entries.findIndex((body) => body.programItemId === 'gone');
      if (index < 0) return undefined;
      return new ApiError(400, 'validation_failed', 'Check the entries.', [
        { field: `entries.${index}.programItemId`, message: 'This exercise is not in your program.' },
      ]);
    });
    expect(await syncOutbox({ store, send: server.send })).toEqual({ kind: 'synced', sent: 1, rejected: 1 });
    expect([...server.stored.keys()]).toEqual([good.clientEntryId]);
    const [left] = await store.all();
    expect(left).toMatchObject({ clientEntryId: bad.clientEntryId, state: 'rejected' });
    expect(left?.problem).toBe('This exercise is not in your program.');

    // A rejected entry is not sent again.
    expect(await syncOutbox({ store, send: server.send })).toEqual({ kind: 'nothing_waiting' });
  });

  it('finds a refused entry by sending one at a time when the server names none', async () => {
    const store = memoryOutbox([entry(), entry({ programItemId: 'gone' }), entry()]);
    const server = fakeServer((entries) =>
      entries.some((body) => body.programItemId === 'gone')
        ? new ApiError(404, 'not_found', 'Not found.')
        : undefined,
    );
    expect(await syncOutbox({ store, send: server.send })).toEqual({ kind: 'synced', sent: 2, rejected: 1 });
  });

  it('stops at a 401 and keeps the entries for the next sign-in', async () => {
    const store = memoryOutbox([entry()]);
    const server = fakeServer(() => new ApiError(401, 'unauthenticated', 'Sign in.'));
    expect(await syncOutbox({ store, send: server.send })).toEqual({ kind: 'signed_out', sent: 0 });
    expect(await store.all()).toHaveLength(1);
  });

  it('waits when throttled, passing on Retry-After', async () => {
    const store = memoryOutbox([entry()]);
    const server = fakeServer(() => new ApiError(429, 'rate_limited', 'Slow down.', [], 30));
    expect(await syncOutbox({ store, send: server.send })).toEqual({
      kind: 'throttled',
      sent: 0,
      retryAfter: 30,
    });
  });

  it('sends only the fields of the API, not the app bookkeeping', () => {
    expect(Object.keys(toBody(entry())).sort()).toEqual(
      [
        'clientEntryId',
        'comment',
        'date',
        'holdSeconds',
        'painLevel',
        'programItemId',
        'repsDone',
        'setsDone',
      ].sort(),
    );
  });
});
