import { randomBytes } from 'node:crypto';
import type { Transactor } from '../../db/transactions.js';
import { DecryptionError, open, seal } from './aead.js';
import type { KeyOwner } from './data-keys.repo.js';
import { OBJECT_KEY_LOCATION } from './encrypted-columns.js';
import type { FieldCipher } from './field-cipher.js';

// Stored objects (exercise media) are encrypted in fixed-size chunks, each sealed on its own, so a
// range read opens only the chunks it touches. Every object has its own random key, wrapped by the
// data key of the practice (or of the client it shows, so erasing the client reaches the object).

/** Bytes AES-GCM adds to each chunk: the 96-bit nonce and the 128-bit tag. */
export const CHUNK_OVERHEAD = 12 + 16;

const FORMAT = 'rehabit/object-chunk/1';

/** The key that encrypts one stored object, and the same key wrapped for keeping beside the object. */
export interface ObjectKey {
  key: Buffer;
  wrapped: string;
}

/** Creates and opens per-object keys under a practice's or a client's data key. */
export interface ObjectKeys {
  /** A fresh key for the object named `objectName`; the wrapping binds it to that name. */
  create(owner: KeyOwner, objectName: string): Promise<ObjectKey>;
  /** Unwraps an object's key; throws DecryptionError when it was altered, moved or is not the owner's. */
  open(owner: KeyOwner, objectName: string, wrapped: string): Promise<Buffer>;
  /**
   * The same object key wrapped under the owner's active data key (after a rotation); the very string
   * given when it already is. Throws DecryptionError as open does.
   */
  rewrap(owner: KeyOwner, objectName: string, wrapped: string): Promise<string>;
}

const wrapLocation = (objectName: string) => ({ ...OBJECT_KEY_LOCATION, rowId: objectName });

/**
 * Object keys through the field cipher. Each call is a short transaction of its own, so callers must not
 * hold one open (the embedded engine runs one transaction at a time).
 */
export function createObjectKeys(deps: { transactor: Transactor; cipher: FieldCipher }): ObjectKeys {
  const { transactor, cipher } = deps;
  return {
    async create(owner, objectName) {
      const key = randomBytes(32);
      const wrapped = await transactor.inPractice(owner.practiceId, (tx) =>
        cipher.encrypt(tx, owner, key.toString('base64'), wrapLocation(objectName)),
      );
      return { key, wrapped };
    },
    async open(owner, objectName, wrapped) {
      const encoded = await transactor.inPractice(owner.practiceId, (tx) =>
        cipher.decrypt(tx, owner, wrapped, wrapLocation(objectName)),
      );
      const key = Buffer.from(encoded, 'base64');
      if (key.length !== 32) throw new DecryptionError();
      return key;
    },
    rewrap: (owner, objectName, wrapped) =>
      transactor.inPractice(owner.practiceId, (tx) =>
        cipher.reencrypt(tx, owner, wrapped, wrapLocation(objectName)),
      ),
  };
}

// The object's name, the chunk's position and whether it is the last are bound into every chunk:
// chunks cannot be reordered, moved to another object, or dropped from the end unnoticed.
const chunkContext = (objectName: string, index: number, last: boolean) =>
  Buffer.from(`${FORMAT}|${objectName}|${index}|${last ? 'last' : 'more'}`);

/** Seals one chunk of an object: nonce ‖ ciphertext ‖ tag. */
export function sealChunk(
  key: Buffer,
  objectName: string,
  index: number,
  last: boolean,
  plaintext: Buffer,
): Buffer {
  return seal(key, plaintext, chunkContext(objectName, index, last));
}

/** Opens one chunk, or throws DecryptionError. */
export function openChunk(
  key: Buffer,
  objectName: string,
  index: number,
  last: boolean,
  sealed: Buffer,
): Buffer {
  return open(key, sealed, chunkContext(objectName, index, last));
}
