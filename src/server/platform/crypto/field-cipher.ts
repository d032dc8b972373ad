import { createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { Tx } from '../../db/transactions.js';
import type { Clock } from '../clock.js';
import { DecryptionError, open, seal } from './aead.js';
import {
  findActiveDataKey,
  findDataKeyById,
  insertActiveDataKey,
  type KeyOwner,
  retireActiveDataKey,
} from './data-keys.repo.js';
import { type Keyring, unwrapSecret, wrapSecret } from './keyring.js';

/** Where a value lives. Bound into the ciphertext, so a value copied to another row or column fails. */
export interface FieldLocation {
  table: string;
  column: string;
  rowId: string;
}

/** Encrypts and decrypts the fields PRODUCT.md marks enc, and computes blind indexes (bidx). */
export interface FieldCipher {
  encrypt(tx: Tx, owner: KeyOwner, plaintext: string, at: FieldLocation): Promise<string>;
  decrypt(tx: Tx, owner: KeyOwner, ciphertext: string, at: FieldLocation): Promise<string>;
  /** Re-seals a value under the owner's active key; unchanged when it already is. */
  reencrypt(tx: Tx, owner: KeyOwner, ciphertext: string, at: FieldLocation): Promise<string>;
  /** Retires the owner's active key (it keeps decrypting) and starts a new one; returns its id. */
  rotateDataKey(tx: Tx, owner: KeyOwner): Promise<string>;
  /** HMAC-SHA256 of an already-normalised value, keyed per purpose (and per practice when given). */
  blindIndex(purpose: string, normalisedValue: string, practiceId?: string): string;
  /** Drops keys from this process's cache once they were destroyed (erasure): they must stop opening now. */
  forgetDataKeys(ids: readonly string[]): void;
}

interface DataKey {
  id: string;
  practiceId: string;
  key: Buffer;
}

const FORMAT = 'rh1';
// An active key read from the table is reused this long, so a rotation on another node is picked up soon.
export const ACTIVE_KEY_TTL_MS = 60_000;

const ownerKey = (owner: KeyOwner) => `${owner.practiceId}/${owner.clientId ?? ''}`;
/** What a data key's wrapping is bound to: its own id, so a wrapped key cannot be swapped for another. */
export const dataKeyPurpose = (id: string) => `data-key/${id}`;
const associatedData = (at: FieldLocation) => Buffer.from(`${FORMAT}|${at.table}|${at.column}|${at.rowId}`);

/** The id of the data key a ciphertext was sealed with. */
export function dataKeyIdOf(ciphertext: string): string {
  const [format, keyId] = ciphertext.split('.', 3);
  if (format !== FORMAT || !keyId) throw new DecryptionError();
  return keyId;
}

export function createFieldCipher(deps: {
  keyring: Keyring;
  blindIndexSecret: Buffer;
  clock: Clock;
}): FieldCipher {
  const { keyring, clock } = deps;
  const keysById = new Map<string, DataKey>();
  const activeKeys = new Map<string, { key: DataKey; readAt: number }>();
  // Keys created inside a transaction that has not committed yet: never cached beyond it.
  const uncommitted = new WeakMap<Tx, Map<string, DataKey>>();
  const indexKeys = new Map<string, Buffer>();

  const unwrap = (row: {
    id: string;
    practiceId: string;
    masterKeyId: string;
    wrappedKey: string;
  }): DataKey => ({
    id: row.id,
    practiceId: row.practiceId,
    key: unwrapSecret(keyring, dataKeyPurpose(row.id), row.masterKeyId, row.wrappedKey),
  });

  async function createDataKey(tx: Tx, owner: KeyOwner): Promise<DataKey | undefined> {
    const id = randomUUID();
    const key = randomBytes(32);
    const { masterKeyId, wrapped } = wrapSecret(keyring, dataKeyPurpose(id), key);
    const won = await insertActiveDataKey(tx, {
      id,
      practiceId: owner.practiceId,
      clientId: owner.clientId ?? null,
      wrappedKey: wrapped,
      masterKeyId,
    });
    if (!won) return undefined;
    const created = { id, practiceId: owner.practiceId, key };
    const pending = uncommitted.get(tx) ?? new Map<string, DataKey>();
    pending.set(ownerKey(owner), created).set(id, created);
    uncommitted.set(tx, pending);
    return created;
  }

  async function activeKey(tx: Tx, owner: KeyOwner): Promise<DataKey> {
    const name = ownerKey(owner);
    const pending = uncommitted.get(tx)?.get(name);
    if (pending) return pending;
    const cached = activeKeys.get(name);
    if (cached && clock.now().getTime() - cached.readAt < ACTIVE_KEY_TTL_MS) return cached.key;
    const row = await findActiveDataKey(tx, owner);
    if (row) {
      const key = unwrap(row);
      activeKeys.set(name, { key, readAt: clock.now().getTime() });
      keysById.set(key.id, key);
      return key;
    }
    const created = await createDataKey(tx, owner);
    if (created) return created;
    // Another transaction created it first and has committed (our insert waited for it).
    const winner = await findActiveDataKey(tx, owner);
    if (!winner) throw new Error('A data key could not be created');
    return unwrap(winner);
  }

  async function keyById(tx: Tx, id: string): Promise<DataKey> {
    const known = uncommitted.get(tx)?.get(id) ?? keysById.get(id);
    if (known) return known;
    const row = await findDataKeyById(tx, id);
    if (!row) throw new DecryptionError();
    const key = unwrap(row);
    keysById.set(id, key);
    return key;
  }

  async function decrypt(tx: Tx, owner: KeyOwner, ciphertext: string, at: FieldLocation): Promise<string> {
    const parts = ciphertext.split('.');
    if (parts.length !== 3 || parts[0] !== FORMAT) throw new DecryptionError();
    const key = await keyById(tx, parts[1] as string);
    // Cached keys are shared across requests; never let one practice's key open another's value.
    if (key.practiceId !== owner.practiceId) throw new DecryptionError();
    return open(key.key, Buffer.from(parts[2] as string, 'base64url'), associatedData(at)).toString('utf8');
  }

  async function encrypt(tx: Tx, owner: KeyOwner, plaintext: string, at: FieldLocation): Promise<string> {
    const key = await activeKey(tx, owner);
    const sealed = seal(key.key, Buffer.from(plaintext, 'utf8'), associatedData(at));
    return `${FORMAT}.${key.id}.${sealed.toString('base64url')}`;
  }

  return {
    encrypt,
    decrypt,
    async reencrypt(tx, owner, ciphertext, at) {
      const active = await activeKey(tx, owner);
      if (dataKeyIdOf(ciphertext) === active.id) return ciphertext;
      return encrypt(tx, owner, await decrypt(tx, owner, ciphertext, at), at);
    },
    async rotateDataKey(tx, owner) {
      await retireActiveDataKey(tx, owner, clock.now());
      activeKeys.delete(ownerKey(owner));
      uncommitted.get(tx)?.delete(ownerKey(owner));
      const created = await createDataKey(tx, owner);
      if (!created) throw new Error('Another rotation of this key is in progress');
      return created.id;
    },
    forgetDataKeys(ids) {
      const gone = new Set(ids);
      for (const id of gone) keysById.delete(id);
      for (const [name, cached] of activeKeys) if (gone.has(cached.key.id)) activeKeys.delete(name);
    },
    blindIndex(purpose, normalisedValue, practiceId) {
      const info = `rehabit/blind-index/${purpose}/${practiceId ?? 'deployment'}`;
      let key = indexKeys.get(info);
      if (!key) {
        key = Buffer.from(hkdfSync('sha256', deps.blindIndexSecret, Buffer.alloc(0), info, 32));
        indexKeys.set(info, key);
      }
      return createHmac('sha256', key).update(normalisedValue, 'utf8').digest('base64url');
    },
  };
}
