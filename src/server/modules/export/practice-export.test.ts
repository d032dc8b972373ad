import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { queryRows } from '../../db/transactions.js';
import { as, signUp, type TestAccount } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { createClient } from '../../testing/clients.js';
import { itemBody, LIBRARY } from '../../testing/programs.js';
import { createExercise, memberOf, PNG, upload } from '../exercises/exercises.testkit.js';
import { clientSends, conversationOf, practiceSends, sent } from '../messages/messages.testkit.js';
import { auditOf } from '../practices/team.testkit.js';
import { clientExportSchema } from './export.schema.js';

/** Every entry of a zip archive by name, decompressed. */
function unzip(archive: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(archive, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const exportPractice = (app: FastifyInstance, account: TestAccount) =>
  as(app, account, { method: 'GET', url: '/api/v1/practice/export' });

describe('practice export', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('answers a zip with the practice, members, exercises and their media, templates and one file per client', async () => {
    const owner = await signUp(app);
    const conversation = await conversationOf(app, owner);
    await sent(practiceSends(app, owner, conversation.client.id, 'See you on Tuesday'));
    await sent(clientSends(app, conversation.token, 'Thanks, see you then'));
    const archived = await createClient(app, owner, { firstName: 'Brita' });
    expect(
      (await as(app, owner, { method: 'POST', url: `/api/v1/clients/${archived.id}/archive` })).statusCode,
    ).toBe(200);
    const exercise = await createExercise(app, owner);
    const uploaded = await upload(app, owner, exercise.id, {
      data: PNG,
      filename: 'wall.png',
      contentType: 'image/png',
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const template = await as(app, owner, {
      method: 'POST',
      url: '/api/v1/program-templates',
      payload: { name: 'Knee week one', shared: false, items: [itemBody(LIBRARY.quadSet)] },
    });
    expect(template.statusCode, template.body).toBe(201);

    const response = await exportPractice(app, owner);

    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="rehabit-practice-[\d-]+\.zip"$/,
    );
    const files = await unzip(response.rawPayload);
    const mediaId = uploaded.json().id as string;
    expect([...files.keys()].sort()).toEqual(
      [
        'README.txt',
        'practice.json',
        'members.json',
        'exercises.json',
        'templates.json',
        'measures.json',
        `exercises/media/${exercise.id}/${mediaId}.png`,
        `clients/${conversation.client.id}.json`,
        `clients/${archived.id}.json`,
      ].sort(),
    );
    expect(files.get(`exercises/media/${exercise.id}/${mediaId}.png`)).toEqual(PNG);
    const client = clientExportSchema.parse(
      JSON.parse(String(files.get(`clients/${conversation.client.id}.json`))),
    );
    expect(client.messages.map((message) => message.body)).toEqual([
      'See you on Tuesday',
      'Thanks, see you then',
    ]);
    expect(JSON.parse(String(files.get('practice.json')))).toMatchObject({ id: owner.practiceId });
    expect(JSON.parse(String(files.get('templates.json')))).toEqual([
      expect.objectContaining({ name: 'Knee week one' }),
    ]);
    expect(JSON.parse(String(files.get('exercises.json')))).toEqual([
      expect.objectContaining({
        id: exercise.id,
        texts: [expect.objectContaining({ title: 'Wall slide with band' })],
        media: [
          expect.objectContaining({ id: mediaId, file: `exercises/media/${exercise.id}/${mediaId}.png` }),
        ],
      }),
    ]);
    expect(String(files.get('README.txt'))).toContain('clients/<id>.json');
  });

  it('holds no password hash and no TOTP secret of any member anywhere in the archive', async () => {
    const owner = await signUp(app);
    const colleague = await memberOf(app, owner, 'practitioner');
    const enrolment = await as(app, owner, { method: 'POST', url: '/api/v1/me/mfa/totp' });
    expect(enrolment.statusCode, enrolment.body).toBe(200);
    const totpSecret = enrolment.json().secret as string;
    const stored = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ password_hash: string | null; totp_pending_secret: string | null }>(
        tx,
        sql`select password_hash, totp_pending_secret from practitioners where practice_id = ${owner.practiceId}`,
      ),
    );
    const markers = [
      totpSecret,
      ...stored.flatMap((row) => [row.password_hash, row.totp_pending_secret]),
    ].filter((marker): marker is string => Boolean(marker));
    expect(markers.length).toBeGreaterThanOrEqual(3);

    const response = await exportPractice(app, owner);

    expect(response.statusCode).toBe(200);
    const files = await unzip(response.rawPayload);
    const members = JSON.parse(String(files.get('members.json')));
    expect(members.map((member: { id: string }) => member.id).sort()).toEqual(
      [owner.practitionerId, colleague.practitionerId].sort(),
    );
    const everything = Buffer.concat([...files.values()]).toString('utf8');
    for (const marker of markers) expect(everything).not.toContain(marker);
  });

  it('is recorded in the audit trail, with each client read as an export of that client', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);

    const response = await exportPractice(app, owner);

    expect(response.statusCode).toBe(200);
    const trail = await auditOf(app, owner.practiceId);
    expect(trail).toContainEqual(
      expect.objectContaining({
        action: 'practice.export',
        subject_type: 'practice',
        subject_id: owner.practiceId,
      }),
    );
    expect(trail).toContainEqual(expect.objectContaining({ action: 'client.export', subject_id: client.id }));
  });

  it('is refused to a practitioner who is not the owner, and to the front desk', async () => {
    const owner = await signUp(app);
    for (const role of ['practitioner', 'front_desk'] as const) {
      const member = await memberOf(app, owner, role);
      const response = await exportPractice(app, member);
      expect(response.statusCode, role).toBe(403);
    }
  });
});
