import { and, eq } from 'drizzle-orm';
import { clients, smsOutbox } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type SmsOutboxRow = typeof smsOutbox.$inferSelect;

export async function insertOutboxSms(tx: Tx, row: typeof smsOutbox.$inferInsert) {
  await tx.insert(smsOutbox).values(row);
}

export async function findOutboxSms(tx: Tx, id: string) {
  const [row] = await tx.select().from(smsOutbox).where(eq(smsOutbox.id, id)).limit(1);
  return row;
}

export async function updateOutboxSms(tx: Tx, id: string, changes: Partial<typeof smsOutbox.$inferInsert>) {
  await tx.update(smsOutbox).set(changes).where(eq(smsOutbox.id, id));
}

/** Where a text to a client goes, read when it is sent: the sealed number and whether texts were refused. */
export async function findClientSmsContact(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx
    .select({ mobile: clients.mobile, smsOptOutAt: clients.smsOptOutAt })
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)))
    .limit(1);
  return row;
}

export function listSmsOutboxOfPractice(tx: Tx, practiceId: string) {
  return tx
    .select({
      id: smsOutbox.id,
      clientId: smsOutbox.clientId,
      template: smsOutbox.template,
      status: smsOutbox.status,
      attempts: smsOutbox.attempts,
      providerMessageId: smsOutbox.providerMessageId,
      createdAt: smsOutbox.createdAt,
      sentAt: smsOutbox.sentAt,
    })
    .from(smsOutbox)
    .where(eq(smsOutbox.practiceId, practiceId))
    .orderBy(smsOutbox.createdAt);
}
