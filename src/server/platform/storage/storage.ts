import type { Readable } from 'node:stream';
import type { KeyOwner } from '../crypto/index.js';

/**
 * Where uploaded objects (exercise media) are kept, encrypted. Two implementations are meant: the local
 * one under DATA_DIR/media, and an S3-compatible one later; callers know nothing else.
 */
export interface ObjectStorage {
  /**
   * Stores the stream under `key` (letters, digits, `-`, `_`, separated by `/`), encrypted under a key of
   * the owner (the practice, or the client the object shows). The object appears only once complete;
   * when the stream fails, nothing is left behind and the stream's error is thrown.
   */
  put(key: string, body: Readable, owner: KeyOwner): Promise<{ byteSize: number }>;
  /** The object's size in bytes (plain text); ObjectNotFoundError when there is none. */
  size(key: string): Promise<number>;
  /**
   * Bytes `start` to `end` (both inclusive, as in HTTP ranges) of the object, decrypted as they are read.
   * Fails before the stream starts when the first bytes do not open (DecryptionError); a later altered
   * part ends the stream with that error, never with its bytes.
   */
  getRange(key: string, start: number, end: number): Promise<Readable>;
  /**
   * Re-wraps the object's key under its owner's active data key (after a data-key rotation), without
   * rewriting its content. Readers never see it half done: a read that began before goes on with the
   * object as it was; an interrupted re-wrap leaves it as it was. Answers the id of the data key the
   * object's key is wrapped under now and whether that changed; ObjectNotFoundError when there is none,
   * DecryptionError when its key does not open.
   */
  rewrap(key: string): Promise<{ dataKeyId: string; changed: boolean }>;
  /** Removes the object; nothing happens when there is none. */
  delete(key: string): Promise<void>;
}

/** No object is stored under the key. */
export class ObjectNotFoundError extends Error {
  constructor() {
    super('No stored object has this key.');
    this.name = 'ObjectNotFoundError';
  }
}

const KEY_SHAPE = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;

/** Keys are chosen by our code; anything else (dots, empty parts) is a bug and must not reach a path. */
export function assertObjectKey(key: string): void {
  if (!KEY_SHAPE.test(key) || key.length > 300) throw new Error('Invalid storage key');
}
