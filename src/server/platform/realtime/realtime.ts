import type { DatabaseHandle } from '../../db/client.js';
import type { Tx } from '../../db/transactions.js';
import type { Logger } from '../logger.js';
import { notifyChannel } from './realtime.repo.js';

const CHANNEL = 'rehabit_events';

/**
 * That something changed, for whom: ids only, never content (a notification passes through the
 * database server's memory and every node). Sockets pass it on and the apps fetch what changed through
 * the audited API.
 */
export interface RealtimeEvent {
  type: 'message.created' | 'message.read' | 'notification.created';
  practiceId: string;
  /** The client whose conversation changed; their app and the practice's clinicians hear it. */
  clientId?: string;
  /** Set for what only one practitioner should hear (their notifications). */
  practitionerId?: string;
  id?: string;
}

export type RealtimeListener = (event: RealtimeEvent | { type: 'resync' }) => void;

export interface Realtime {
  /** Announces the event to every node once the transaction commits; never if it rolls back. */
  publish(tx: Tx, event: RealtimeEvent): Promise<void>;
  /** Hears this node's share of events; `resync` after a gap in which events may have been lost. */
  subscribe(listener: RealtimeListener): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const isEvent = (value: unknown): value is RealtimeEvent =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RealtimeEvent).type === 'string' &&
  typeof (value as RealtimeEvent).practiceId === 'string';

export function createRealtime(deps: { database: Pick<DatabaseHandle, 'listen'>; log: Logger }): Realtime {
  const listeners = new Set<RealtimeListener>();
  let stopListening: (() => Promise<void>) | undefined;
  const deliver: RealtimeListener = (event) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        deps.log.error({ err: error }, 'a realtime listener failed');
      }
    }
  };
  return {
    async publish(tx, event) {
      const { type, practiceId, clientId, practitionerId, id } = event;
      await notifyChannel(tx, CHANNEL, JSON.stringify({ type, practiceId, clientId, practitionerId, id }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      stopListening ??= await deps.database.listen(CHANNEL, {
        onPayload: (payload) => {
          let event: unknown;
          try {
            event = JSON.parse(payload);
          } catch {
            event = undefined;
          }
          if (isEvent(event)) deliver(event);
          else deps.log.warn('ignored a malformed realtime notification');
        },
        onResumed: () => deliver({ type: 'resync' }),
      });
    },
    async stop() {
      const stopping = stopListening;
      stopListening = undefined;
      // The engine may already be closed (shutdown order, tests): nothing is left to stop then.
      await stopping?.().catch(() => undefined);
    },
  };
}
