import { describe, expect, it } from 'vitest';
import { urgentFirst } from './alertOrder.js';

const alert = (id: string, urgent: boolean, acknowledgedAt: string | null = null) => ({
  id,
  urgent,
  acknowledgedAt,
});

describe('the order of the alerts inbox', () => {
  it('puts open urgent alerts first and keeps the rest in the order they came', () => {
    const ordered = urgentFirst([alert('a', false), alert('b', true), alert('c', false), alert('d', true)]);
    expect(ordered.map((item) => item.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('leaves an acknowledged urgent alert where it was', () => {
    const ordered = urgentFirst([alert('a', false), alert('b', true, '2026-03-01T09:00:00Z')]);
    expect(ordered.map((item) => item.id)).toEqual(['a', 'b']);
  });
});
