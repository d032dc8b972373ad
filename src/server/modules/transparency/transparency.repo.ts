import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { apiKeys, auditEvents, practitioners } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

/** The people and systems of the practice whose acts on a client's record the client is shown. */
export const ACCESSING_ACTORS = ['practitioner', 'api_key', 'operator'] as const;

export interface RecordAccessRow {
  id: bigint;
  at: Date;
  actorType: string;
  action: string;
  practitionerFirstName: string | null;
  practitionerLastName: string | null;
  practitionerRole: string | null;
  apiKeyName: string | null;
}

/**
 * A page of the audit events about one client by anyone but the client, newest first. Actor ids are
 * text in the audit table (an operator's is not a uuid), so the joins compare as text.
 */
export async function listRecordAccess(
  tx: Tx,
  practiceId: string,
  clientId: string,
  page: { limit: number; offset: number },
): Promise<RecordAccessRow[]> {
  return tx
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorType: auditEvents.actorType,
      action: auditEvents.action,
      practitionerFirstName: practitioners.firstName,
      practitionerLastName: practitioners.lastName,
      practitionerRole: practitioners.role,
      apiKeyName: apiKeys.name,
    })
    .from(auditEvents)
    .leftJoin(
      practitioners,
      and(
        eq(auditEvents.actorType, 'practitioner'),
        eq(sql`${practitioners.id}::text`, auditEvents.actorId),
        eq(practitioners.practiceId, practiceId),
      ),
    )
    .leftJoin(
      apiKeys,
      and(
        eq(auditEvents.actorType, 'api_key'),
        eq(sql`${apiKeys.id}::text`, auditEvents.actorId),
        eq(apiKeys.practiceId, practiceId),
      ),
    )
    .where(
      and(
        eq(auditEvents.practiceId, practiceId),
        eq(auditEvents.subjectType, 'client'),
        eq(auditEvents.subjectId, clientId),
        eq(auditEvents.outcome, 'success'),
        inArray(auditEvents.actorType, [...ACCESSING_ACTORS]),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(page.limit)
    .offset(page.offset);
}
