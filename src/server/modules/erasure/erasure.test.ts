import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/transactions.js';
import {
  createFieldCipher,
  DecryptionError,
  loadBlindIndexSecret,
  loadKeyring,
} from '../../platform/crypto/index.js';
import { createLogger } from '../../platform/logger.js';
import { signUp } from '../../testing/accounts.js';
import { buildTestApp } from '../../testing/app.js';
import { apiKeyHeaders, createClient } from '../../testing/clients.js';
import { auditActions, mediaRowsOf, memberOf } from '../exercises/exercises.testkit.js';
import { whoAmI } from '../patient/patient.testkit.js';
import {
  dataKeysOf,
  erase,
  fullClient,
  ledgerFileText,
  ledgerRowsOf,
  rowsAboutClient,
} from './erasure.testkit.js';

describe('erasing a client', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  const emailOf = (clientId: string) =>
    app.platform.transactor.asSystem((tx) =>
      queryRows<{ email: string; practice_id: string }>(
        tx,
        sql`select email, practice_id from clients where id = ${clientId}`,
      ),
    );

  it('deletes every row about the client, their media files, and ends their app session', async () => {
    const owner = await signUp(app);
    const { client, token } = await fullClient(app, owner);
    const before = await rowsAboutClient(app, client.id);
    // The record really reached these tables, so their being empty afterwards means something.
    for (const table of [
      'programs.client_id',
      'access_codes.client_id',
      'patient_sessions.client_id',
      'adherence_entries.client_id',
      'messages.client_id',
      'alerts.client_id',
      'notifications.client_id',
      'outcome_assignments.client_id',
      'outcome_responses.client_id',
      'mail_outbox.client_id',
      'sms_outbox.client_id',
      'exercises.featured_client_id',
      'exercise_media.featured_client_id',
      'clients.id',
    ])
      expect(before[table], table).toBeGreaterThan(0);
    const media = await mediaRowsOf(app, owner.practiceId);
    const mediaFiles = media.map(
      (row) => `${path.join(app.platform.config.dataDir, 'media', row.storage_key)}.rhm`,
    );
    expect(mediaFiles.length).toBe(2);
    for (const file of mediaFiles) expect(existsSync(file), file).toBe(true);

    const response = await erase(app, owner, client.id);
    expect(response.statusCode, response.body).toBe(202);
    expect(response.json()).toEqual({ clientId: client.id, erasedAt: expect.any(String) });

    const after = await rowsAboutClient(app, client.id);
    expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    for (const file of mediaFiles) expect(existsSync(file), file).toBe(false);
    expect((await whoAmI(app, token)).statusCode).toBe(401);
    expect((await erase(app, owner, client.id)).statusCode).toBe(404);
  });

  it('destroys the data key, so a ciphertext taken before no longer decrypts, here or in a fresh process', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { email: 'old.copy@example.org' });
    const [stored] = await emailOf(client.id);
    if (!stored) throw new Error('no client row');
    const owned = { practiceId: owner.practiceId, clientId: client.id };
    const at = { table: 'clients', column: 'email', rowId: client.id };
    const decrypt = () =>
      app.platform.transactor.asSystem((tx) => app.platform.cipher.decrypt(tx, owned, stored.email, at));
    expect(await decrypt()).toBe('old.copy@example.org');

    expect((await erase(app, owner, client.id)).statusCode).toBe(202);

    const keys = await dataKeysOf(app, client.id);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatchObject({ status: 'destroyed', wrapped_key: '' });
    await expect(decrypt()).rejects.toBeInstanceOf(DecryptionError);
    const log = createLogger({ logLevel: 'silent' });
    const fresh = createFieldCipher({
      keyring: loadKeyring(app.platform.config, log),
      blindIndexSecret: await loadBlindIndexSecret(
        app.platform.transactor,
        loadKeyring(app.platform.config, log),
      ),
      clock: app.platform.clock,
    });
    await expect(
      app.platform.transactor.asSystem((tx) => fresh.decrypt(tx, owned, stored.email, at)),
    ).rejects.toBeInstanceOf(DecryptionError);
  });

  it('writes a ledger entry of ids only, in the database and in the file under DATA_DIR, and audits the act', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner, { firstName: 'Ledgerina', lastName: 'Quist' });
    expect((await erase(app, owner, client.id)).statusCode).toBe(202);

    const [entry] = await ledgerRowsOf(app, client.id);
    expect(entry).toEqual({
      subject_id: client.id,
      kind: 'client',
      practice_id: owner.practiceId,
      erased_at: expect.anything(),
      actor_type: 'practitioner',
      actor_id: owner.practitionerId,
      recorded_at: expect.anything(),
    });
    const file = await ledgerFileText(app);
    const line = file.split('\n').find((text) => text.includes(client.id));
    expect(JSON.parse(line ?? '{}')).toEqual({
      subjectId: client.id,
      kind: 'client',
      practiceId: owner.practiceId,
      erasedAt: expect.any(String),
      actorType: 'practitioner',
      actorId: owner.practitionerId,
    });
    expect(file).not.toContain('Ledgerina');
    expect(await auditActions(app, owner.practiceId)).toContain('client.erase client');
    // Audit rows about the client stay: they hold ids only.
    const audit = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_events where subject_id = ${client.id}`,
      ),
    );
    expect(audit[0]?.n).toBeGreaterThanOrEqual(2);
  });

  it('answers 404 for a client of another practice, and for an unknown id', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const client = await createClient(app, other);
    expect((await erase(app, owner, client.id)).json().error.code).toBe('not_found');
    expect((await erase(app, owner, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await rowsAboutClient(app, client.id))['clients.id']).toBe(1);
  });

  it('refuses without confirm: true', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    for (const payload of [{}, { confirm: false }, { confirm: 'yes' }]) {
      const response = await erase(app, owner, client.id, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    expect((await rowsAboutClient(app, client.id))['clients.id']).toBe(1);
  });

  it('is the owner’s alone: a practitioner’s or the front desk’s attempt is refused and audited, an API key’s refused', async () => {
    const owner = await signUp(app);
    const client = await createClient(app, owner);
    const practitioner = await memberOf(app, owner, 'practitioner');
    const frontDesk = await memberOf(app, owner, 'front_desk');
    expect((await erase(app, practitioner, client.id)).statusCode).toBe(403);
    expect((await erase(app, frontDesk, client.id)).statusCode).toBe(403);
    const byKey = await app.inject({
      method: 'POST',
      url: `/api/v1/clients/${client.id}/erasure`,
      headers: await apiKeyHeaders(app, owner),
      payload: { confirm: true },
    });
    expect(byKey.statusCode).toBe(403);
    expect((await rowsAboutClient(app, client.id))['clients.id']).toBe(1);
    const denied = await app.platform.transactor.asSystem((tx) =>
      queryRows<{ actor_id: string }>(
        tx,
        sql`select actor_id from audit_events where action = 'client.erase' and outcome = 'denied' and subject_id = ${client.id}`,
      ),
    );
    expect(denied.map((row) => row.actor_id).sort()).toEqual(
      [practitioner.practitionerId, frontDesk.practitionerId].sort(),
    );
  });

  it('leaves the practice’s other clients alone', async () => {
    const owner = await signUp(app);
    const erased = await createClient(app, owner);
    const kept = await createClient(app, owner, { email: 'kept@example.org' });
    expect((await erase(app, owner, erased.id)).statusCode).toBe(202);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/clients/${kept.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().email).toBe('kept@example.org');
  });
});
