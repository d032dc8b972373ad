import { and, asc, count, desc, eq, gt, isNull, lt, lte, max, or } from 'drizzle-orm';
import {
  adherenceEntries,
  clients,
  messages,
  practitioners,
  programs,
  programVersions,
} from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';

export type MessageInsert = typeof messages.$inferInsert;
export type MessageAuthor = (typeof messages.$inferSelect)['author'];

/** A message's place in its conversation: the order is by time, then by id for messages of one instant. */
export interface MessagePosition {
  id: string;
  createdAt: Date;
}

export async function insertMessage(tx: Tx, row: MessageInsert) {
  await tx.insert(messages).values(row);
}

const conversationOf = (practiceId: string, clientId: string) =>
  and(eq(messages.practiceId, practiceId), eq(messages.clientId, clientId));

const olderThan = (at: MessagePosition) =>
  or(lt(messages.createdAt, at.createdAt), and(eq(messages.createdAt, at.createdAt), lt(messages.id, at.id)));
const newerThan = (at: MessagePosition) =>
  or(gt(messages.createdAt, at.createdAt), and(eq(messages.createdAt, at.createdAt), gt(messages.id, at.id)));
const atOrOlderThan = (at: MessagePosition) =>
  or(
    lt(messages.createdAt, at.createdAt),
    and(eq(messages.createdAt, at.createdAt), lte(messages.id, at.id)),
  );

/** A message of the client's conversation, by id, or undefined. */
export async function findPosition(
  tx: Tx,
  practiceId: string,
  clientId: string,
  id: string,
): Promise<MessagePosition | undefined> {
  const [row] = await tx
    .select({ id: messages.id, createdAt: messages.createdAt })
    .from(messages)
    .where(and(conversationOf(practiceId, clientId), eq(messages.id, id)))
    .limit(1);
  return row;
}

const listColumns = {
  message: messages,
  authorFirstName: practitioners.firstName,
  authorLastName: practitioners.lastName,
  programItemId: adherenceEntries.programItemId,
};
export type MessageListRow = Awaited<ReturnType<typeof listMessages>>[number];

/**
 * Up to `limit` messages of the conversation next to a position: `after` the oldest newer ones, else
 * the newest older than `before` (or the newest of all), in the order they were taken.
 */
export async function listMessages(
  tx: Tx,
  practiceId: string,
  clientId: string,
  window: { before?: MessagePosition | undefined; after?: MessagePosition | undefined; limit: number },
) {
  const forward = window.after !== undefined;
  return tx
    .select(listColumns)
    .from(messages)
    .leftJoin(practitioners, eq(practitioners.id, messages.authorPractitionerId))
    .leftJoin(adherenceEntries, eq(adherenceEntries.id, messages.adherenceEntryId))
    .where(
      and(
        conversationOf(practiceId, clientId),
        window.after ? newerThan(window.after) : undefined,
        window.before ? olderThan(window.before) : undefined,
      ),
    )
    .orderBy(
      ...(forward
        ? [asc(messages.createdAt), asc(messages.id)]
        : [desc(messages.createdAt), desc(messages.id)]),
    )
    .limit(window.limit);
}

export async function findMessage(tx: Tx, practiceId: string, clientId: string, id: string) {
  const [row] = await tx
    .select(listColumns)
    .from(messages)
    .leftJoin(practitioners, eq(practitioners.id, messages.authorPractitionerId))
    .leftJoin(adherenceEntries, eq(adherenceEntries.id, messages.adherenceEntryId))
    .where(and(conversationOf(practiceId, clientId), eq(messages.id, id)))
    .limit(1);
  return row;
}

/** Messages of one side of the conversation that the other side has not read. */
export async function countUnread(tx: Tx, practiceId: string, clientId: string, author: MessageAuthor) {
  const [row] = await tx
    .select({ n: count() })
    .from(messages)
    .where(and(conversationOf(practiceId, clientId), eq(messages.author, author), isNull(messages.readAt)));
  return row?.n ?? 0;
}

/** Marks one side's unread messages up to a position as read; answers how many were. */
export async function markRead(
  tx: Tx,
  practiceId: string,
  clientId: string,
  author: MessageAuthor,
  upTo: MessagePosition,
  read: { at: Date; byPractitionerId: string | null },
): Promise<number> {
  const marked = await tx
    .update(messages)
    .set({ readAt: read.at, readByPractitionerId: read.byPractitionerId })
    .where(
      and(
        conversationOf(practiceId, clientId),
        eq(messages.author, author),
        isNull(messages.readAt),
        atOrOlderThan(upTo),
      ),
    )
    .returning({ id: messages.id });
  return marked.length;
}

export type UnreadByClientRow = Awaited<ReturnType<typeof unreadByClient>>[number];

/** The practice's clients with unread messages from them: how many, and when the newest arrived. */
export async function unreadByClient(tx: Tx, practiceId: string) {
  return tx
    .select({
      clientId: messages.clientId,
      firstName: clients.firstName,
      lastName: clients.lastName,
      unread: count(),
      lastAt: max(messages.createdAt),
    })
    .from(messages)
    .innerJoin(clients, eq(clients.id, messages.clientId))
    .where(and(eq(messages.practiceId, practiceId), eq(messages.author, 'client'), isNull(messages.readAt)))
    .groupBy(messages.clientId, clients.firstName, clients.lastName)
    .orderBy(desc(max(messages.createdAt)));
}

/** Each program item the client has ever had, with its exercise (newest version first). */
export async function listProgramItemExercises(tx: Tx, practiceId: string, clientId: string) {
  const versions = await tx
    .select({ content: programVersions.content })
    .from(programVersions)
    .innerJoin(programs, eq(programs.id, programVersions.programId))
    .where(and(eq(programs.practiceId, practiceId), eq(programs.clientId, clientId)))
    .orderBy(desc(programVersions.version));
  return versions.flatMap((version) =>
    version.content.items.map((item) => ({ programItemId: item.id, exerciseId: item.exerciseId })),
  );
}

export async function findClientLanguage(tx: Tx, practiceId: string, clientId: string) {
  const [row] = await tx
    .select({ language: clients.language })
    .from(clients)
    .where(and(eq(clients.practiceId, practiceId), eq(clients.id, clientId)))
    .limit(1);
  return row?.language;
}
