import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { engineUnderTest } from '../../testing/database.js';
import {
  auditActions,
  createExercise,
  filesUnder,
  JPEG,
  mediaFilesOf,
  mediaRowsOf,
  mp4,
  multipart,
  PNG,
  png,
  upload,
  WEBP,
  webm,
} from './exercises.testkit.js';

describe(`exercise media (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  const read = (account: Parameters<typeof as>[1], id: string, headers: Record<string, string> = {}) =>
    as(app, account, { method: 'GET', url: `/api/v1/media/${id}`, headers });

  it.each([
    ['a JPEG image', JPEG, 'image', 'image/jpeg'],
    ['a PNG image', PNG, 'image', 'image/png'],
    ['a WebP image', WEBP, 'image', 'image/webp'],
    ['an MP4 video', mp4(), 'video', 'video/mp4'],
    ['a WebM video', webm(), 'video', 'video/webm'],
  ] as const)('stores %s and answers its bytes as they were sent', async (_name, data, kind, contentType) => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const response = await upload(app, owner, exercise.id, { data, filename: 'clip' });
    expect(response.statusCode, response.body).toBe(201);
    const media = response.json();
    expect(media).toEqual({ id: media.id, kind, contentType, byteSize: data.length, featuredClientId: null });
    const answer = await read(owner, media.id);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe(contentType);
    expect(answer.headers['content-length']).toBe(String(data.length));
    expect(answer.headers['accept-ranges']).toBe('bytes');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.rawPayload.equals(data)).toBe(true);
  });

  it('lists uploaded media on the exercise in upload order, the first image as its thumbnail', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const video = (await upload(app, owner, exercise.id, { data: mp4() })).json();
    const image = (await upload(app, owner, exercise.id, { data: PNG })).json();
    const detail = await as(app, owner, { method: 'GET', url: `/api/v1/exercises/${exercise.id}` });
    expect(detail.json().media.map((m: { id: string }) => m.id)).toEqual([video.id, image.id]);
    expect(detail.json().thumbnailMediaId).toBe(image.id);
  });

  it('decides the type by content: a .jpg declared image/jpeg holding text is refused with 415', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const response = await upload(app, owner, exercise.id, {
      data: Buffer.from('<html><script>alert(1)</script></html> not a picture at all, only text'),
      filename: 'photo.jpg',
      contentType: 'image/jpeg',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
    expect(await mediaRowsOf(app, owner.practiceId)).toEqual([]);
    expect(mediaFilesOf(app, owner.practiceId)).toEqual([]);
  });

  it('refuses files of other real types (GIF, PDF) and an empty file with 415', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    for (const data of [
      Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
      Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
      Buffer.alloc(0),
    ]) {
      const response = await upload(app, owner, exercise.id, {
        data,
        filename: 'x.png',
        contentType: 'image/png',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json().error.code).toBe('unsupported_media_type');
    }
    expect(mediaFilesOf(app, owner.practiceId)).toEqual([]);
  });

  it('takes a real image whatever its name and declared type, typed by its content', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const response = await upload(app, owner, exercise.id, {
      data: JPEG,
      filename: 'notes.txt',
      contentType: 'text/plain',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().contentType).toBe('image/jpeg');
  });

  it('keeps the file encrypted on disk: a marker inside the image is nowhere under DATA_DIR', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const marker = `MARKER-${randomUUID()}`;
    const image = png(marker);
    const media = (await upload(app, owner, exercise.id, { data: image })).json();
    expect(mediaFilesOf(app, owner.practiceId)).toHaveLength(1);
    for (const file of filesUnder(app.platform.config.dataDir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(marker))).toBe(false);
      expect(bytes.includes(image.subarray(0, 16))).toBe(false);
    }
    expect((await read(owner, media.id)).rawPayload.includes(Buffer.from(marker))).toBe(true);
  });

  it('wants the file in a field named "file", one per upload', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const url = `/api/v1/exercises/${exercise.id}/media`;
    const none = await as(app, owner, {
      method: 'POST',
      url,
      ...multipart([{ name: 'picture', filename: 'a.png', contentType: 'image/png', data: PNG }]),
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'validation_failed', details: [{ field: 'file' }] });
    const two = await as(app, owner, {
      method: 'POST',
      url,
      ...multipart([
        { name: 'file', filename: 'a.png', contentType: 'image/png', data: PNG },
        { name: 'file', filename: 'b.png', contentType: 'image/png', data: PNG },
      ]),
    });
    expect(two.statusCode).toBe(400);
    expect(two.json().error.details).toEqual([{ field: 'file', message: 'Upload one file at a time.' }]);
    const json = await as(app, owner, { method: 'POST', url, payload: { file: 'abc' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.code).toBe('invalid_upload');
    expect(await mediaRowsOf(app, owner.practiceId)).toEqual([]);
    expect(mediaFilesOf(app, owner.practiceId)).toEqual([]);
  });

  it('marks media as featuring a client, by a field or by its exercise, and audits reads of it', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const plain = await createExercise(app, owner);
    const byField = await upload(app, owner, plain.id, { data: JPEG }, [
      { name: 'featuredClientId', value: client.id },
    ]);
    expect(byField.statusCode, byField.body).toBe(201);
    expect(byField.json().featuredClientId).toBe(client.id);
    const made = await createExercise(app, owner, { featuredClientId: client.id });
    const inherited = (await upload(app, owner, made.id, { data: PNG })).json();
    expect(inherited.featuredClientId).toBe(client.id);
    expect((await read(owner, inherited.id)).statusCode).toBe(200);
    const actions = await auditActions(app, owner.practiceId);
    expect(actions.filter((a) => a.startsWith('client.exercise_media'))).toEqual([
      'client.exercise_media.create client',
      'client.exercise_media.create client',
      'client.exercise_media.read client',
    ]);
  });

  it('refuses a featured client of another practice or a malformed id, storing nothing', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const stranger = await createClient(app, other);
    const exercise = await createExercise(app, owner);
    const foreign = await upload(app, owner, exercise.id, { data: JPEG }, [
      { name: 'featuredClientId', value: stranger.id },
    ]);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe('not_found');
    const malformed = await upload(app, owner, exercise.id, { data: JPEG }, [
      { name: 'featuredClientId', value: 'Ada Lindqvist' },
    ]);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details).toEqual([
      { field: 'featuredClientId', message: 'Must be the id of a client.' },
    ]);
    expect(await mediaRowsOf(app, owner.practiceId)).toEqual([]);
    expect(mediaFilesOf(app, owner.practiceId)).toEqual([]);
  });

  it('refuses uploads to an archived or unknown exercise with 404', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    await as(app, owner, { method: 'DELETE', url: `/api/v1/exercises/${exercise.id}` });
    for (const id of [exercise.id, randomUUID()]) {
      const response = await upload(app, owner, id, { data: JPEG });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect(mediaFilesOf(app, owner.practiceId)).toEqual([]);
  });

  it('deletes a media item: its row, its file, and it answers 404 afterwards', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const media = (await upload(app, owner, exercise.id, { data: WEBP })).json();
    expect(mediaFilesOf(app, owner.practiceId)).toHaveLength(1);
    const removed = await as(app, owner, { method: 'DELETE', url: `/api/v1/media/${media.id}` });
    expect(removed.statusCode).toBe(204);
    expect(mediaFilesOf(app, owner.practiceId)).toEqual([]);
    expect(await mediaRowsOf(app, owner.practiceId)).toEqual([]);
    expect((await read(owner, media.id)).statusCode).toBe(404);
    const again = await as(app, owner, { method: 'DELETE', url: `/api/v1/media/${media.id}` });
    expect(again.statusCode).toBe(404);
    expect(await auditActions(app, owner.practiceId)).toEqual(
      expect.arrayContaining([
        'exercise_media.create exercise_media',
        'exercise_media.delete exercise_media',
      ]),
    );
  });

  it('wants featuredClientId before the file, and keeps nothing when it comes after', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const exercise = await createExercise(app, owner);
    const response = await as(app, owner, {
      method: 'POST',
      url: `/api/v1/exercises/${exercise.id}/media`,
      ...multipart([
        { name: 'file', filename: 'a.jpg', contentType: 'image/jpeg', data: JPEG },
        { name: 'featuredClientId', value: client.id },
      ]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { field: 'featuredClientId', message: 'Send featuredClientId before the file.' },
    ]);
    expect(await mediaRowsOf(app, owner.practiceId)).toEqual([]);
    expect(mediaFilesOf(app, owner.practiceId)).toEqual([]);
  });
});
