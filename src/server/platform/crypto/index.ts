import { randomBytes } from 'node:crypto';
import type { Transactor } from '../../db/transactions.js';
import { findDeploymentSecret, insertDeploymentSecret } from './data-keys.repo.js';
import { deploymentSecretPurpose, type Keyring, unwrapSecret, wrapSecret } from './keyring.js';

export { DecryptionError } from './aead.js';
export { createBackupKey, openBackupChunk, openBackupKey, sealBackupChunk } from './backup-cipher.js';
export type { KeyOwner } from './data-keys.repo.js';
export { ENCRYPTED_COLUMNS, type EncryptedColumn } from './encrypted-columns.js';
export { createFieldCipher, dataKeyIdOf, type FieldCipher, type FieldLocation } from './field-cipher.js';
export {
  type Keyring,
  loadExistingKeyring,
  loadKeyring,
  type MasterKey,
  MissingKeyringError,
} from './keyring.js';
export {
  type MasterKeyRotationReport,
  rotateMasterKey,
} from './master-key-rotation.js';
export {
  CHUNK_OVERHEAD,
  createObjectKeys,
  type ObjectKey,
  type ObjectKeys,
  openChunk,
  sealChunk,
} from './object-cipher.js';
export {
  createReencryptionJob,
  type DataKeyScope,
  REENCRYPT_JOB,
  REENCRYPT_SCHEDULE,
  type ReencryptionReport,
  reencryptRetiredValues,
  rotateDataKeys,
} from './reencryption.js';

/**
 * A deployment-wide secret by name, created by `create` (and wrapped by the master key) on first
 * start; every node reads the same one.
 */
export async function loadDeploymentSecret(
  transactor: Transactor,
  keyring: Keyring,
  name: string,
  create: () => Buffer = () => randomBytes(32),
): Promise<Buffer> {
  const purpose = deploymentSecretPurpose(name);
  return transactor.asSystem(async (tx) => {
    let stored = await findDeploymentSecret(tx, name);
    if (!stored) {
      const { masterKeyId, wrapped } = wrapSecret(keyring, purpose, create());
      await insertDeploymentSecret(tx, { name, wrappedValue: wrapped, masterKeyId });
      stored = await findDeploymentSecret(tx, name);
    }
    if (!stored) throw new Error(`The deployment secret ${name} could not be stored`);
    return unwrapSecret(keyring, purpose, stored.masterKeyId, stored.wrappedValue);
  });
}

/** The deployment's blind-index secret, created on first start. */
export const loadBlindIndexSecret = (transactor: Transactor, keyring: Keyring) =>
  loadDeploymentSecret(transactor, keyring, 'blind-index');
