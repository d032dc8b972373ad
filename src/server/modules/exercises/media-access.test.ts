import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { apiKeyHeaders } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import {
  addLibraryExercise,
  createExercise,
  JPEG,
  mediaFilesOf,
  mediaRowsOf,
  memberOf,
  multipart,
  PNG,
  upload,
  webm,
} from './exercises.testkit.js';
import { readFirstImage, readMediaBytes } from './media.service.js';

describe(`exercise media: who sees what (${engineUnderTest()})`, () => {
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

  const read = (account: Parameters<typeof as>[1], id: string, headers: Record<string, string> = {}) =>
    as(app, account, { method: 'GET', url: `/api/v1/media/${id}`, headers });

  it('adds media to a library exercise for the uploading practice alone', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const response = await upload(app, owner, library.id, { data: JPEG });
    expect(response.statusCode, response.body).toBe(201);
    const media = response.json();
    expect((await mediaRowsOf(app, owner.practiceId)).map((row) => row.id)).toEqual([media.id]);
    expect((await read(owner, media.id)).rawPayload.equals(JPEG)).toBe(true);
    expect((await read(other, media.id)).statusCode).toBe(404);
  });

  it('answers 404 not_found for media and exercises of another practice on every route', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const exercise = await createExercise(app, owner);
    const media = (await upload(app, owner, exercise.id, { data: JPEG })).json();
    const onLibrary = (await upload(app, owner, library.id, { data: PNG })).json();
    const attempts = [
      upload(app, other, exercise.id, { data: JPEG }),
      read(other, media.id),
      read(other, onLibrary.id),
      read(other, media.id, { range: 'bytes=0-1' }),
      as(app, other, { method: 'DELETE', url: `/api/v1/media/${media.id}` }),
      as(app, other, { method: 'DELETE', url: `/api/v1/media/${onLibrary.id}` }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect(mediaFilesOf(app, other.practiceId)).toEqual([]);
    expect((await read(owner, media.id)).statusCode).toBe(200);
    expect((await read(owner, onLibrary.id)).statusCode).toBe(200);
  });

  it('keeps the front desk out (403) and lets an API key read media but not change them', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const media = (await upload(app, owner, exercise.id, { data: JPEG })).json();
    const desk = await memberOf(app, owner, 'front_desk');
    for (const response of [
      await upload(app, desk, exercise.id, { data: PNG }),
      await read(desk, media.id),
      await as(app, desk, { method: 'DELETE', url: `/api/v1/media/${media.id}` }),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
    const key = await apiKeyHeaders(app, owner);
    const byKey = await app.inject({ method: 'GET', url: `/api/v1/media/${media.id}`, headers: key });
    expect(byKey.statusCode).toBe(200);
    const deleteByKey = await app.inject({
      method: 'DELETE',
      url: `/api/v1/media/${media.id}`,
      headers: key,
    });
    expect(deleteByKey.statusCode).toBe(403);
    const form = multipart([{ name: 'file', filename: 'a.png', contentType: 'image/png', data: PNG }]);
    const uploadByKey = await app.inject({
      method: 'POST',
      url: `/api/v1/exercises/${exercise.id}/media`,
      payload: form.payload,
      headers: { ...key, ...form.headers },
    });
    expect(uploadByKey.statusCode).toBe(403);
    expect(await mediaRowsOf(app, owner.practiceId)).toHaveLength(1);
  });

  it("reads a media item's bytes for a practice on the server's behalf (PDF handout, patient app)", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const exercise = await createExercise(app, owner);
    const image = (await upload(app, owner, exercise.id, { data: JPEG })).json();
    const read = await readMediaBytes(app.platform, owner.practiceId, image.id);
    expect(read).toMatchObject({
      id: image.id,
      exerciseId: exercise.id,
      kind: 'image',
      contentType: 'image/jpeg',
    });
    expect(read.bytes.equals(JPEG)).toBe(true);
    await expect(readMediaBytes(app.platform, other.practiceId, image.id)).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it("reads an exercise's first image, passing over videos, or null when it has none", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const exercise = await createExercise(app, owner);
    expect(await readFirstImage(app.platform, owner.practiceId, exercise.id)).toBeNull();
    await upload(app, owner, exercise.id, { data: webm() });
    const first = (await upload(app, owner, exercise.id, { data: PNG })).json();
    await upload(app, owner, exercise.id, { data: JPEG });
    const image = await readFirstImage(app.platform, owner.practiceId, exercise.id);
    expect(image?.id).toBe(first.id);
    expect(image?.bytes.equals(PNG)).toBe(true);
    expect(await readFirstImage(app.platform, other.practiceId, exercise.id)).toBeNull();
  });

  it('documents the routes in the OpenAPI document', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths;
    expect(Object.keys(paths.paths ?? paths)).toEqual(
      expect.arrayContaining(['/api/v1/exercises/{id}/media', '/api/v1/media/{id}']),
    );
    expect(Object.keys(paths['/api/v1/media/{id}'])).toEqual(expect.arrayContaining(['get', 'delete']));
  });
});
