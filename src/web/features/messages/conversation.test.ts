import { describe, expect, it } from 'vitest';
import {
  type ConversationPage,
  canSend,
  MESSAGE_MAX_CHARS,
  type Message,
  olderCursor,
  oldestFirst,
  readUpTo,
  remainingChars,
  withSent,
} from './conversation.js';

const message = (id: string, author: Message['author'], readAt: string | null = null): Message => ({
  id,
  kind: 'text',
  author,
  practitioner: null,
  body: id,
  exercise: null,
  createdAt: '2026-03-10T09:00:00.000Z',
  readAt,
});

const pages = (...list: ConversationPage[]) => ({ pages: list, pageParams: list.map(() => '') });

describe('conversation paging', () => {
  it('shows earlier pages above the newest one, each message once', () => {
    const newest = {
      items: [message('c', 'client'), message('d', 'practitioner')],
      hasMore: true,
      unread: 0,
    };
    const earlier = {
      items: [message('a', 'client'), message('b', 'client'), message('c', 'client')],
      hasMore: false,
      unread: 0,
    };
    expect(oldestFirst(pages(newest, earlier)).map((item) => item.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(oldestFirst(undefined)).toEqual([]);
  });

  it('asks for earlier messages before the oldest shown, only while there are more', () => {
    expect(
      olderCursor({ items: [message('b', 'client'), message('c', 'client')], hasMore: true, unread: 0 }),
    ).toBe('b');
    expect(olderCursor({ items: [message('b', 'client')], hasMore: false, unread: 0 })).toBeUndefined();
  });

  it('adds a sent message to the newest page once', () => {
    const data = pages({ items: [message('a', 'client')], hasMore: false, unread: 0 });
    const sent = message('b', 'practitioner');
    const once = withSent(data, sent);
    expect(oldestFirst(once).map((item) => item.id)).toEqual(['a', 'b']);
    expect(withSent(once, sent)).toBe(once);
    expect(withSent(undefined, sent)).toBeUndefined();
  });
});

describe('read receipts', () => {
  it("marks up to the other side's newest message while any of theirs is unread", () => {
    const messages = [
      message('a', 'client'),
      message('b', 'practitioner'),
      message('c', 'client', '2026-03-10T10:00:00.000Z'),
      message('d', 'practitioner'),
    ];
    expect(readUpTo(messages, 'practitioner')).toBe('c');
    expect(readUpTo(messages, 'client')).toBe('d');
  });

  it('marks nothing once everything of the other side is read, or when they wrote nothing', () => {
    const read = '2026-03-10T10:00:00.000Z';
    expect(
      readUpTo([message('a', 'client', read), message('b', 'practitioner')], 'practitioner'),
    ).toBeUndefined();
    expect(readUpTo([message('b', 'practitioner')], 'practitioner')).toBeUndefined();
  });
});

describe('the composer', () => {
  it('shows what is left only near the limit, and how far over it is', () => {
    expect(remainingChars('hello')).toBeUndefined();
    expect(remainingChars('x'.repeat(MESSAGE_MAX_CHARS - 400))).toBe(400);
    expect(remainingChars('x'.repeat(MESSAGE_MAX_CHARS + 3))).toBe(-3);
  });

  it('sends text within the limit once trimmed, never white space alone', () => {
    expect(canSend('  hi  ')).toBe(true);
    expect(canSend(' \n ')).toBe(false);
    expect(canSend(`${'x'.repeat(MESSAGE_MAX_CHARS)}\n`)).toBe(true);
    expect(canSend('x'.repeat(MESSAGE_MAX_CHARS + 1))).toBe(false);
  });
});
