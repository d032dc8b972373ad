import { and, desc, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import { alerts, clients, messages, notifications, practitioners } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type NotificationRow = typeof notifications.$inferSelect;

/** Who hears about a client's activity: the practice's active clinicians (never the front desk). */
export async function listClinicalMembers(tx: Tx, practiceId: string) {
  return tx
    .select({
      id: practitioners.id,
      email: practitioners.email,
      emailVerifiedAt: practitioners.emailVerifiedAt,
      preferences: practitioners.preferences,
    })
    .from(practitioners)
    .where(
      and(
        eq(practitioners.practiceId, practiceId),
        eq(practitioners.status, 'active'),
        inArray(practitioners.role, ['owner', 'practitioner']),
      ),
    );
}

export async function insertNotifications(tx: Tx, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length > 0) await tx.insert(notifications).values(rows);
}

/** A practitioner's own notifications, named by practice too so the query stands without the fence. */
export interface NotificationOwner {
  practiceId: string;
  practitionerId: string;
}

const ownedBy = (owner: NotificationOwner) =>
  and(eq(notifications.practiceId, owner.practiceId), eq(notifications.practitionerId, owner.practitionerId));

export async function listNotifications(
  tx: Tx,
  owner: NotificationOwner,
  page: { before?: Date | undefined; limit: number; unreadOnly: boolean },
) {
  return tx
    .select({ notification: notifications, firstName: clients.firstName, lastName: clients.lastName })
    .from(notifications)
    .leftJoin(clients, and(eq(clients.id, notifications.clientId), eq(clients.practiceId, owner.practiceId)))
    .where(
      and(
        ownedBy(owner),
        page.before ? lt(notifications.createdAt, page.before) : undefined,
        page.unreadOnly ? isNull(notifications.readAt) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit);
}

export async function countUnread(tx: Tx, owner: NotificationOwner): Promise<number> {
  return tx.$count(notifications, and(ownedBy(owner), isNull(notifications.readAt)));
}

/** Marks the practitioner's notifications read: the given ones, or all; answers the ids changed. */
export async function markRead(tx: Tx, owner: NotificationOwner, ids: string[] | 'all', at: Date) {
  const rows = await tx
    .update(notifications)
    .set({ readAt: at })
    .where(
      and(
        ownedBy(owner),
        isNull(notifications.readAt),
        ids === 'all' ? undefined : inArray(notifications.id, ids),
      ),
    )
    .returning({ id: notifications.id });
  return rows.map((row) => row.id);
}

/** The notifications a mail may be due for, with their practitioner and whether the subject was dealt with. */
export async function findForMail(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({
      notification: notifications,
      email: practitioners.email,
      emailVerifiedAt: practitioners.emailVerifiedAt,
      status: practitioners.status,
      preferences: practitioners.preferences,
      messageReadAt: messages.readAt,
      alertAcknowledgedAt: alerts.acknowledgedAt,
    })
    .from(notifications)
    .innerJoin(practitioners, eq(practitioners.id, notifications.practitionerId))
    .leftJoin(messages, eq(messages.id, notifications.subjectId))
    .leftJoin(alerts, eq(alerts.id, notifications.subjectId))
    .where(inArray(notifications.id, ids));
}

/** Whether the practitioner was mailed about a notification since the time: one mail covers a while. */
export async function mailedSince(tx: Tx, practitionerId: string, since: Date): Promise<boolean> {
  const rows = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.practitionerId, practitionerId), gt(notifications.emailedAt, since)))
    .limit(1);
  return rows.length > 0;
}

export async function markEmailed(tx: Tx, id: string, at: Date) {
  await tx.update(notifications).set({ emailedAt: at }).where(eq(notifications.id, id));
}
