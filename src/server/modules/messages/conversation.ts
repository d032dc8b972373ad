import { randomUUID } from 'node:crypto';
import type { messageKinds } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';
import type { Clock } from '../../platform/clock.js';
import type { FieldCipher } from '../../platform/crypto/index.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import type { Language } from '../library/exercise-tags.js';
import { exerciseSummaries } from '../library/library.module.js';
import type { NotificationRaiser } from '../notifications/notifications.types.js';
import { notInConversation, notifiesPractice, oneDirection, writtenBy } from './messages.policy.js';
import { type PresentedMessage, presentMessage } from './messages.presenter.js';
import {
  countUnread,
  findMessage,
  findPosition,
  insertMessage,
  listMessages,
  listProgramItemExercises,
  type MessageAuthor,
  type MessageListRow,
  markRead,
} from './messages.repo.js';
import type { ConversationQuery } from './messages.schema.js';

/** Whose conversation: every message belongs to one client of one practice. */
export interface ConversationRef {
  practiceId: string;
  clientId: string;
}

export interface NewMessage {
  author: MessageAuthor;
  kind: (typeof messageKinds)[number];
  body: string;
  authorPractitionerId?: string | null;
  adherenceEntryId?: string | null;
}

const bodyAt = (rowId: string) => ({ table: 'messages', column: 'body', rowId });

/**
 * The conversation's work inside a caller's transaction: writing (encrypted under the client's key,
 * announced at commit), reading a page, and read receipts. Authorization and audit are the caller's.
 */
export function createConversation(deps: {
  cipher: FieldCipher;
  clock: Clock;
  realtime: Pick<Realtime, 'publish'>;
  notifications: NotificationRaiser;
}) {
  const { cipher, clock, realtime, notifications } = deps;

  // Strictly increasing times in this process: messages written within one millisecond (a synced
  // batch of feedback, a quick reply) keep the order they were written in, not their random ids'.
  let lastStamp = 0;
  const stamp = () => {
    lastStamp = Math.max(clock.now().getTime(), lastStamp + 1);
    return new Date(lastStamp);
  };

  async function positionOf(tx: Tx, ref: ConversationRef, id: string, field: string) {
    const position = await findPosition(tx, ref.practiceId, ref.clientId, id);
    if (!position) throw notInConversation(field);
    return position;
  }

  /** Exercise titles of the feedback among the rows, by program item, in the reader's language. */
  async function exerciseTitles(tx: Tx, ref: ConversationRef, rows: MessageListRow[], lang: Language) {
    const titles = new Map<string, string>();
    if (!rows.some((row) => row.message.kind === 'exercise_feedback')) return titles;
    const exerciseOfItem = new Map<string, string>();
    // Newest version first: an item keeps the exercise it had last.
    for (const item of await listProgramItemExercises(tx, ref.practiceId, ref.clientId))
      if (!exerciseOfItem.has(item.programItemId)) exerciseOfItem.set(item.programItemId, item.exerciseId);
    const wanted = rows.flatMap((row) => (row.programItemId ? [row.programItemId] : []));
    const exerciseIds = [...new Set(wanted.flatMap((itemId) => exerciseOfItem.get(itemId) ?? []))];
    const exercises = new Map(
      (await exerciseSummaries(tx, exerciseIds, lang)).map((exercise) => [exercise.id, exercise.title]),
    );
    for (const itemId of wanted) {
      const title = exercises.get(exerciseOfItem.get(itemId) ?? '');
      if (title !== undefined) titles.set(itemId, title);
    }
    return titles;
  }

  async function present(
    tx: Tx,
    ref: ConversationRef,
    rows: MessageListRow[],
    lang: Language,
  ): Promise<PresentedMessage[]> {
    const titles = await exerciseTitles(tx, ref, rows, lang);
    return Promise.all(
      rows.map(async (row) =>
        presentMessage(
          row,
          await cipher.decrypt(tx, ref, row.message.body, bodyAt(row.message.id)),
          row.programItemId ? titles.get(row.programItemId) : undefined,
        ),
      ),
    );
  }

  return {
    /** Stores a message and announces it at commit; a client's message also notifies the practice. */
    async write(tx: Tx, ref: ConversationRef, message: NewMessage): Promise<string> {
      const id = randomUUID();
      await insertMessage(tx, {
        id,
        practiceId: ref.practiceId,
        clientId: ref.clientId,
        kind: message.kind,
        author: message.author,
        authorPractitionerId: message.authorPractitionerId ?? null,
        body: await cipher.encrypt(tx, ref, message.body, bodyAt(id)),
        adherenceEntryId: message.adherenceEntryId ?? null,
        createdAt: stamp(),
      });
      await realtime.publish(tx, { type: 'message.created', ...ref, id });
      if (notifiesPractice(message.author))
        await notifications.raise(tx, { ...ref, kind: 'new_message', subjectId: id });
      return id;
    },

    async one(tx: Tx, ref: ConversationRef, id: string, lang: Language): Promise<PresentedMessage> {
      const row = await findMessage(tx, ref.practiceId, ref.clientId, id);
      if (!row) throw notInConversation('id');
      const [presented] = await present(tx, ref, [row], lang);
      return presented as PresentedMessage;
    },

    /** A page of the conversation, oldest first, and what the reader has not read yet. */
    async page(
      tx: Tx,
      ref: ConversationRef,
      reader: MessageAuthor,
      query: ConversationQuery,
      lang: Language,
    ) {
      if (query.before && query.after) throw oneDirection();
      const before = query.before ? await positionOf(tx, ref, query.before, 'before') : undefined;
      const after = query.after ? await positionOf(tx, ref, query.after, 'after') : undefined;
      // One more than asked tells whether another page follows.
      const rows = await listMessages(tx, ref.practiceId, ref.clientId, {
        before,
        after,
        limit: query.limit + 1,
      });
      const taken = rows.slice(0, query.limit);
      return {
        items: await present(tx, ref, after ? taken : taken.reverse(), lang),
        hasMore: rows.length > query.limit,
        unread: await countUnread(tx, ref.practiceId, ref.clientId, writtenBy(reader)),
      };
    },

    /** The reader has seen the conversation up to a message: the other side's messages so far are read. */
    async markRead(
      tx: Tx,
      ref: ConversationRef,
      reader: MessageAuthor,
      upTo: string,
      byPractitionerId: string | null,
    ) {
      const position = await positionOf(tx, ref, upTo, 'upTo');
      const author = writtenBy(reader);
      const marked = await markRead(tx, ref.practiceId, ref.clientId, author, position, {
        at: clock.now(),
        byPractitionerId,
      });
      if (marked > 0) await realtime.publish(tx, { type: 'message.read', ...ref, id: upTo });
      return { marked, unread: await countUnread(tx, ref.practiceId, ref.clientId, author) };
    },
  };
}

export type Conversation = ReturnType<typeof createConversation>;
