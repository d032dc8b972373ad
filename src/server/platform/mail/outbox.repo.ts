import { eq } from 'drizzle-orm';
import { mailOutbox } from '../../db/schema/index.js';
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

export function listOutboxOfPractice(tx: Tx, practiceId: string) {
  return tx
    .select({
      id: mailOutbox.id,
      recipient: mailOutbox.recipient,
      template: mailOutbox.template,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.practiceId, practiceId))
    .orderBy(mailOutbox.createdAt);
}
