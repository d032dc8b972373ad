import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { search } from './library.testkit.js';
import { rememberSearch } from './recent-searches.js';

describe('recent searches', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });
  const recent = async (account: TestAccount) => {
    const response = await as(app, account, { method: 'GET', url: '/api/v1/me/recent-searches' });
    expect(response.statusCode).toBe(200);
    return response.json().items as { q: string; filters: Record<string, unknown>; at: string }[];
  };

  test('hold the last ten searches, newest first', async () => {
    const account = await signUp(app);
    const words = [
      'knee',
      'shoulder',
      'bridge',
      'calf',
      'neck',
      'hip',
      'wrist',
      'balance',
      'squat',
      'plank',
      'elbow',
      'ankle',
    ];
    for (const q of words) await search(app, account, { q });
    expect((await recent(account)).map((entry) => entry.q)).toEqual(words.slice(2).reverse());
  });

  test('keep the filters with the words', async () => {
    const account = await signUp(app);
    await search(app, account, {
      q: 'stretch',
      bodyRegion: 'knee,hip',
      equipment: 'towel',
      source: 'library',
    });
    await search(app, account, { difficulty: 'easy' });
    expect(await recent(account)).toMatchObject([
      { q: '', filters: { difficulty: ['easy'] } },
      { q: 'stretch', filters: { bodyRegion: ['hip', 'knee'], equipment: ['towel'], source: 'library' } },
    ]);
  });

  test('a repeated search is listed once, at the top', async () => {
    const account = await signUp(app);
    await search(app, account, { q: 'Knee', bodyRegion: 'knee', equipment: 'chair' });
    await search(app, account, { q: 'calf' });
    await search(app, account, { q: 'knee ', equipment: 'chair', bodyRegion: 'knee' });
    const entries = await recent(account);
    expect(entries.map((entry) => entry.q)).toEqual(['knee', 'calf']);
  });

  test('the same words with other filters are another search', async () => {
    const account = await signUp(app);
    await search(app, account, { q: 'stretch', bodyRegion: 'knee' });
    await search(app, account, { q: 'bridge' });
    await search(app, account, { q: 'stretch', bodyRegion: 'hip' });
    expect((await recent(account)).map((entry) => entry.filters.bodyRegion ?? null)).toEqual([
      ['hip'],
      null,
      ['knee'],
    ]);
  });

  test('a list without words or filters is not remembered', async () => {
    const account = await signUp(app);
    await search(app, account, {});
    await search(app, account, { limit: 5, offset: 5 });
    expect(await recent(account)).toEqual([]);
  });

  test('are kept per practitioner', async () => {
    const first = await signUp(app);
    const second = await signUp(app);
    await search(app, first, { q: 'knee' });
    expect(await recent(second)).toEqual([]);
  });
});

describe('rememberSearch', () => {
  const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, seconds)).toISOString();

  test('a search refined while typing replaces the one before it', () => {
    const typed = rememberSearch([], { q: 'kne', filters: {}, at: at(0) });
    expect(rememberSearch(typed, { q: 'knee', filters: {}, at: at(2) }).map((s) => s.q)).toEqual(['knee']);
  });

  test('a search a while later is kept beside the one before it', () => {
    const earlier = rememberSearch([], { q: 'kne', filters: {}, at: at(0) });
    const later = rememberSearch(earlier, {
      q: 'knee',
      filters: {},
      at: new Date(Date.UTC(2026, 0, 1, 10)).toISOString(),
    });
    expect(later.map((s) => s.q)).toEqual(['knee', 'kne']);
  });
});
