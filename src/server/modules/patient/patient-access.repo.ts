import { and, asc, count, eq, gt, gte, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import {
  accessCodes,
  adherenceEntries,
  clients,
  exerciseMedia,
  exercises,
  messages,
  outcomeAssignments,
  outcomeResponses,
  patientPasskeys,
  patientSessions,
  patientSignInFailures,
} from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type PatientSessionRow = typeof patientSessions.$inferSelect;

/** The client an access code opens (system role: the patient app does not know the practice). */
export async function findClientByCodeIndex(tx: Tx, codeIndex: string) {
  const [row] = await tx
    .select({
      practiceId: clients.practiceId,
      clientId: clients.id,
      firstName: clients.firstName,
      yearOfBirth: clients.yearOfBirth,
      archivedAt: clients.archivedAt,
    })
    .from(accessCodes)
    .innerJoin(clients, eq(clients.id, accessCodes.clientId))
    .where(eq(accessCodes.codeIndex, codeIndex))
    .limit(1);
  return row;
}

export async function findClientGreeting(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx
    .select({ firstName: clients.firstName, language: clients.language })
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)))
    .limit(1);
  return row;
}

export async function clientExists(tx: Tx, practiceId: string, clientId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Whether the record holds anything about the client themselves rather than library content only:
 * then an access code alone must not open it (a message from either side counts, and so does an
 * outcome response or a PSFS assignment naming the client's own activities).
 */
export async function holdsPatientSpecificData(tx: Tx, clientId: string): Promise<boolean> {
  const checks = [
    tx.select({ id: exercises.id }).from(exercises).where(eq(exercises.featuredClientId, clientId)).limit(1),
    tx
      .select({ id: exerciseMedia.id })
      .from(exerciseMedia)
      .where(eq(exerciseMedia.featuredClientId, clientId))
      .limit(1),
    tx
      .select({ id: adherenceEntries.id })
      .from(adherenceEntries)
      .where(eq(adherenceEntries.clientId, clientId))
      .limit(1),
    tx.select({ id: messages.id }).from(messages).where(eq(messages.clientId, clientId)).limit(1),
    tx
      .select({ id: outcomeResponses.id })
      .from(outcomeResponses)
      .where(eq(outcomeResponses.clientId, clientId))
      .limit(1),
    tx
      .select({ id: outcomeAssignments.id })
      .from(outcomeAssignments)
      .where(and(eq(outcomeAssignments.clientId, clientId), isNotNull(outcomeAssignments.details)))
      .limit(1),
  ];
  for (const check of checks) if ((await check).length > 0) return true;
  return false;
}

export async function insertFailure(tx: Tx, row: typeof patientSignInFailures.$inferInsert) {
  await tx.insert(patientSignInFailures).values(row);
}

/** Times of wrong years of birth for a code since a moment, oldest first. */
export async function yearOfBirthFailuresSince(tx: Tx, codeIndex: string, since: Date): Promise<Date[]> {
  const rows = await tx
    .select({ at: patientSignInFailures.at })
    .from(patientSignInFailures)
    .where(
      and(
        eq(patientSignInFailures.kind, 'year_of_birth'),
        eq(patientSignInFailures.accessCodeIndex, codeIndex),
        gte(patientSignInFailures.at, since),
      ),
    )
    .orderBy(asc(patientSignInFailures.at));
  return rows.map((row) => row.at);
}

/** Wrong years of birth for a client's code since a moment (the practitioner's view of a lock). */
export async function clientYearOfBirthFailuresSince(tx: Tx, clientId: string, since: Date) {
  const rows = await tx
    .select({ at: patientSignInFailures.at })
    .from(patientSignInFailures)
    .where(
      and(
        eq(patientSignInFailures.kind, 'year_of_birth'),
        eq(patientSignInFailures.clientId, clientId),
        gte(patientSignInFailures.at, since),
      ),
    )
    .orderBy(asc(patientSignInFailures.at));
  return rows.map((row) => row.at);
}

export async function countUnknownCodeFailuresSince(tx: Tx, since: Date, ip?: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(patientSignInFailures)
    .where(
      and(
        eq(patientSignInFailures.kind, 'unknown_code'),
        gte(patientSignInFailures.at, since),
        ip === undefined ? undefined : eq(patientSignInFailures.ip, ip),
      ),
    );
  return row?.n ?? 0;
}

export async function insertPatientSession(tx: Tx, row: typeof patientSessions.$inferInsert) {
  await tx.insert(patientSessions).values(row);
}

/** A session counts only while the client's current code is the one it was opened with. */
export const openedWithCurrentCode = and(
  eq(accessCodes.clientId, patientSessions.clientId),
  eq(accessCodes.codeIndex, patientSessions.accessCodeIndex),
);

/** Neither ended nor past its expiry. */
export const sessionIsLive = (now: Date) =>
  and(isNull(patientSessions.endedAt), gt(patientSessions.expiresAt, now));

/**
 * A live session by its token's hash, with its client, only while the client's current code is the
 * one it was opened with (system role: the token arrives before the practice is known).
 */
export async function findLivePatientSession(tx: Tx, tokenHash: string, now: Date) {
  const [row] = await tx
    .select({ session: patientSessions, archivedAt: clients.archivedAt })
    .from(patientSessions)
    .innerJoin(clients, eq(clients.id, patientSessions.clientId))
    .innerJoin(accessCodes, openedWithCurrentCode)
    .where(and(eq(patientSessions.tokenHash, tokenHash), sessionIsLive(now)))
    .limit(1);
  return row;
}

export async function touchPatientSession(tx: Tx, id: string, at: Date) {
  await tx.update(patientSessions).set({ lastSeenAt: at }).where(eq(patientSessions.id, id));
}

export async function endPatientSession(tx: Tx, id: string, at: Date) {
  await tx
    .update(patientSessions)
    .set({ endedAt: at })
    .where(and(eq(patientSessions.id, id), isNull(patientSessions.endedAt)));
}

/** Ends every session of a client; answers how many were live. */
export async function endClientSessions(tx: Tx, practiceId: string, clientId: string, at: Date) {
  const ended = await tx
    .update(patientSessions)
    .set({ endedAt: at })
    .where(
      and(
        eq(patientSessions.practiceId, practiceId),
        eq(patientSessions.clientId, clientId),
        isNull(patientSessions.endedAt),
        gt(patientSessions.expiresAt, at),
      ),
    )
    .returning({ id: patientSessions.id });
  return ended.length;
}

/** The client's devices still signed in with the current code. */
export async function liveClientSessions(tx: Tx, practiceId: string, clientId: string, now: Date) {
  return tx
    .select({
      id: patientSessions.id,
      userAgent: patientSessions.userAgent,
      createdAt: patientSessions.createdAt,
      lastSeenAt: patientSessions.lastSeenAt,
    })
    .from(patientSessions)
    .innerJoin(accessCodes, openedWithCurrentCode)
    .where(
      and(
        eq(patientSessions.practiceId, practiceId),
        eq(patientSessions.clientId, clientId),
        sessionIsLive(now),
      ),
    )
    .orderBy(asc(patientSessions.createdAt));
}

/**
 * The images and videos the client may see of their program's exercises: the practice's own, except
 * any that show another client.
 */
export async function listProgramMedia(tx: Tx, practiceId: string, clientId: string, exerciseIds: string[]) {
  if (exerciseIds.length === 0) return [];
  return tx
    .select({
      id: exerciseMedia.id,
      exerciseId: exerciseMedia.exerciseId,
      kind: exerciseMedia.kind,
      contentType: exerciseMedia.contentType,
      byteSize: exerciseMedia.byteSize,
    })
    .from(exerciseMedia)
    .where(
      and(
        eq(exerciseMedia.practiceId, practiceId),
        inArray(exerciseMedia.exerciseId, exerciseIds),
        or(isNull(exerciseMedia.featuredClientId), eq(exerciseMedia.featuredClientId, clientId)),
      ),
    )
    .orderBy(asc(exerciseMedia.sortOrder), asc(exerciseMedia.createdAt), asc(exerciseMedia.id));
}

export async function deleteClientPasskeys(tx: Tx, practiceId: string, clientId: string) {
  await tx
    .delete(patientPasskeys)
    .where(and(eq(patientPasskeys.practiceId, practiceId), eq(patientPasskeys.clientId, clientId)));
}
