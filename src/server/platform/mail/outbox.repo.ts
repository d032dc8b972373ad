import { and, eq } from 'drizzle-orm';
import { clients, mailOutbox } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type OutboxRow = typeof mailOutbox.$inferSelect;

export async function insertOutboxMail(tx: Tx, row: typeof mailOutbox.$inferInsert) {
  await tx.insert(mailOutbox).values(row);
}

export async function findOutboxMail(tx: Tx, id: string) {
  const [row] = await tx.select().from(mailOutbox).where(eq(mailOutbox.id, id)).limit(1);
  return row;
}

export async function updateOutboxMail(tx: Tx, id: string, changes: Partial<typeof mailOutbox.$inferInsert>) {
  await tx.update(mailOutbox).set(changes).where(eq(mailOutbox.id, id));
}

/** Where a mail to a client goes, read when it is sent: the sealed address and whether mail was refused. */
export async function findClientMailContact(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx
    .select({ email: clients.email, emailOptOutAt: clients.emailOptOutAt })
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)))
    .limit(1);
  return row;
}

export function listOutboxOfPractice(tx: Tx, practiceId: string) {
  return tx
    .select({
      id: mailOutbox.id,
      recipient: mailOutbox.recipient,
      clientId: mailOutbox.clientId,
      template: mailOutbox.template,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.practiceId, practiceId))
    .orderBy(mailOutbox.createdAt);
}
