import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';
import { createExercise, mediaFilesOf, mediaRowsOf, mp4, png, upload } from './exercises.testkit.js';

const IMAGE_LIMIT = 4096;
const VIDEO_LIMIT = 16_384;

/** A PNG of exactly `size` bytes (the padding chunk takes up the difference). */
const pngOf = (size: number) => png('x', size - png('x', 1).length + 1);

describe(`exercise media size limits (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await buildTestApp({
      env: { MEDIA_MAX_IMAGE_BYTES: String(IMAGE_LIMIT), MEDIA_MAX_VIDEO_BYTES: String(VIDEO_LIMIT) },
    });
    // Two tests need a real socket: a body that keeps arriving, a client that goes away.
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  async function expectNothingStored(owner: TestAccount) {
    expect(await mediaRowsOf(app, owner.practiceId)).toEqual([]);
    expect(mediaFilesOf(app, owner.practiceId)).toEqual([]);
  }

  it('takes files of exactly the limit of their kind', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const image = pngOf(IMAGE_LIMIT);
    expect(image.length).toBe(IMAGE_LIMIT);
    expect((await upload(app, owner, exercise.id, { data: image })).statusCode).toBe(201);
    const video = mp4(randomBytes(VIDEO_LIMIT - mp4(Buffer.alloc(0)).length));
    expect(video.length).toBe(VIDEO_LIMIT);
    expect((await upload(app, owner, exercise.id, { data: video })).statusCode).toBe(201);
  });

  it.each([
    ['an image one byte over the image limit', () => pngOf(IMAGE_LIMIT + 1)],
    ['an image within the video limit but over the image limit', () => pngOf(VIDEO_LIMIT - 100)],
    ['a video over the video limit', () => mp4(randomBytes(VIDEO_LIMIT))],
    ['a file far over every limit', () => mp4(randomBytes(2 * 1024 * 1024))],
  ])('refuses %s with 413 and keeps nothing of it', async (_name, data) => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const response = await upload(app, owner, exercise.id, { data: data() });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toEqual({
      code: 'payload_too_large',
      message: 'This file is too large. Images may be up to 4 KB, videos up to 16 KB.',
    });
    await expectNothingStored(owner);
    // The refusal leaves nothing stuck: the next upload goes through.
    expect((await upload(app, owner, exercise.id, { data: pngOf(1000) })).statusCode).toBe(201);
  });

  it('answers 413 while the file is still arriving, without waiting for its end', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const boundary = 'rehabitlimits';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const answer = await new Promise<{ status: number; body: string; closed: boolean }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/exercises/${exercise.id}/media`,
          headers: {
            cookie: owner.cookie,
            'x-csrf-token': owner.csrfToken,
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(50 * 1024 * 1024),
          },
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (piece: string) => {
            body += piece;
          });
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body, closed: res.headers.connection === 'close' });
          });
        },
      );
      req.on('error', reject);
      // Twice the image limit, then silence: the rest of the announced 50 MB never comes.
      req.write(Buffer.concat([head, pngOf(2 * IMAGE_LIMIT)]));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large');
    expect(answer.closed).toBe(true);
    await expectNothingStored(owner);
  });

  it('leaves nothing behind when the client goes away in the middle of an upload', async () => {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const boundary = 'rehabitabort';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    );
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/v1/exercises/${exercise.id}/media`,
      headers: {
        cookie: owner.cookie,
        'x-csrf-token': owner.csrfToken,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(IMAGE_LIMIT),
      },
    });
    req.on('error', () => undefined);
    req.write(Buffer.concat([head, pngOf(IMAGE_LIMIT).subarray(0, 2000)]));
    // The upload has begun once its partial file exists; then the client vanishes.
    await until(() => mediaFilesOf(app, owner.practiceId).some((file) => file.endsWith('.part')));
    req.destroy();
    await until(() => mediaFilesOf(app, owner.practiceId).length === 0);
    await expectNothingStored(owner);
  });
});

/** Waits for a condition the server reaches on its own, failing after a few seconds. */
async function until(condition: () => boolean) {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 5000) throw new Error('the condition was not reached');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
