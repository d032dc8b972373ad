import { describe, expect, it } from 'vitest';
import { emptySearch, searchFromRecent, searchQueryString } from './searchParams.js';

describe('library search parameters', () => {
  it('leaves out blank text and empty filters', () => {
    expect(searchQueryString({ ...emptySearch('de'), q: '  ' })).toBe('lang=de&limit=10');
  });

  it('sends the text, the chosen filters and the page', () => {
    const query = searchQueryString({
      ...emptySearch('en', 20),
      q: 'sholder',
      bodyRegion: 'shoulder',
      offset: 20,
    });
    expect(query).toBe('q=sholder&lang=en&bodyRegion=shoulder&limit=20&offset=20');
  });

  it('restores a recent search with the first value of each filter', () => {
    const search = searchFromRecent(
      { q: 'knee', filters: { equipment: ['mat', 'towel'] } },
      emptySearch('en'),
    );
    expect(search).toMatchObject({ q: 'knee', equipment: 'mat', bodyRegion: '' });
  });
});
