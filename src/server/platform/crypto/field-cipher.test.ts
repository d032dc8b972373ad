import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataKeys } from '../../db/schema/index.js';
import type { Tx } from '../../db/transactions.js';
import { buildTestApp } from '../../testing/app.js';
import { engineUnderTest } from '../../testing/database.js';
import { createTestPractice } from '../../testing/factories.js';
import { DecryptionError, dataKeyIdOf, type FieldCipher } from './index.js';

describe(`field encryption (${engineUnderTest()})`, () => {
  let app: FastifyInstance;
  let cipher: FieldCipher;
  beforeAll(async () => {
    app = await buildTestApp();
    cipher = app.platform.cipher;
  });
  afterAll(() => app.close());

  const at = (rowId = randomUUID()) => ({ table: 'clients', column: 'mobile', rowId });
  const inPractice = <T>(practiceId: string, work: (tx: Tx) => Promise<T>) =>
    app.platform.transactor.inPractice(practiceId, work);

  it('round-trips a value and never stores its plain text', async () => {
    const { id } = await createTestPractice(app);
    const marker = `MARKER-${randomUUID()}`;
    const location = at();
    const sealed = await inPractice(id, (tx) => cipher.encrypt(tx, { practiceId: id }, marker, location));
    expect(sealed).not.toContain(marker);
    expect(sealed).toMatch(/^rh1\.[0-9a-f-]{36}\./);
    expect(await inPractice(id, (tx) => cipher.decrypt(tx, { practiceId: id }, sealed, location))).toBe(
      marker,
    );
  });

  it('refuses a tampered ciphertext', async () => {
    const { id } = await createTestPractice(app);
    const location = at();
    const sealed = await inPractice(id, (tx) =>
      cipher.encrypt(tx, { practiceId: id }, '+447700900123', location),
    );
    const body = Buffer.from(sealed.split('.')[2] as string, 'base64url');
    body[20] = (body[20] as number) ^ 0x01;
    const tampered = `${sealed.split('.').slice(0, 2).join('.')}.${body.toString('base64url')}`;
    await expect(
      inPractice(id, (tx) => cipher.decrypt(tx, { practiceId: id }, tampered, location)),
    ).rejects.toThrow(DecryptionError);
  });

  it('refuses a value moved to another row or another column', async () => {
    const { id } = await createTestPractice(app);
    const location = at();
    const sealed = await inPractice(id, (tx) => cipher.encrypt(tx, { practiceId: id }, 'M54.5', location));
    const owner = { practiceId: id };
    await expect(inPractice(id, (tx) => cipher.decrypt(tx, owner, sealed, at()))).rejects.toThrow(
      DecryptionError,
    );
    await expect(
      inPractice(id, (tx) => cipher.decrypt(tx, owner, sealed, { ...location, column: 'email' })),
    ).rejects.toThrow(DecryptionError);
  });

  it("refuses to open one practice's value with another practice's key", async () => {
    const [mine, other] = [await createTestPractice(app), await createTestPractice(app)];
    const location = at();
    const sealed = await inPractice(other.id, (tx) =>
      cipher.encrypt(tx, { practiceId: other.id }, 'S83.2', location),
    );
    // Row-level security hides the other practice's key from this transaction.
    await expect(
      inPractice(mine.id, (tx) => cipher.decrypt(tx, { practiceId: mine.id }, sealed, location)),
    ).rejects.toThrow(DecryptionError);
    // Once the other practice has used its key, it sits in this node's memory: the owner check must hold.
    expect(
      await inPractice(other.id, (tx) => cipher.decrypt(tx, { practiceId: other.id }, sealed, location)),
    ).toBe('S83.2');
    await expect(
      inPractice(mine.id, (tx) => cipher.decrypt(tx, { practiceId: mine.id }, sealed, location)),
    ).rejects.toThrow(DecryptionError);
  });

  it('keeps a practice data key only in wrapped form', async () => {
    const { id } = await createTestPractice(app);
    const sealed = await inPractice(id, (tx) => cipher.encrypt(tx, { practiceId: id }, 'x', at()));
    const [stored] = await inPractice(id, (tx) =>
      tx
        .select()
        .from(dataKeys)
        .where(eq(dataKeys.id, dataKeyIdOf(sealed))),
    );
    expect(stored?.status).toBe('active');
    expect(Buffer.from(stored?.wrappedKey ?? '', 'base64')).toHaveLength(12 + 32 + 16);
  });

  it('rotates a data key: new values use the new key, old values still read and re-encrypt', async () => {
    const { id } = await createTestPractice(app);
    const owner = { practiceId: id };
    const location = at();
    const old = await inPractice(id, (tx) => cipher.encrypt(tx, owner, 'before rotation', location));
    const newKeyId = await inPractice(id, (tx) => cipher.rotateDataKey(tx, owner));
    expect(newKeyId).not.toBe(dataKeyIdOf(old));

    const fresh = await inPractice(id, (tx) => cipher.encrypt(tx, owner, 'after rotation', at()));
    expect(dataKeyIdOf(fresh)).toBe(newKeyId);
    expect(await inPractice(id, (tx) => cipher.decrypt(tx, owner, old, location))).toBe('before rotation');

    const reencrypted = await inPractice(id, (tx) => cipher.reencrypt(tx, owner, old, location));
    expect(dataKeyIdOf(reencrypted)).toBe(newKeyId);
    expect(await inPractice(id, (tx) => cipher.decrypt(tx, owner, reencrypted, location))).toBe(
      'before rotation',
    );
    expect(await inPractice(id, (tx) => cipher.reencrypt(tx, owner, reencrypted, location))).toBe(
      reencrypted,
    );
  });

  it('does not keep a data key whose creating transaction rolled back', async () => {
    const { id } = await createTestPractice(app);
    const owner = { practiceId: id };
    let lostKeyId = '';
    await expect(
      inPractice(id, async (tx) => {
        lostKeyId = dataKeyIdOf(await cipher.encrypt(tx, owner, 'lost', at()));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const kept = await inPractice(id, (tx) => cipher.encrypt(tx, owner, 'kept', at()));
    expect(dataKeyIdOf(kept)).not.toBe(lostKeyId);
    const location = at();
    const again = await inPractice(id, (tx) => cipher.encrypt(tx, owner, 'readable', location));
    expect(await inPractice(id, (tx) => cipher.decrypt(tx, owner, again, location))).toBe('readable');
  });

  it('gives a stable blind index per purpose and practice, and different ones across them', () => {
    const practiceA = randomUUID();
    const practiceB = randomUUID();
    const email = 'ana@example.org';
    expect(cipher.blindIndex('client.email', email, practiceA)).toBe(
      cipher.blindIndex('client.email', email, practiceA),
    );
    expect(cipher.blindIndex('client.email', email, practiceA)).not.toBe(
      cipher.blindIndex('client.email', email, practiceB),
    );
    expect(cipher.blindIndex('client.email', email, practiceA)).not.toBe(
      cipher.blindIndex('client.mobile', email, practiceA),
    );
    expect(cipher.blindIndex('client.email', email, practiceA)).not.toContain('ana');
  });
});
