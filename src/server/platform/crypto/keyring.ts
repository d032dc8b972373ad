import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { open, seal } from './aead.js';

/** A key-encryption key. Data keys are wrapped by it; it never encrypts a field itself. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The master keys this node can use: the active one wraps new data keys, the others only unwrap. */
export interface Keyring {
  active: MasterKey;
  find(id: string): MasterKey | undefined;
}

interface KeyringFile {
  format: 'rehabit-keyring/1';
  active: string;
  keys: Record<string, string>;
}

export const KEYRING_FILE = 'keyring.json';

/** A stable, non-secret id for a key: a prefix of its SHA-256. */
const keyIdOf = (key: Buffer) => `mk-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

const wrapContext = (purpose: string) => Buffer.from(`rehabit/wrap/${purpose}`);

/** Wraps a secret (a data key, the blind-index secret) under the active master key. */
export function wrapSecret(keyring: Keyring, purpose: string, secret: Buffer) {
  return {
    masterKeyId: keyring.active.id,
    wrapped: seal(keyring.active.key, secret, wrapContext(purpose)).toString('base64'),
  };
}

/** Unwraps a secret; the purpose must match the one it was wrapped for. */
export function unwrapSecret(
  keyring: Keyring,
  purpose: string,
  masterKeyId: string,
  wrapped: string,
): Buffer {
  const master = keyring.find(masterKeyId);
  if (!master) throw new Error(`Master key ${masterKeyId} is not in the keyring`);
  return open(master.key, Buffer.from(wrapped, 'base64'), wrapContext(purpose));
}

/**
 * MASTER_KEY from the environment wins; otherwise the keyring file under the data directory, created
 * on first start. Keys from the file stay usable for unwrapping when an operator moves to MASTER_KEY.
 */
export function loadKeyring(
  options: { masterKey: Buffer | undefined; dataDir: string },
  log: Logger,
): Keyring {
  const file = path.join(options.dataDir, KEYRING_FILE);
  const keys = new Map<string, Buffer>();
  let activeId: string | undefined;

  if (existsSync(file)) {
    const stored = readKeyringFile(file);
    for (const [id, value] of Object.entries(stored.keys)) keys.set(id, Buffer.from(value, 'base64'));
    activeId = stored.active;
    if ((statSync(file).mode & 0o077) !== 0) {
      log.warn({ file }, 'the keyring file is readable by other users; run: chmod 600 on it');
    }
  }
  if (options.masterKey) {
    activeId = keyIdOf(options.masterKey);
    keys.set(activeId, options.masterKey);
  } else if (!activeId) {
    const key = randomBytes(32);
    activeId = keyIdOf(key);
    keys.set(activeId, key);
    mkdirSync(options.dataDir, { recursive: true });
    const content: KeyringFile = {
      format: 'rehabit-keyring/1',
      active: activeId,
      keys: { [activeId]: key.toString('base64') },
    };
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    log.warn(
      { file },
      'CREATED A NEW MASTER KEY. Every encrypted field depends on this file: back it up apart from the data. ' +
        'Losing it loses all encrypted data. In production set MASTER_KEY or use a KMS.',
    );
  }
  const active = keys.get(activeId);
  if (!active) throw new Error(`The keyring's active key ${activeId} is missing from ${file}`);
  return {
    active: { id: activeId, key: active },
    find: (id) => {
      const key = keys.get(id);
      return key ? { id, key } : undefined;
    },
  };
}

function readKeyringFile(file: string): KeyringFile {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyringFile>;
  if (parsed.format !== 'rehabit-keyring/1' || typeof parsed.active !== 'string' || !parsed.keys) {
    throw new Error(`${file} is not a Rehabit keyring`);
  }
  return parsed as KeyringFile;
}
