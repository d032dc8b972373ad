import { and, eq } from 'drizzle-orm';
import {
  accessCodes,
  clients,
  patientSessions,
  pushSubscriptions,
  reminderSettings,
} from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';
import { openedWithCurrentCode, sessionIsLive } from '../patient/patient-access.repo.js';

export type ReminderSettingsRow = typeof reminderSettings.$inferSelect;

export async function findReminderSettings(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx
    .select()
    .from(reminderSettings)
    .where(and(eq(reminderSettings.practiceId, practiceId), eq(reminderSettings.clientId, clientId)))
    .limit(1);
  return row;
}

export async function saveReminderSettings(tx: Tx, row: typeof reminderSettings.$inferInsert) {
  const { clientId, practiceId, ...values } = row;
  await tx
    .insert(reminderSettings)
    .values(row)
    .onConflictDoUpdate({ target: reminderSettings.clientId, set: { ...values, practiceId } });
}

/** Every client's reminder settings with their language (system role: the job spans practices). */
export async function listAllReminderSettings(tx: Tx) {
  return tx
    .select({ settings: reminderSettings, language: clients.language, archivedAt: clients.archivedAt })
    .from(reminderSettings)
    .innerJoin(clients, eq(clients.id, reminderSettings.clientId));
}

export async function markReminderSent(tx: Tx, clientId: string, at: Date) {
  await tx.update(reminderSettings).set({ lastSentAt: at }).where(eq(reminderSettings.clientId, clientId));
}

export async function upsertSubscription(tx: Tx, row: typeof pushSubscriptions.$inferInsert) {
  // The id moves with the values: the subscription is sealed with its row id, so keeping the old id
  // would leave a value that no longer opens.
  const { endpointHash, ...values } = row;
  await tx
    .insert(pushSubscriptions)
    .values(row)
    .onConflictDoUpdate({ target: pushSubscriptions.endpointHash, set: values });
}

/** The client's subscriptions whose app session is still live with the client's current code. */
export async function listLiveSubscriptions(tx: Tx, practiceId: string, clientId: string, now: Date) {
  const rows = await tx
    .select({ subscription: pushSubscriptions })
    .from(pushSubscriptions)
    .innerJoin(patientSessions, eq(patientSessions.id, pushSubscriptions.sessionId))
    .innerJoin(accessCodes, openedWithCurrentCode)
    .where(
      and(
        eq(pushSubscriptions.practiceId, practiceId),
        eq(pushSubscriptions.clientId, clientId),
        sessionIsLive(now),
      ),
    );
  return rows.map((row) => row.subscription);
}

export async function deleteSubscription(tx: Tx, practiceId: string, id: string) {
  await tx
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.practiceId, practiceId), eq(pushSubscriptions.id, id)));
}

export async function deleteSubscriptionByHash(
  tx: Tx,
  practiceId: string,
  clientId: string,
  endpointHash: string,
) {
  const deleted = await tx
    .delete(pushSubscriptions)
    .where(
      and(
        eq(pushSubscriptions.practiceId, practiceId),
        eq(pushSubscriptions.clientId, clientId),
        eq(pushSubscriptions.endpointHash, endpointHash),
      ),
    )
    .returning({ id: pushSubscriptions.id });
  return deleted.length > 0;
}

export async function markSubscriptionSent(tx: Tx, id: string, at: Date) {
  await tx.update(pushSubscriptions).set({ lastSentAt: at }).where(eq(pushSubscriptions.id, id));
}
