import type { MessageListRow, UnreadByClientRow } from './messages.repo.js';

/** A message as the practice sees it; no raw row leaves the module. */
export function presentMessage(row: MessageListRow, body: string, exerciseTitle: string | null | undefined) {
  const { message } = row;
  return {
    id: message.id,
    kind: message.kind,
    author: message.author,
    practitioner:
      message.authorPractitionerId && row.authorFirstName !== null && row.authorLastName !== null
        ? { id: message.authorPractitionerId, firstName: row.authorFirstName, lastName: row.authorLastName }
        : null,
    body,
    exercise:
      message.kind === 'exercise_feedback' && row.programItemId
        ? { programItemId: row.programItemId, title: exerciseTitle ?? null }
        : null,
    createdAt: message.createdAt,
    readAt: message.readAt,
    readByPractitionerId: message.readByPractitionerId,
  };
}

export type PresentedMessage = ReturnType<typeof presentMessage>;

/** The client's view: who of the practice read their message is the practice's own business. */
export function forClient({ readByPractitionerId: _, ...message }: PresentedMessage) {
  return message;
}

/** The workspace's inbox: clients with unread messages, and how many in all. */
export function presentUnreadSummary(rows: UnreadByClientRow[]) {
  const items = rows.map((row) => ({
    client: { id: row.clientId, firstName: row.firstName, lastName: row.lastName },
    unread: row.unread,
    // A group of unread messages always has a newest one; max() is typed nullable all the same.
    lastAt: row.lastAt ?? new Date(0),
  }));
  return { total: items.reduce((sum, item) => sum + item.unread, 0), items };
}
