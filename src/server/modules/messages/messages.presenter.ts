import type { MessageListRow, UnreadByClientRow } from './messages.repo.js';
import { type CorrectableField, correctableFields } from './messages.schema.js';

/**
 * A correction request's body: the field and the client's words, sealed together as one encrypted
 * body (the field can say what is wrong, e.g. the diagnosis), so no column or migration is needed.
 */
export function correctionBody(field: CorrectableField | null, message: string): string {
  return JSON.stringify({ field, message });
}

/** The field and words of a correction request's body (any other body is shown as it is). */
export function openCorrection(body: string): { field: CorrectableField | null; message: string } {
  try {
    const parsed = JSON.parse(body) as { field?: unknown; message?: unknown };
    const field = correctableFields.find((name) => name === parsed.field) ?? null;
    if (typeof parsed.message === 'string') return { field, message: parsed.message };
  } catch {
    // not the JSON we write: show the body as it is
  }
  return { field: null, message: body };
}

/** A message as the practice sees it; no raw row leaves the module. */
export function presentMessage(row: MessageListRow, body: string, exerciseTitle: string | null | undefined) {
  const { message } = row;
  const correction = message.kind === 'correction_request' ? openCorrection(body) : undefined;
  return {
    id: message.id,
    kind: message.kind,
    author: message.author,
    practitioner:
      message.authorPractitionerId && row.authorFirstName !== null && row.authorLastName !== null
        ? { id: message.authorPractitionerId, firstName: row.authorFirstName, lastName: row.authorLastName }
        : null,
    body: correction ? correction.message : body,
    exercise:
      message.kind === 'exercise_feedback' && row.programItemId
        ? { programItemId: row.programItemId, title: exerciseTitle ?? null }
        : null,
    correction: correction ? { field: correction.field } : null,
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
