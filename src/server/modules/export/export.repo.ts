import { and, asc, eq, sql } from 'drizzle-orm';
import {
  adherenceEntries,
  alerts,
  exerciseMedia,
  exercises,
  mailOutbox,
  messages,
  patientPasskeys,
  patientSessions,
  practitioners,
  programTemplates,
  pushSubscriptions,
  smsOutbox,
} from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';

// Queries the export needs and no other module has: whole histories rather than pages or windows.
// Every query names the practice; row-level security checks it again.

export type AdherenceRow = typeof adherenceEntries.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type MediaRow = typeof exerciseMedia.$inferSelect;

/** Every adherence entry of the client, in the order the days were done. */
export function listAllAdherence(tx: Tx, practiceId: string, clientId: string): Promise<AdherenceRow[]> {
  return tx
    .select()
    .from(adherenceEntries)
    .where(and(eq(adherenceEntries.practiceId, practiceId), eq(adherenceEntries.clientId, clientId)))
    .orderBy(asc(adherenceEntries.performedOn), asc(adherenceEntries.createdAt), asc(adherenceEntries.id));
}

/** The whole conversation, oldest first, with the name of the practitioner who wrote each message. */
export function listWholeConversation(tx: Tx, practiceId: string, clientId: string) {
  return tx
    .select({
      message: messages,
      authorFirstName: practitioners.firstName,
      authorLastName: practitioners.lastName,
    })
    .from(messages)
    .leftJoin(practitioners, eq(practitioners.id, messages.authorPractitionerId))
    .where(and(eq(messages.practiceId, practiceId), eq(messages.clientId, clientId)))
    .orderBy(asc(messages.createdAt), asc(messages.id));
}

/** Every alert raised about the client, oldest first. */
export function listAlertsAbout(tx: Tx, practiceId: string, clientId: string): Promise<AlertRow[]> {
  return tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.practiceId, practiceId), eq(alerts.clientId, clientId)))
    .orderBy(asc(alerts.createdAt), asc(alerts.id));
}

/** The client's patient-app sessions (metadata: never the token's hash). */
export function listAppSessions(tx: Tx, practiceId: string, clientId: string) {
  return tx
    .select({
      id: patientSessions.id,
      userAgent: patientSessions.userAgent,
      createdAt: patientSessions.createdAt,
      lastSeenAt: patientSessions.lastSeenAt,
      expiresAt: patientSessions.expiresAt,
      endedAt: patientSessions.endedAt,
    })
    .from(patientSessions)
    .where(and(eq(patientSessions.practiceId, practiceId), eq(patientSessions.clientId, clientId)))
    .orderBy(asc(patientSessions.createdAt), asc(patientSessions.id));
}

/** The client's passkeys (metadata: never the credential or public key). */
export function listAppPasskeys(tx: Tx, practiceId: string, clientId: string) {
  return tx
    .select({
      id: patientPasskeys.id,
      userAgent: patientPasskeys.userAgent,
      createdAt: patientPasskeys.createdAt,
      lastUsedAt: patientPasskeys.lastUsedAt,
    })
    .from(patientPasskeys)
    .where(and(eq(patientPasskeys.practiceId, practiceId), eq(patientPasskeys.clientId, clientId)))
    .orderBy(asc(patientPasskeys.createdAt), asc(patientPasskeys.id));
}

/** The client's push subscriptions (when only: the endpoint names a device and is a sending credential). */
export function listPushSubscriptions(tx: Tx, practiceId: string, clientId: string) {
  return tx
    .select({
      id: pushSubscriptions.id,
      createdAt: pushSubscriptions.createdAt,
      lastSentAt: pushSubscriptions.lastSentAt,
    })
    .from(pushSubscriptions)
    .where(and(eq(pushSubscriptions.practiceId, practiceId), eq(pushSubscriptions.clientId, clientId)))
    .orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.id));
}

/** Mail and text messages sent to the client: template, status and times (bodies are never stored). */
export async function listOutboxOf(tx: Tx, practiceId: string, clientId: string) {
  const columns = (table: typeof mailOutbox | typeof smsOutbox) => ({
    id: table.id,
    template: table.template,
    language: table.language,
    status: table.status,
    createdAt: table.createdAt,
    sentAt: table.sentAt,
  });
  const mail = await tx
    .select(columns(mailOutbox))
    .from(mailOutbox)
    .where(and(eq(mailOutbox.practiceId, practiceId), eq(mailOutbox.clientId, clientId)));
  const sms = await tx
    .select(columns(smsOutbox))
    .from(smsOutbox)
    .where(and(eq(smsOutbox.practiceId, practiceId), eq(smsOutbox.clientId, clientId)));
  return [
    ...mail.map((row) => ({ channel: 'email' as const, ...row })),
    ...sms.map((row) => ({ channel: 'sms' as const, ...row })),
  ].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Custom exercises made for the client and media that show them. */
export async function listFeaturing(tx: Tx, practiceId: string, clientId: string) {
  const exerciseRows = await tx
    .select({ id: exercises.id, createdAt: exercises.createdAt })
    .from(exercises)
    .where(and(eq(exercises.practiceId, practiceId), eq(exercises.featuredClientId, clientId)));
  const media = await tx
    .select()
    .from(exerciseMedia)
    .where(and(eq(exerciseMedia.practiceId, practiceId), eq(exerciseMedia.featuredClientId, clientId)))
    .orderBy(asc(exerciseMedia.exerciseId), asc(exerciseMedia.sortOrder), asc(exerciseMedia.id));
  return { exerciseIds: exerciseRows.map((row) => row.id), media };
}

export interface AuditAboutRow {
  at: Date | string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  subjectType: string | null;
  subjectId: string | null;
  outcome: string;
}

/**
 * The audit trail about the client: events whose subject is the client (or one of the given records
 * of theirs), and what the client did themselves. Who acted is named; where from (IP, browser) is the
 * staff's own data and stays out.
 */
export function listAuditAbout(tx: Tx, practiceId: string, clientId: string, recordIds: string[]) {
  const ids = [clientId, ...recordIds];
  return queryRows<AuditAboutRow>(
    tx,
    sql`select e.at, e.action, e.actor_type as "actorType", e.actor_id as "actorId",
               case e.actor_type
                 when 'practitioner' then (select p.first_name || ' ' || p.last_name from practitioners p
                                           where p.id::text = e.actor_id and p.practice_id = e.practice_id)
                 when 'api_key' then (select k.name from api_keys k
                                      where k.id::text = e.actor_id and k.practice_id = e.practice_id)
               end as "actorName",
               e.subject_type as "subjectType", e.subject_id as "subjectId", e.outcome
        from audit_events e
        where e.practice_id = ${practiceId}::uuid
          and (e.subject_id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )}) or (e.actor_type = 'client' and e.actor_id = ${clientId}))
        order by e.id`,
  );
}

/** Every client of the practice, archived ones included, oldest first. */
export async function listClientIds(tx: Tx, practiceId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from clients where practice_id = ${practiceId}::uuid order by created_at, id`,
  );
  return rows.map((row) => row.id);
}

/** The practice's own exercises, archived ones included. */
export async function listCustomExercises(tx: Tx, practiceId: string) {
  return tx
    .select()
    .from(exercises)
    .where(eq(exercises.practiceId, practiceId))
    .orderBy(asc(exercises.createdAt), asc(exercises.id));
}

/** Every media item the practice uploaded, with where its bytes are stored. */
export function listPracticeMedia(tx: Tx, practiceId: string): Promise<MediaRow[]> {
  return tx
    .select()
    .from(exerciseMedia)
    .where(eq(exerciseMedia.practiceId, practiceId))
    .orderBy(asc(exerciseMedia.exerciseId), asc(exerciseMedia.sortOrder), asc(exerciseMedia.id));
}

/** Every template of the practice, shared and private: the practice leaves with all of its own work. */
export function listAllTemplates(tx: Tx, practiceId: string) {
  return tx
    .select()
    .from(programTemplates)
    .where(eq(programTemplates.practiceId, practiceId))
    .orderBy(asc(programTemplates.createdAt), asc(programTemplates.id));
}
