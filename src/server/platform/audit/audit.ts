import type { Tx } from '../../db/transactions.js';
import type { Clock } from '../clock.js';
import { insertAuditEvent } from './audit.repo.js';

export type ActorType = 'practitioner' | 'client' | 'api_key' | 'operator' | 'system' | 'anonymous';

/** One audited act. Ids and kinds only: never names, values or free text from a record. */
export interface AuditEntry {
  /** The practice whose data was touched; null for deployment-level events (operator commands). */
  practiceId: string | null;
  actor: { type: ActorType; id?: string };
  /** What happened, as noun.verb: "client.read", "auth.sign_in". */
  action: string;
  subject?: { type: string; id: string };
  outcome: 'success' | 'failure' | 'denied';
  ip?: string;
  userAgent?: string;
}

export interface Audit {
  /** Writes the entry inside the caller's transaction, so it commits or rolls back with the act. */
  record(tx: Tx, entry: AuditEntry): Promise<void>;
}

const USER_AGENT_MAX = 512;

export function createAudit(deps: { clock: Clock }): Audit {
  return {
    async record(tx, entry) {
      await insertAuditEvent(tx, {
        practiceId: entry.practiceId,
        at: deps.clock.now(),
        actorType: entry.actor.type,
        actorId: entry.actor.id ?? null,
        action: entry.action,
        subjectType: entry.subject?.type ?? null,
        subjectId: entry.subject?.id ?? null,
        outcome: entry.outcome,
        ip: entry.ip ?? null,
        userAgent: entry.userAgent?.slice(0, USER_AGENT_MAX) ?? null,
      });
    },
  };
}
