import { and, eq, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import {
  accountTokens,
  adherenceEntries,
  auditEvents,
  clients,
  jobs,
  mailOutbox,
  messages,
  outcomeResponses,
  patientSessions,
  patientSignInFailures,
  practices,
  practitionerSessions,
  programs,
  programVersions,
  signInFailures,
  smsOutbox,
  webauthnChallenges,
} from '../../db/schema/index.js';
import { queryRows, type Tx } from '../../db/transactions.js';

// The only place retention touches the database. Every query here runs as the system role: retention
// spans practices by nature. Queries select ids and times only, never content.

/** One table of rows that expire: which rows are past their time, and its practice column if it has one. */
export interface Sweep {
  /** The name reported (the table's). */
  name: string;
  table: PgTable;
  expired: (cutoff: Date) => SQL | undefined;
  /** Lets a run be confined to one practice (tests share a database); rows without one are swept only unconfined. */
  practiceId?: PgColumn;
}

const finishedOutbox = ['sent', 'failed', 'skipped'] as const;

/** Failed sign-in attempts: each row is one attempt at a time. */
export const SIGN_IN_FAILURE_SWEEPS: Sweep[] = [
  {
    name: 'sign_in_failures',
    table: signInFailures,
    expired: (cutoff) => lt(signInFailures.at, cutoff),
    practiceId: signInFailures.practiceId,
  },
  {
    name: 'patient_sign_in_failures',
    table: patientSignInFailures,
    expired: (cutoff) => lt(patientSignInFailures.at, cutoff),
    practiceId: patientSignInFailures.practiceId,
  },
];

/**
 * Technical records, past their time once they stopped mattering: a session once ended or expired, a
 * token once used or expired, a job once finished, a mail or SMS once sent, failed or skipped. Queued
 * and live rows are never touched, however old.
 */
export const TECHNICAL_SWEEPS: Sweep[] = [
  {
    name: 'jobs',
    table: jobs,
    expired: (cutoff) => and(inArray(jobs.status, ['done', 'failed']), lt(jobs.finishedAt, cutoff)),
  },
  {
    name: 'practitioner_sessions',
    table: practitionerSessions,
    expired: (cutoff) =>
      or(lt(practitionerSessions.endedAt, cutoff), lt(practitionerSessions.expiresAt, cutoff)),
    practiceId: practitionerSessions.practiceId,
  },
  {
    name: 'patient_sessions',
    table: patientSessions,
    expired: (cutoff) => or(lt(patientSessions.endedAt, cutoff), lt(patientSessions.expiresAt, cutoff)),
    practiceId: patientSessions.practiceId,
  },
  {
    name: 'account_tokens',
    table: accountTokens,
    expired: (cutoff) => or(lt(accountTokens.usedAt, cutoff), lt(accountTokens.expiresAt, cutoff)),
    practiceId: accountTokens.practiceId,
  },
  {
    name: 'webauthn_challenges',
    table: webauthnChallenges,
    expired: (cutoff) => lt(webauthnChallenges.expiresAt, cutoff),
  },
  {
    name: 'mail_outbox',
    table: mailOutbox,
    // A mail that failed has no sent time: its creation is when it last mattered.
    expired: (cutoff) =>
      and(
        inArray(mailOutbox.status, [...finishedOutbox]),
        lt(sql`coalesce(${mailOutbox.sentAt}, ${mailOutbox.createdAt})`, cutoff),
      ),
    practiceId: mailOutbox.practiceId,
  },
  {
    name: 'sms_outbox',
    table: smsOutbox,
    expired: (cutoff) =>
      and(
        inArray(smsOutbox.status, [...finishedOutbox]),
        lt(sql`coalesce(${smsOutbox.sentAt}, ${smsOutbox.createdAt})`, cutoff),
      ),
    practiceId: smsOutbox.practiceId,
  },
];

const whereOf = (sweep: Sweep, cutoff: Date, practiceId: string | undefined): SQL => {
  const confined = practiceId === undefined ? undefined : sweep.practiceId;
  if (practiceId !== undefined && !confined) return sql`false`;
  return and(sweep.expired(cutoff), confined ? eq(confined, practiceId as string) : undefined) ?? sql`false`;
};

/** How many rows of the sweep are past the cutoff. */
export async function countExpired(tx: Tx, sweep: Sweep, cutoff: Date, practiceId?: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from ${sweep.table} where ${whereOf(sweep, cutoff, practiceId)}`,
  );
  return row?.n ?? 0;
}

/**
 * Deletes up to `limit` rows past the cutoff and answers how many went. By ctid, so one statement
 * serves every table whatever its key; callers loop in short transactions so no lock is held long.
 */
export async function deleteExpiredBatch(
  tx: Tx,
  sweep: Sweep,
  cutoff: Date,
  limit: number,
  practiceId?: string,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`with doomed as (
          select ctid from ${sweep.table} where ${whereOf(sweep, cutoff, practiceId)} limit ${limit}
        ), gone as (
          delete from ${sweep.table} where ctid in (select ctid from doomed) returning 1
        )
        select count(*)::int as n from gone`,
  );
  return row?.n ?? 0;
}

/** Audit events recorded before the cutoff: those pruning could not remove yet are reported as kept. */
export async function countAuditEventsBefore(tx: Tx, cutoff: Date, practiceId?: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(and(lt(auditEvents.at, cutoff), practiceId ? eq(auditEvents.practiceId, practiceId) : undefined));
  return row?.n ?? 0;
}

/** A client whose health record may be past its time: ids, country, year of birth, last activity. */
export interface InactiveClient {
  clientId: string;
  practiceId: string;
  country: string;
  yearOfBirth: number;
  lastActivityAt: Date;
}

/**
 * Clients of practices not yet erased whose last activity — the record's creation or update, a logged
 * exercise, a message, an outcome response, a program change — is before `before`. Either confined to
 * a practice, or to one client (the check again right before erasing).
 */
export async function listInactiveClients(
  tx: Tx,
  before: Date,
  only: { practiceId?: string; clientId?: string } = {},
): Promise<InactiveClient[]> {
  const lastActivity = sql<Date>`greatest(
    ${clients.createdAt},
    ${clients.updatedAt},
    (select max(${adherenceEntries.createdAt}) from ${adherenceEntries} where ${adherenceEntries.clientId} = ${clients.id}),
    (select max(${messages.createdAt}) from ${messages} where ${messages.clientId} = ${clients.id}),
    (select max(${outcomeResponses.createdAt}) from ${outcomeResponses} where ${outcomeResponses.clientId} = ${clients.id}),
    (select max(greatest(${programs.updatedAt}, ${programVersions.createdAt}))
       from ${programs} left join ${programVersions} on ${programVersions.programId} = ${programs.id}
      where ${programs.clientId} = ${clients.id})
  )`;
  const rows = await tx
    .select({
      clientId: clients.id,
      practiceId: clients.practiceId,
      country: practices.country,
      yearOfBirth: clients.yearOfBirth,
      lastActivityAt: lastActivity.mapWith((value: string | Date) => new Date(value)),
    })
    .from(clients)
    .innerJoin(practices, eq(practices.id, clients.practiceId))
    .where(
      and(
        sql`${practices.erasedAt} is null`,
        // Cheap filters first: a record created or updated since then is active whatever else happened.
        lt(clients.createdAt, before),
        lt(clients.updatedAt, before),
        lt(lastActivity, before),
        only.practiceId ? eq(clients.practiceId, only.practiceId) : undefined,
        only.clientId ? eq(clients.id, only.clientId) : undefined,
      ),
    )
    .orderBy(clients.id);
  return rows;
}
