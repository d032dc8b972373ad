import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { exercises, practitioners } from '../../db/schema/index.js';
import { queryRows } from '../../db/transactions.js';
import {
  as,
  sessionCookieOf,
  signIn,
  TEST_PASSWORD,
  type TestAccount,
  uniqueEmail,
} from '../../testing/accounts.js';
import { DEFAULT_PREFERENCES } from '../auth/accounts.presenter.js';
import { hashPassword } from '../auth/password-hashing.js';

// Steps and fixtures shared by the tests of custom exercises and media.

/** A signed-in member of the owner's practice with another role (inserted, not invited: no mail needed). */
export async function memberOf(
  app: FastifyInstance,
  owner: TestAccount,
  role: 'practitioner' | 'front_desk',
): Promise<TestAccount> {
  const email = uniqueEmail(role);
  const id = randomUUID();
  const passwordHash = await hashPassword(TEST_PASSWORD);
  await app.platform.transactor.inPractice(owner.practiceId, (tx) =>
    tx.insert(practitioners).values({
      id,
      practiceId: owner.practiceId,
      email,
      emailVerifiedAt: new Date(),
      firstName: 'Mara',
      lastName: 'Lind',
      role,
      passwordHash,
      preferences: DEFAULT_PREFERENCES,
    }),
  );
  const response = await signIn(app, { email, password: TEST_PASSWORD });
  expect(response.statusCode, response.body).toBe(200);
  return {
    email,
    password: TEST_PASSWORD,
    cookie: sessionCookieOf(response),
    csrfToken: response.json().csrfToken,
    practitionerId: id,
    practiceId: owner.practiceId,
  };
}

/** The practice's audit trail as "action subject_type", oldest first. */
export async function auditActions(app: FastifyInstance, practiceId: string): Promise<string[]> {
  const rows = await app.platform.transactor.asSystem((tx) =>
    queryRows<{ action: string; subject_type: string | null }>(
      tx,
      sql`select action, subject_type from audit_events where practice_id = ${practiceId} order by id`,
    ),
  );
  return rows.map((row) => `${row.action} ${row.subject_type}`);
}

/** The media rows the practice holds, whatever the exercise. */
export async function mediaRowsOf(app: FastifyInstance, practiceId: string) {
  return app.platform.transactor.asSystem((tx) =>
    queryRows<{ id: string; storage_key: string }>(
      tx,
      sql`select id, storage_key from exercise_media where practice_id = ${practiceId}`,
    ),
  );
}

/** Every file under a directory, at any depth, as paths; none when it does not exist. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every file under DATA_DIR/media of the practice (partial uploads included), as paths. */
export const mediaFilesOf = (app: FastifyInstance, practiceId: string) =>
  filesUnder(path.join(app.platform.config.dataDir, 'media', practiceId));

/** A valid custom exercise's body. */
export const exerciseBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'Wall slide with band',
  description: 'Builds control of the shoulder blade while the arm rises.',
  instructions: ['Stand with your back to a wall.', 'Slide both forearms up the wall.', 'Lower slowly.'],
  bodyRegion: 'shoulder',
  equipment: ['resistance_band', 'wall'],
  position: 'standing',
  difficulty: 'moderate',
  contraindications: ['shoulder_instability'],
  defaultDosage: {
    sets: 3,
    reps: 10,
    holdSeconds: null,
    restSeconds: 30,
    timesPerDay: 1,
    daysPerWeek: 5,
    side: 'both',
  },
  ...overrides,
});

export async function createExercise(
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  overrides: Record<string, unknown> = {},
) {
  const response = await as(app, account, {
    method: 'POST',
    url: '/api/v1/exercises',
    payload: exerciseBody(overrides),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; [field: string]: unknown };
}

/**
 * A shipped library exercise (no practice), added for one test file and removed by the returned
 * function, so other files sharing the database never see it. It has no texts, so search never finds it.
 */
export async function addLibraryExercise(app: FastifyInstance) {
  const id = randomUUID();
  await app.platform.transactor.asSystem((tx) =>
    tx.insert(exercises).values({
      id,
      practiceId: null,
      slug: `test-only-${id}`,
      bodyRegion: 'knee',
      equipment: ['none'],
      position: 'sitting',
      difficulty: 'easy',
      defaultDosage: exerciseBody().defaultDosage as never,
    }),
  );
  return {
    id,
    remove: () => app.platform.transactor.asSystem((tx) => tx.delete(exercises).where(eq(exercises.id, id))),
  };
}

export type FormPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; data: Buffer };

/** A multipart/form-data body as a browser sends it. */
export function multipart(parts: FormPart[]) {
  const boundary = `----rehabit${randomUUID().replaceAll('-', '')}`;
  const pieces: Buffer[] = [];
  for (const part of parts) {
    const head =
      'data' in part
        ? `Content-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}\r\n`
        : `Content-Disposition: form-data; name="${part.name}"\r\n`;
    pieces.push(Buffer.from(`--${boundary}\r\n${head}\r\n`));
    pieces.push('data' in part ? part.data : Buffer.from(part.value));
    pieces.push(Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(pieces),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Uploads a file as the account; answers the response. */
export function upload(
  app: FastifyInstance,
  account: Pick<TestAccount, 'cookie' | 'csrfToken'>,
  exerciseId: string,
  file: { data: Buffer; filename?: string; contentType?: string },
  fields: { name: string; value: string }[] = [],
) {
  const body = multipart([
    ...fields,
    {
      name: 'file',
      filename: file.filename ?? 'upload.bin',
      contentType: file.contentType ?? 'application/octet-stream',
      data: file.data,
    },
  ]);
  return as(app, account, { method: 'POST', url: `/api/v1/exercises/${exerciseId}/media`, ...body });
}

// Tiny real files of each accepted type.
const base64 = (text: string) => Buffer.from(text, 'base64');
export const JPEG = base64(
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
);
export const PNG = base64(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
);
const pngChunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/**
 * A real 1×1 PNG carrying `text` in a tEXt chunk (a marker to look for on disk), padded with an extra
 * ancillary chunk of `padding` bytes when a test needs a large file.
 */
export function png(text = 'rehabit', padding = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('tEXt', Buffer.from(`Comment\0${text}`, 'latin1')),
    ...(padding > 0 ? [pngChunk('prVt', randomBytes(padding))] : []),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0x2a, 0x7f, 0xd4, 0xff]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const WEBP = base64('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==');

const box = (type: string, body: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
};

/** An MP4: the ftyp box (brand isom, compatible isom and mp41) and an mdat box holding `payload`. */
export function mp4(payload: Buffer = randomBytes(64)): Buffer {
  const ftyp = box(
    'ftyp',
    Buffer.concat([Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41')]),
  );
  return Buffer.concat([ftyp, box('mdat', payload)]);
}

/** A WebM: the EBML header with DocType "webm", then the start of a Segment holding `payload`. */
export function webm(payload: Buffer = randomBytes(64)): Buffer {
  const element = (id: number[], body: Buffer) =>
    Buffer.concat([Buffer.from(id), Buffer.from([0x80 | body.length]), body]);
  const header = Buffer.concat([
    element([0x42, 0x86], Buffer.from([1])),
    element([0x42, 0xf7], Buffer.from([1])),
    element([0x42, 0xf2], Buffer.from([4])),
    element([0x42, 0xf3], Buffer.from([8])),
    element([0x42, 0x82], Buffer.from('webm')),
    element([0x42, 0x87], Buffer.from([2])),
    element([0x42, 0x85], Buffer.from([2])),
  ]);
  const segment = Buffer.concat([
    Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    payload,
  ]);
  return Buffer.concat([element([0x1a, 0x45, 0xdf, 0xa3], header), segment]);
}
