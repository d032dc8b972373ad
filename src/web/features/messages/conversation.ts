import type { InfiniteData } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

// What both apps share about a conversation: its shape as the API answers it and the rules for
// paging, read receipts and the composer. No strings here: each app ships its own namespace.

/** The server's limit on a message's length (after trimming). */
export const MESSAGE_MAX_CHARS = 4000;
/** The composer shows what is left only near the end, where it starts to matter. */
export const COUNTER_FROM_REMAINING = 400;

export type MessageAuthor = 'practitioner' | 'client';

/** A message as the patient app receives it. */
export interface Message {
  id: string;
  kind: 'text' | 'exercise_feedback' | 'correction_request';
  author: MessageAuthor;
  /** Who of the practice wrote it; null for the client's messages, an integration's, or a removed member's. */
  practitioner: { id: string; firstName: string; lastName: string } | null;
  body: string;
  /** The exercise of exercise feedback; its title is null once the exercise left the library. */
  exercise: { programItemId: string; title: string | null } | null;
  /** A correction request's field (null: not named); null for other kinds. */
  correction?: { field: string | null } | null;
  createdAt: string;
  /** When the other side first read it. */
  readAt: string | null;
}

/** A message as the workspace receives it: also who of the practice read the client's message. */
export interface PracticeMessage extends Message {
  readByPractitionerId: string | null;
}

/** One page of `GET …/messages`: oldest first; `hasMore` says older messages precede it. */
export interface ConversationPage<T extends Message = Message> {
  items: T[];
  hasMore: boolean;
  /** The other side's messages the reader has not read, in the whole conversation. */
  unread: number;
}

/** The cursor of the page before this one (older messages), if there is one. */
export function olderCursor(page: ConversationPage): string | undefined {
  return page.hasMore ? page.items[0]?.id : undefined;
}

/**
 * The messages of all loaded pages, oldest first. The first page is the newest (later pages were
 * loaded with "earlier"); a message seen on two pages (the conversation moved on between two
 * fetches) shows once.
 */
export function oldestFirst<T extends Message>(data: InfiniteData<ConversationPage<T>> | undefined): T[] {
  const seen = new Set<string>();
  const messages: T[] = [];
  for (const page of [...(data?.pages ?? [])].reverse())
    for (const message of page.items)
      if (!seen.has(message.id)) {
        seen.add(message.id);
        messages.push(message);
      }
  return messages;
}

/**
 * The message to mark read up to: the newest the other side wrote, when any of theirs is still
 * unread; undefined when there is nothing to mark.
 */
export function readUpTo(messages: Message[], reader: MessageAuthor): string | undefined {
  const theirs = messages.filter((message) => message.author !== reader);
  if (!theirs.some((message) => message.readAt === null)) return undefined;
  return theirs.at(-1)?.id;
}

/** Adds a message just sent to the newest page, so it shows before the refetch the socket causes. */
export function withSent<T extends Message>(
  data: InfiniteData<ConversationPage<T>> | undefined,
  sent: T,
): InfiniteData<ConversationPage<T>> | undefined {
  const [newest, ...older] = data?.pages ?? [];
  if (!data || !newest || newest.items.some((message) => message.id === sent.id)) return data;
  return { ...data, pages: [{ ...newest, items: [...newest.items, sent] }, ...older] };
}

/** What the composer says about length: nothing far from the limit, else what is left (negative: over). */
export function remainingChars(text: string): number | undefined {
  const remaining = MESSAGE_MAX_CHARS - text.length;
  return remaining <= COUNTER_FROM_REMAINING ? remaining : undefined;
}

/** Whether the text can be sent: something besides white space, and within the limit once trimmed. */
export function canSend(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length > 0 && trimmed.length <= MESSAGE_MAX_CHARS;
}

/** Whether the keyboard's send shortcut is ⌘+Enter (Apple devices) rather than Ctrl+Enter. */
export function sendsWithMeta(): boolean {
  return /Mac|iPhone|iPad|iPod/.test(navigator.userAgent);
}

function subscribeVisibility(listener: () => void): () => void {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

/** Whether the page is on screen: a message counts as read only when someone could see it. */
export function usePageVisible(): boolean {
  return useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === 'visible',
    () => true,
  );
}
