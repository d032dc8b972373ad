import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { apiKeyHeaders } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import {
  addLibraryExercise,
  createExercise,
  exerciseBody,
  JPEG,
  memberOf,
  upload,
} from './exercises.testkit.js';

describe(`custom exercises: who may do what (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let library: Awaited<ReturnType<typeof addLibraryExercise>>;
  beforeAll(async () => {
    app = await buildTestApp();
    library = await addLibraryExercise(app);
  });
  afterAll(async () => {
    await library.remove();
    await app.close();
  });

  const post = (account: TestAccount, payload: Record<string, unknown>) =>
    as(app, account, { method: 'POST', url: '/api/v1/exercises', payload });
  const patch = (account: TestAccount, id: string, payload: Record<string, unknown>) =>
    as(app, account, { method: 'PATCH', url: `/api/v1/exercises/${id}`, payload });
  const archive = (account: TestAccount, id: string) =>
    as(app, account, { method: 'DELETE', url: `/api/v1/exercises/${id}` });
  const get = (account: TestAccount, id: string) =>
    as(app, account, { method: 'GET', url: `/api/v1/exercises/${id}` });

  it("keeps Rehabit's library read-only: 403 library_read_only on edit and archive", async () => {
    const owner = await signUp(app);
    for (const response of [
      await patch(owner, library.id, { difficulty: 'hard' }),
      await archive(owner, library.id),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('library_read_only');
    }
  });

  it('answers 404 not_found for an exercise of another practice on every route', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const exercise = await createExercise(app, owner);
    for (const response of [
      await get(other, exercise.id),
      await patch(other, exercise.id, { title: 'Mine now' }),
      await archive(other, exercise.id),
      await upload(app, other, exercise.id, { data: JPEG }),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect((await get(owner, exercise.id)).json().title).toBe('Wall slide with band');
  });

  it('keeps the front desk out (403) and lets a practitioner write', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const desk = await memberOf(app, owner, 'front_desk');
    for (const response of [
      await post(desk, exerciseBody()),
      await patch(desk, exercise.id, { title: 'Desk edit' }),
      await archive(desk, exercise.id),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    const colleague = await memberOf(app, owner, 'practitioner');
    expect((await patch(colleague, exercise.id, { title: 'Colleague edit' })).statusCode).toBe(200);
  });

  it('lets an API key read but not write exercises', async () => {
    const owner = await signUp(app);
    const headers = await apiKeyHeaders(app, owner);
    const exercise = await createExercise(app, owner);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/exercises',
      headers,
      payload: exerciseBody(),
    });
    expect(created.statusCode).toBe(403);
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/exercises/${exercise.id}`,
      headers,
      payload: { title: 'Key edit' },
    });
    expect(edited.statusCode).toBe(403);
  });
});
