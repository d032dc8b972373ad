import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { educationArticles, educationTexts } from '../../db/schema/index.js';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';

describe('education articles', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  test("are listed by title (in the database's collation) in the language asked for", async () => {
    const account = await signUp(app);
    const response = await as(app, account, { method: 'GET', url: '/api/v1/education?lang=de' });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { title: string; language: string; summary: string }[];
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(items.every((item) => item.language === 'de' && item.summary.length > 0)).toBe(true);
    const titles = items.map((item) => item.title);
    expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : 1)));
  });

  test('are found by a word of their text', async () => {
    const account = await signUp(app);
    const response = await as(app, account, { method: 'GET', url: '/api/v1/education?lang=en&q=pain' });
    const items = response.json().items as { title: string }[];
    expect(items.length).toBeGreaterThan(0);
    const all = await as(app, account, { method: 'GET', url: '/api/v1/education?lang=en' });
    expect(items.length).toBeLessThan(all.json().items.length);
  });

  test('one article has its Markdown text in both languages', async () => {
    const account = await signUp(app);
    const list = await as(app, account, { method: 'GET', url: '/api/v1/education?lang=en' });
    const id = list.json().items[0].id;
    for (const lang of ['en', 'de']) {
      const response = await as(app, account, { method: 'GET', url: `/api/v1/education/${id}?lang=${lang}` });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id, language: lang, languages: ['de', 'en'] });
      expect(response.json().body.length).toBeGreaterThan(200);
    }
  });

  test('an article without a German text is shown in English', async () => {
    const account = await signUp(app);
    const id = randomUUID();
    await app.platform.transactor.inPractice(account.practiceId, async (tx) => {
      await tx
        .insert(educationArticles)
        .values({ id, practiceId: account.practiceId, topics: ['pain'], readingMinutes: 2 });
      await tx.insert(educationTexts).values({
        articleId: id,
        practiceId: account.practiceId,
        language: 'en',
        title: 'Our clinic guide',
        summary: 'What to expect at your first visit.',
        body: 'Welcome. '.repeat(40),
      });
    });
    const response = await as(app, account, { method: 'GET', url: `/api/v1/education/${id}?lang=de` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ language: 'en', title: 'Our clinic guide', languages: ['en'] });
    const other = await signUp(app);
    const hidden = await as(app, other, { method: 'GET', url: `/api/v1/education/${id}` });
    expect(hidden.statusCode).toBe(404);
  });

  test('an unknown article answers 404', async () => {
    const account = await signUp(app);
    const response = await as(app, account, { method: 'GET', url: `/api/v1/education/${randomUUID()}` });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
