import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Raised whenever a sealed value does not open: wrong key, altered bytes or different associated data. */
export class DecryptionError extends Error {
  constructor() {
    super('A protected value could not be decrypted: wrong key, or it was altered or moved.');
    this.name = 'DecryptionError';
  }
}

/** AES-256-GCM with a fresh 96-bit nonce; returns nonce ‖ ciphertext ‖ tag. */
export function seal(key: Buffer, plaintext: Buffer, associatedData: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(associatedData);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

/** Opens what seal() produced, or throws DecryptionError. */
export function open(key: Buffer, sealed: Buffer, associatedData: Buffer): Buffer {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new DecryptionError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
    decipher.setAAD(associatedData);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new DecryptionError();
  }
}
