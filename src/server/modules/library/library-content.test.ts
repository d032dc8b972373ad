import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { importShippedContent } from './content-import.js';
import { BODY_REGIONS } from './exercise-tags.js';
import { search } from './library.testkit.js';

describe('the shipped exercise library', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  test('holds at least 150 exercises once the app is ready', async () => {
    const account = await signUp(app);
    const answer = await search(app, account, { source: 'library', limit: 1 });
    expect(answer.total).toBeGreaterThanOrEqual(150);
  });

  test.each(BODY_REGIONS)('has %s exercises complete in English and German', async (region) => {
    const account = await signUp(app);
    const listed = await search(app, account, { bodyRegion: region, source: 'library', lang: 'de' });
    expect(listed.total).toBeGreaterThan(0);
    expect(listed.items.every((item) => item.language === 'de' && item.bodyRegion === region)).toBe(true);
    const first = listed.items[0];
    for (const lang of ['en', 'de']) {
      const response = await as(app, account, {
        method: 'GET',
        url: `/api/v1/exercises/${first?.id}?lang=${lang}`,
      });
      expect(response.statusCode).toBe(200);
      const exercise = response.json();
      expect(exercise).toMatchObject({ language: lang, source: 'library', languages: ['de', 'en'] });
      expect(exercise.title.length).toBeGreaterThan(2);
      expect(exercise.description.length).toBeGreaterThan(9);
      expect(exercise.instructions.length).toBeGreaterThanOrEqual(3);
      expect(exercise.keywords.length).toBeGreaterThanOrEqual(2);
      expect(exercise.equipment.length).toBeGreaterThan(0);
      expect(exercise.position).toBeTruthy();
      expect(exercise.defaultDosage).toHaveProperty('sets');
    }
  });

  test('importing the same files again changes nothing', async () => {
    const { transactor, clock } = app.platform;
    const again = await importShippedContent({ transactor, clock });
    expect(again.exercises.status).toBe('unchanged');
    const forced = await importShippedContent({ transactor, clock, force: true });
    expect(forced.exercises).toEqual({ status: 'imported', inserted: 0, updated: 0, removed: 0 });
    expect(forced.education).toEqual({ status: 'imported', inserted: 0, updated: 0, removed: 0 });
  });
});
