import { and, desc, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { alertRules, alerts, clients } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type AlertRow = typeof alerts.$inferSelect;
export type AlertRuleRow = typeof alertRules.$inferSelect;

export async function insertAlert(tx: Tx, row: typeof alerts.$inferInsert) {
  await tx.insert(alerts).values(row);
}

/** The practice's defaults and the client's own rules, either possibly missing. */
export async function findRules(tx: Tx, practiceId: string, clientId: string | null) {
  const rows = await tx
    .select()
    .from(alertRules)
    .where(
      and(
        eq(alertRules.practiceId, practiceId),
        clientId === null
          ? isNull(alertRules.clientId)
          : or(isNull(alertRules.clientId), eq(alertRules.clientId, clientId)),
      ),
    );
  return {
    practice: rows.find((row) => row.clientId === null),
    client: clientId === null ? undefined : rows.find((row) => row.clientId === clientId),
  };
}

/** The rule values a practice or client sets; undefined leaves a stored value as it is. */
export interface RuleValues {
  painAtOrAbove?: number | null | undefined;
  noAdherenceDays?: number | null | undefined;
  scoreWorseByMcid?: boolean | null | undefined;
}

export async function upsertRules(
  tx: Tx,
  row: {
    id: string;
    practiceId: string;
    clientId: string | null;
    updatedAt: Date;
    updatedBy: string | null;
  } & RuleValues,
) {
  const existing = await findRules(tx, row.practiceId, row.clientId);
  const current = row.clientId === null ? existing.practice : existing.client;
  const values = {
    ...(row.painAtOrAbove === undefined ? {} : { painAtOrAbove: row.painAtOrAbove }),
    ...(row.noAdherenceDays === undefined ? {} : { noAdherenceDays: row.noAdherenceDays }),
    ...(row.scoreWorseByMcid === undefined ? {} : { scoreWorseByMcid: row.scoreWorseByMcid }),
  };
  if (current) {
    await tx
      .update(alertRules)
      .set({ ...values, updatedAt: row.updatedAt, updatedBy: row.updatedBy })
      .where(and(eq(alertRules.practiceId, row.practiceId), eq(alertRules.id, current.id)));
  } else {
    const { id, practiceId, clientId, updatedAt, updatedBy } = row;
    await tx.insert(alertRules).values({ id, practiceId, clientId, updatedAt, updatedBy, ...values });
  }
}

const listColumns = {
  alert: alerts,
  firstName: clients.firstName,
  lastName: clients.lastName,
};

/** The practice's alerts, newest first, with their client's name; `before` pages by creation time. */
export async function listAlerts(
  tx: Tx,
  practiceId: string,
  query: {
    status: 'open' | 'acknowledged' | 'all';
    limit: number;
    before?: Date | undefined;
    clientId?: string | undefined;
  },
) {
  return tx
    .select(listColumns)
    .from(alerts)
    .innerJoin(clients, eq(clients.id, alerts.clientId))
    .where(
      and(
        eq(alerts.practiceId, practiceId),
        query.status === 'open' ? isNull(alerts.acknowledgedAt) : undefined,
        query.status === 'acknowledged' ? isNotNull(alerts.acknowledgedAt) : undefined,
        query.before ? lt(alerts.createdAt, query.before) : undefined,
        query.clientId ? eq(alerts.clientId, query.clientId) : undefined,
      ),
    )
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(query.limit);
}

export async function findAlert(tx: Tx, practiceId: string, id: string) {
  const [row] = await tx
    .select(listColumns)
    .from(alerts)
    .innerJoin(clients, eq(clients.id, alerts.clientId))
    .where(and(eq(alerts.practiceId, practiceId), eq(alerts.id, id)))
    .limit(1);
  return row;
}

export async function acknowledgeAlert(tx: Tx, practiceId: string, id: string, at: Date, by: string | null) {
  await tx
    .update(alerts)
    .set({ acknowledgedAt: at, acknowledgedBy: by })
    .where(and(eq(alerts.practiceId, practiceId), eq(alerts.id, id), isNull(alerts.acknowledgedAt)));
}
