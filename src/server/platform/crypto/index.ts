import { randomBytes } from 'node:crypto';
import type { Transactor } from '../../db/transactions.js';
import { findDeploymentSecret, insertDeploymentSecret } from './data-keys.repo.js';
import { type Keyring, unwrapSecret, wrapSecret } from './keyring.js';

export { DecryptionError } from './aead.js';
export type { KeyOwner } from './data-keys.repo.js';
export { createFieldCipher, dataKeyIdOf, type FieldCipher, type FieldLocation } from './field-cipher.js';
export { type Keyring, loadKeyring, type MasterKey } from './keyring.js';
export {
  CHUNK_OVERHEAD,
  createObjectKeys,
  type ObjectKey,
  type ObjectKeys,
  openChunk,
  sealChunk,
} from './object-cipher.js';

const BLIND_INDEX_SECRET = 'blind-index';

/** The deployment's blind-index secret, created (wrapped by the master key) on first start. */
export async function loadBlindIndexSecret(transactor: Transactor, keyring: Keyring): Promise<Buffer> {
  return transactor.asSystem(async (tx) => {
    let stored = await findDeploymentSecret(tx, BLIND_INDEX_SECRET);
    if (!stored) {
      const { masterKeyId, wrapped } = wrapSecret(keyring, `secret/${BLIND_INDEX_SECRET}`, randomBytes(32));
      await insertDeploymentSecret(tx, { name: BLIND_INDEX_SECRET, wrappedValue: wrapped, masterKeyId });
      stored = await findDeploymentSecret(tx, BLIND_INDEX_SECRET);
    }
    if (!stored) throw new Error('The blind-index secret could not be stored');
    return unwrapSecret(keyring, `secret/${BLIND_INDEX_SECRET}`, stored.masterKeyId, stored.wrappedValue);
  });
}
