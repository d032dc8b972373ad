import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';
import { createExercise, mp4, upload } from './exercises.testkit.js';

// A video of a little over three storage chunks (64 KiB each), so ranges cross chunk boundaries.
const VIDEO = mp4(randomBytes(200_000));
const SIZE = VIDEO.length;

describe(`exercise media byte ranges (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  async function storedVideo() {
    const owner = await signUp(app);
    const exercise = await createExercise(app, owner);
    const response = await upload(app, owner, exercise.id, { data: VIDEO });
    expect(response.statusCode, response.body).toBe(201);
    return { owner, id: response.json().id as string };
  }
  const read = (owner: TestAccount, id: string, headers: Record<string, string> = {}) =>
    as(app, owner, { method: 'GET', url: `/api/v1/media/${id}`, headers });

  it.each([
    ['the first ten bytes', 'bytes=0-9', 0, 9],
    ['the last ten bytes (suffix)', 'bytes=-10', SIZE - 10, SIZE - 1],
    ['everything from byte 10 (open-ended)', 'bytes=10-', 10, SIZE - 1],
    ['bytes across a chunk boundary', 'bytes=65530-131080', 65530, 131080],
    ['a range running past the end, clamped', `bytes=${SIZE - 5}-${SIZE + 1000}`, SIZE - 5, SIZE - 1],
    ['a suffix longer than the file, the whole of it', `bytes=-${SIZE + 50}`, 0, SIZE - 1],
  ])('answers %s with 206 and Content-Range', async (_name, range, start, end) => {
    const { owner, id } = await storedVideo();
    const response = await read(owner, id, { range });
    expect(response.statusCode).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes ${start}-${end}/${SIZE}`);
    expect(response.headers['content-length']).toBe(String(end - start + 1));
    expect(response.headers['content-type']).toBe('video/mp4');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.rawPayload.equals(VIDEO.subarray(start, end + 1))).toBe(true);
  });

  it.each([
    ['a start past the end', `bytes=${SIZE}-`],
    ['a start far past the end', `bytes=${SIZE + 10}-${SIZE + 20}`],
    ['an empty suffix', 'bytes=-0'],
  ])('answers %s with 416 and the size in Content-Range', async (_name, range) => {
    const { owner, id } = await storedVideo();
    const response = await read(owner, id, { range });
    expect(response.statusCode).toBe(416);
    expect(response.headers['content-range']).toBe(`bytes */${SIZE}`);
    expect(response.json().error.code).toBe('range_not_satisfiable');
  });

  it.each([
    ['several ranges', 'bytes=0-9,20-29'],
    ['another unit', 'items=0-9'],
    ['bad syntax', 'bytes=abc'],
    ['a range ending before it starts', 'bytes=9-0'],
  ])('ignores %s, as the RFC allows, and answers the whole file', async (_name, range) => {
    const { owner, id } = await storedVideo();
    const response = await read(owner, id, { range });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-range']).toBeUndefined();
    expect(response.rawPayload.equals(VIDEO)).toBe(true);
  });

  it('gives a strong ETag: If-None-Match answers 304, If-Range honours only the current one', async () => {
    const { owner, id } = await storedVideo();
    const whole = await read(owner, id);
    const etag = String(whole.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(whole.headers['cache-control']).toBe('private, no-cache');
    const unchanged = await read(owner, id, { 'if-none-match': etag });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.rawPayload.length).toBe(0);
    const current = await read(owner, id, { range: 'bytes=0-9', 'if-range': etag });
    expect(current.statusCode).toBe(206);
    const stale = await read(owner, id, { range: 'bytes=0-9', 'if-range': '"another"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.equals(VIDEO)).toBe(true);
  });

  it('answers HEAD with the headers of the whole file and no body', async () => {
    const { owner, id } = await storedVideo();
    const response = await as(app, owner, { method: 'HEAD', url: `/api/v1/media/${id}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBe(String(SIZE));
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.rawPayload.length).toBe(0);
  });
});
