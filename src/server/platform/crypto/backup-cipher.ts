import { randomBytes } from 'node:crypto';
import { open, seal } from './aead.js';
import { type Keyring, unwrapSecret, wrapSecret } from './keyring.js';

// Backup archives have their own key: a fresh random key per archive, wrapped by the master key and
// kept (wrapped) in the archive's header. A copy of the archive alone opens nothing; with the master
// key (kept apart from backups, see docs/operations.md) it opens in any node of the same deployment,
// even when the database it came from is gone. Erasure still reaches backups: a client's fields are
// sealed under their data key, which the replayed ledger destroys after a restore.

const FORMAT = 'rehabit/backup-chunk/1';

const purposeOf = (archiveId: string) => `backup/${archiveId}`;

/** A fresh backup key for one archive, and the same key wrapped by the active master key. */
export function createBackupKey(keyring: Keyring, archiveId: string) {
  const key = randomBytes(32);
  const { masterKeyId, wrapped } = wrapSecret(keyring, purposeOf(archiveId), key);
  return { key, masterKeyId, wrapped };
}

/** Unwraps an archive's key; throws when the master key is missing or the header was altered. */
export function openBackupKey(keyring: Keyring, archiveId: string, masterKeyId: string, wrapped: string) {
  return unwrapSecret(keyring, purposeOf(archiveId), masterKeyId, wrapped);
}

// The header's digest, the chunk's position and its kind are bound into every chunk: chunks cannot be
// reordered, moved between archives, or the trailer (which counts them) dropped unnoticed.
const chunkContext = (headerDigest: string, index: number, kind: 'data' | 'trailer') =>
  Buffer.from(`${FORMAT}|${headerDigest}|${index}|${kind}`);

/** Seals one chunk of a backup archive (AES-256-GCM): nonce ‖ ciphertext ‖ tag. */
export function sealBackupChunk(
  key: Buffer,
  headerDigest: string,
  index: number,
  kind: 'data' | 'trailer',
  plaintext: Buffer,
): Buffer {
  return seal(key, plaintext, chunkContext(headerDigest, index, kind));
}

/** Opens one chunk, or throws DecryptionError. */
export function openBackupChunk(
  key: Buffer,
  headerDigest: string,
  index: number,
  kind: 'data' | 'trailer',
  sealed: Buffer,
): Buffer {
  return open(key, sealed, chunkContext(headerDigest, index, kind));
}
