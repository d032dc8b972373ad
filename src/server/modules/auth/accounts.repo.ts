import { and, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import {
  accountTokens,
  passkeys,
  practices,
  practitionerSessions,
  practitioners,
  signInFailures,
  signInLocks,
} from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type PractitionerRow = typeof practitioners.$inferSelect;
export type SessionRow = typeof practitionerSessions.$inferSelect;

export async function insertPractitioner(tx: Tx, row: typeof practitioners.$inferInsert) {
  const [inserted] = await tx.insert(practitioners).values(row).returning();
  if (!inserted) throw new Error('insert returned no practitioner');
  return inserted;
}

/** System role: every active account with this address, verified first (sign-in and reset come before the practice is known). */
export function findActivePractitionersByEmail(tx: Tx, email: string) {
  return tx
    .select()
    .from(practitioners)
    .where(and(eq(practitioners.email, email), eq(practitioners.status, 'active')))
    .orderBy(sql`${practitioners.emailVerifiedAt} is null`, practitioners.createdAt)
    .limit(5);
}

export async function findPractitioner(tx: Tx, practiceId: string, id: string) {
  const [row] = await tx
    .select()
    .from(practitioners)
    .where(and(eq(practitioners.practiceId, practiceId), eq(practitioners.id, id)))
    .limit(1);
  return row;
}

export async function updatePractitioner(
  tx: Tx,
  practiceId: string,
  id: string,
  changes: Partial<typeof practitioners.$inferInsert>,
) {
  const [row] = await tx
    .update(practitioners)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(practitioners.practiceId, practiceId), eq(practitioners.id, id)))
    .returning();
  return row;
}

export async function recordSuccessfulSignIn(tx: Tx, row: PractitionerRow, at: Date, ip: string | null) {
  await tx
    .update(practitioners)
    .set({
      signInCount: sql`${practitioners.signInCount} + 1`,
      lastSignInAt: row.currentSignInAt,
      lastSignInIp: row.currentSignInIp,
      currentSignInAt: at,
      currentSignInIp: ip,
    })
    .where(and(eq(practitioners.practiceId, row.practiceId), eq(practitioners.id, row.id)));
}

export async function verifiedAccountExists(tx: Tx, email: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: practitioners.id })
    .from(practitioners)
    .where(
      and(
        eq(practitioners.email, email),
        eq(practitioners.status, 'active'),
        sql`${practitioners.emailVerifiedAt} is not null`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

// --- failures and locks (system role: keyed by the typed address, known or not) ---

export async function insertSignInFailure(tx: Tx, row: typeof signInFailures.$inferInsert) {
  await tx.insert(signInFailures).values(row);
}

export async function countFailuresByEmailSince(tx: Tx, emailKey: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(and(eq(signInFailures.emailKey, emailKey), gte(signInFailures.at, since)));
  return row?.count ?? 0;
}

export async function countFailuresByIpSince(tx: Tx, ip: string, since: Date): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(and(eq(signInFailures.ip, ip), gt(signInFailures.at, since)));
  return row?.count ?? 0;
}

export async function findSignInLock(tx: Tx, emailKey: string) {
  const [row] = await tx.select().from(signInLocks).where(eq(signInLocks.emailKey, emailKey)).limit(1);
  return row;
}

export async function upsertSignInLock(tx: Tx, emailKey: string, lockedAt: Date, lockedUntil: Date) {
  await tx
    .insert(signInLocks)
    .values({ emailKey, lockedAt, lockedUntil })
    .onConflictDoUpdate({ target: signInLocks.emailKey, set: { lockedAt, lockedUntil } });
}

/** The account's own failed attempts, newest first. */
export function listFailuresOfPractitioner(
  tx: Tx,
  practiceId: string,
  practitionerId: string,
  limit: number,
) {
  return tx
    .select({ at: signInFailures.at, ip: signInFailures.ip })
    .from(signInFailures)
    .where(and(eq(signInFailures.practiceId, practiceId), eq(signInFailures.practitionerId, practitionerId)))
    .orderBy(desc(signInFailures.at))
    .limit(limit);
}

// --- sessions ---

export async function insertSession(tx: Tx, row: typeof practitionerSessions.$inferInsert) {
  await tx.insert(practitionerSessions).values(row);
}

/** System role: the session behind a cookie, with its practitioner, before the practice is known. */
export async function findLiveSessionByTokenHash(tx: Tx, tokenHash: string, now: Date) {
  const [row] = await tx
    .select({
      session: practitionerSessions,
      practitioner: practitioners,
      practiceRequiresMfa: practices.mfaRequired,
      hasPasskey: sql<boolean>`exists (select 1 from ${passkeys} where ${passkeys.practitionerId} = ${practitioners.id})`,
    })
    .from(practitionerSessions)
    .innerJoin(practitioners, eq(practitioners.id, practitionerSessions.practitionerId))
    .innerJoin(practices, eq(practices.id, practitionerSessions.practiceId))
    .where(
      and(
        eq(practitionerSessions.tokenHash, tokenHash),
        isNull(practitionerSessions.endedAt),
        gt(practitionerSessions.expiresAt, now),
      ),
    )
    .limit(1);
  return row;
}

export async function touchSession(tx: Tx, id: string, at: Date) {
  await tx.update(practitionerSessions).set({ lastSeenAt: at }).where(eq(practitionerSessions.id, id));
}

export async function endSessionById(tx: Tx, id: string, at: Date) {
  await tx
    .update(practitionerSessions)
    .set({ endedAt: at })
    .where(and(eq(practitionerSessions.id, id), isNull(practitionerSessions.endedAt)));
}

export function listLiveSessions(tx: Tx, practiceId: string, practitionerId: string, now: Date) {
  return tx
    .select()
    .from(practitionerSessions)
    .where(
      and(
        eq(practitionerSessions.practiceId, practiceId),
        eq(practitionerSessions.practitionerId, practitionerId),
        isNull(practitionerSessions.endedAt),
        gt(practitionerSessions.expiresAt, now),
      ),
    )
    .orderBy(desc(practitionerSessions.lastSeenAt));
}

/** Ends every live session of a practitioner, except one (the caller's own) when given. Answers how many. */
export async function endSessionsOf(
  tx: Tx,
  practiceId: string,
  practitionerId: string,
  at: Date,
  exceptSessionId?: string,
): Promise<number> {
  const ended = await tx
    .update(practitionerSessions)
    .set({ endedAt: at })
    .where(
      and(
        eq(practitionerSessions.practiceId, practiceId),
        eq(practitionerSessions.practitionerId, practitionerId),
        isNull(practitionerSessions.endedAt),
        exceptSessionId ? sql`${practitionerSessions.id} <> ${exceptSessionId}` : undefined,
      ),
    )
    .returning({ id: practitionerSessions.id });
  return ended.length;
}

// --- emailed single-use tokens ---

export async function insertAccountToken(tx: Tx, row: typeof accountTokens.$inferInsert) {
  await tx.insert(accountTokens).values(row);
}

/** System role: a token that is unused and unexpired, found by its hash. */
export async function findUsableAccountToken(
  tx: Tx,
  tokenHash: string,
  purpose: 'verify_email' | 'reset_password',
  now: Date,
) {
  const [row] = await tx
    .select()
    .from(accountTokens)
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    )
    .limit(1);
  return row;
}

/** Marks a token used; answers false when another request used it first. */
export async function consumeAccountToken(tx: Tx, id: string, at: Date): Promise<boolean> {
  const used = await tx
    .update(accountTokens)
    .set({ usedAt: at })
    .where(and(eq(accountTokens.id, id), isNull(accountTokens.usedAt)))
    .returning({ id: accountTokens.id });
  return used.length === 1;
}

/** A new link replaces older ones of the same purpose. */
export async function retireAccountTokens(
  tx: Tx,
  practitionerId: string,
  purpose: 'verify_email' | 'reset_password',
  at: Date,
) {
  await tx
    .update(accountTokens)
    .set({ usedAt: at })
    .where(
      and(
        eq(accountTokens.practitionerId, practitionerId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
      ),
    );
}

export async function countPasskeysOf(tx: Tx, practiceId: string, practitionerId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(passkeys)
    .where(and(eq(passkeys.practiceId, practiceId), eq(passkeys.practitionerId, practitionerId)));
  return row?.count ?? 0;
}

export async function clearSignInLock(tx: Tx, emailKey: string) {
  await tx.delete(signInLocks).where(eq(signInLocks.emailKey, emailKey));
}

export async function findPracticeOf(tx: Tx, practiceId: string) {
  const [row] = await tx
    .select({ name: practices.name, mfaRequired: practices.mfaRequired, country: practices.country })
    .from(practices)
    .where(eq(practices.id, practiceId))
    .limit(1);
  return row;
}
