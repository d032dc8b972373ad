import { and, eq, isNull, sql } from 'drizzle-orm';
import { adherenceEntries, alerts, clients, programs, programVersions } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

/**
 * Every active client, of every practice, whose current program has exercises: when the program was
 * started, when they last logged, and when a no-adherence alert was last raised for them (system role:
 * the daily job spans practices; nothing encrypted is read here).
 */
export async function listClientsForAdherenceCheck(tx: Tx, practiceId?: string) {
  return tx
    .select({
      practiceId: clients.practiceId,
      clientId: clients.id,
      programStartedAt: programs.createdAt,
      lastLogAt: sql<
        Date | string | null
      >`(select max(${adherenceEntries.createdAt}) from ${adherenceEntries} where ${adherenceEntries.clientId} = ${clients.id})`,
      lastAlertAt: sql<
        Date | string | null
      >`(select max(${alerts.createdAt}) from ${alerts} where ${alerts.clientId} = ${clients.id} and ${alerts.kind} = 'no_adherence')`,
    })
    .from(clients)
    .innerJoin(programs, eq(programs.clientId, clients.id))
    .innerJoin(
      programVersions,
      and(eq(programVersions.programId, programs.id), eq(programVersions.version, programs.currentVersion)),
    )
    .where(
      and(
        isNull(clients.archivedAt),
        practiceId ? eq(clients.practiceId, practiceId) : undefined,
        sql`jsonb_array_length(${programVersions.content}->'items') > 0`,
      ),
    );
}
