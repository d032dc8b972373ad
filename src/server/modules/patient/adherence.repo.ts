import { and, asc, count, desc, eq, gte, inArray, isNull, lte, max } from 'drizzle-orm';
import { adherenceEntries, clients, programs, programVersions } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type AdherenceRow = typeof adherenceEntries.$inferSelect;

/** The client's program: its current version and the item ids of every version it has had. */
export async function findProgramItems(tx: Tx, practiceId: string, clientId: string) {
  const [program] = await tx
    .select({ id: programs.id, currentVersion: programs.currentVersion })
    .from(programs)
    .where(and(eq(programs.practiceId, practiceId), eq(programs.clientId, clientId)))
    .limit(1);
  if (!program) return undefined;
  const versions = await tx
    .select({ version: programVersions.version, content: programVersions.content })
    .from(programVersions)
    .where(eq(programVersions.programId, program.id))
    .orderBy(desc(programVersions.version));
  return { currentVersion: program.currentVersion, versions };
}

export async function findEntriesByClientEntryIds(tx: Tx, clientId: string, clientEntryIds: string[]) {
  if (clientEntryIds.length === 0) return [];
  return tx
    .select()
    .from(adherenceEntries)
    .where(
      and(eq(adherenceEntries.clientId, clientId), inArray(adherenceEntries.clientEntryId, clientEntryIds)),
    );
}

/** Inserts an entry unless the app sent it before; answers whether it was new. */
export async function insertEntryOnce(tx: Tx, row: typeof adherenceEntries.$inferInsert): Promise<boolean> {
  const inserted = await tx
    .insert(adherenceEntries)
    .values(row)
    .onConflictDoNothing({ target: [adherenceEntries.clientId, adherenceEntries.clientEntryId] })
    .returning({ id: adherenceEntries.id });
  return inserted.length > 0;
}

/** The client's entries between two days (inclusive, 'YYYY-MM-DD'), oldest first. */
export async function listEntries(tx: Tx, practiceId: string, clientId: string, from: string, to: string) {
  return tx
    .select()
    .from(adherenceEntries)
    .where(
      and(
        eq(adherenceEntries.practiceId, practiceId),
        eq(adherenceEntries.clientId, clientId),
        gte(adherenceEntries.performedOn, from),
        lte(adherenceEntries.performedOn, to),
      ),
    )
    .orderBy(asc(adherenceEntries.performedOn), asc(adherenceEntries.createdAt));
}

/** Every active client of the practice with their current program's content, for the dashboard. */
export async function listClientsWithPrograms(tx: Tx, practiceId: string) {
  return tx
    .select({
      clientId: clients.id,
      firstName: clients.firstName,
      lastName: clients.lastName,
      content: programVersions.content,
    })
    .from(clients)
    .innerJoin(programs, and(eq(programs.clientId, clients.id), eq(programs.practiceId, practiceId)))
    .innerJoin(
      programVersions,
      and(eq(programVersions.programId, programs.id), eq(programVersions.version, programs.currentVersion)),
    )
    .where(and(eq(clients.practiceId, practiceId), isNull(clients.archivedAt)));
}

/** Sessions logged per client and item over a period, and each client's last day with a log ever. */
export async function countEntriesByClient(tx: Tx, practiceId: string, from: string, to: string) {
  const counts = await tx
    .select({
      clientId: adherenceEntries.clientId,
      programItemId: adherenceEntries.programItemId,
      done: count(),
    })
    .from(adherenceEntries)
    .where(
      and(
        eq(adherenceEntries.practiceId, practiceId),
        gte(adherenceEntries.performedOn, from),
        lte(adherenceEntries.performedOn, to),
      ),
    )
    .groupBy(adherenceEntries.clientId, adherenceEntries.programItemId);
  const lastDays = await tx
    .select({ clientId: adherenceEntries.clientId, last: max(adherenceEntries.performedOn) })
    .from(adherenceEntries)
    .where(eq(adherenceEntries.practiceId, practiceId))
    .groupBy(adherenceEntries.clientId);
  return { counts, lastDays };
}
