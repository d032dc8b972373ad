import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
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
  /** When `active` became active (ISO 8601): `keys rotate` waits for running nodes to notice it. */
  activeSince?: string;
  /** The active key and, during a rotation, the ones it replaces (they only unwrap). */
  keys: Record<string, string>;
}

export const KEYRING_FILE = 'keyring.json';

/**
 * How often a running node looks at the keyring file for a rotation (a new active key, an old one
 * dropped). `keys rotate` waits several of these before it trusts that every node wraps with the new key.
 */
export const KEYRING_REFRESH_MS = 1000;

/** A stable, non-secret id for a key: a prefix of its SHA-256. */
export const keyIdOf = (key: Buffer) => `mk-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

const wrapContext = (purpose: string) => Buffer.from(`rehabit/wrap/${purpose}`);

/** What a deployment secret's wrapping is bound to: its name. */
export const deploymentSecretPurpose = (name: string) => `secret/${name}`;

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
 * The deployment's keyring, never a new one: for commands that seal or open archives outside the server
 * (PostgreSQL runs the WAL commands in its own environment), where a key made up on the spot would seal
 * an archive nobody can open later.
 */
export function loadExistingKeyring(
  options: { masterKey: Buffer | undefined; previousMasterKeys?: Buffer[]; dataDir: string },
  log: Logger,
): Keyring {
  if (!options.masterKey && !existsSync(path.join(options.dataDir, KEYRING_FILE)))
    throw new MissingKeyringError(options.dataDir);
  return loadKeyring(options, log);
}

export class MissingKeyringError extends Error {
  constructor(dataDir: string) {
    super(
      `No master key: MASTER_KEY is not set and ${dataDir} holds no keyring. Give this command the ` +
        "deployment's MASTER_KEY (or its DATA_DIR); it never makes a new key.",
    );
    this.name = 'MissingKeyringError';
  }
}

/**
 * MASTER_KEY from the environment wins; otherwise the keyring file under the data directory, created
 * on first start. Keys from the file and MASTER_KEY_PREVIOUS stay usable for unwrapping, so values
 * wrapped before a move to MASTER_KEY or before a rotation keep opening until `keys rotate` re-wraps them.
 * The file is read again when it changes, so a rotation started by `keys rotate` reaches a running node.
 */
export function loadKeyring(
  options: { masterKey: Buffer | undefined; previousMasterKeys?: Buffer[]; dataDir: string },
  log: Logger,
): Keyring {
  const file = path.join(options.dataDir, KEYRING_FILE);
  if (!options.masterKey && !existsSync(file)) createKeyringFile(options.dataDir, log);

  let keys = new Map<string, Buffer>();
  let activeId = '';
  let fileVersion = '';
  let checkedAt = 0;

  const load = () => {
    const next = new Map<string, Buffer>();
    let nextActive: string | undefined;
    if (existsSync(file)) {
      const stat = statSync(file);
      fileVersion = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
      const stored = readKeyringFile(file);
      for (const [id, value] of Object.entries(stored.keys)) next.set(id, Buffer.from(value, 'base64'));
      nextActive = stored.active;
      if ((stat.mode & 0o077) !== 0) {
        log.warn({ file }, 'the keyring file is readable by other users; run: chmod 600 on it');
      }
    } else {
      fileVersion = '';
    }
    for (const key of options.previousMasterKeys ?? []) next.set(keyIdOf(key), key);
    if (options.masterKey) {
      nextActive = keyIdOf(options.masterKey);
      next.set(nextActive, options.masterKey);
    }
    if (!nextActive || !next.has(nextActive)) {
      throw new Error(`The keyring's active key ${nextActive ?? '(none)'} is missing from ${file}`);
    }
    keys = next;
    activeId = nextActive;
  };

  // A stat at most once per interval: wrapping and unwrapping stay in memory between checks.
  const refresh = (force = false) => {
    const now = Date.now();
    if (!force && now - checkedAt < KEYRING_REFRESH_MS) return;
    checkedAt = now;
    const stat = existsSync(file) ? statSync(file) : undefined;
    const version = stat ? `${stat.mtimeMs}:${stat.size}:${stat.ino}` : '';
    if (version === fileVersion) return;
    try {
      load();
    } catch (error) {
      // A half-edited file must not take a running node down: keep what it had, and say so.
      log.error(
        { err: error, file },
        'the keyring file changed but could not be read; keeping the keys in memory',
      );
    }
  };

  load();
  checkedAt = Date.now();
  return {
    get active() {
      refresh();
      return { id: activeId, key: keys.get(activeId) as Buffer };
    },
    find: (id) => {
      refresh();
      // A key this node has not seen yet: a rotation may have just added it.
      if (!keys.has(id)) refresh(true);
      const key = keys.get(id);
      return key ? { id, key } : undefined;
    },
  };
}

function createKeyringFile(dataDir: string, log: Logger) {
  const file = path.join(dataDir, KEYRING_FILE);
  const key = randomBytes(32);
  const id = keyIdOf(key);
  mkdirSync(dataDir, { recursive: true });
  const content: KeyringFile = {
    format: 'rehabit-keyring/1',
    active: id,
    activeSince: new Date().toISOString(),
    keys: { [id]: key.toString('base64') },
  };
  writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  log.warn(
    { file },
    'CREATED A NEW MASTER KEY. Every encrypted field depends on this file: back it up apart from the data. ' +
      'Losing it loses all encrypted data. In production set MASTER_KEY or use a KMS.',
  );
}

/** Where a master-key rotation of the keyring file stands: the new active key and the keys it replaces. */
export interface FileRotation {
  activeId: string;
  activeSince: Date;
  replacedIds: string[];
  /** True when this call created the new key; false when it resumes a rotation already begun. */
  started: boolean;
}

/**
 * Begins a rotation in the keyring file: a new key becomes active and the others stay for unwrapping.
 * When the file already holds more than one key, a rotation was interrupted: it is resumed, not begun again.
 */
export function beginFileRotation(dataDir: string, now: Date): FileRotation {
  const file = path.join(dataDir, KEYRING_FILE);
  const stored = readKeyringFile(file);
  const others = Object.keys(stored.keys).filter((id) => id !== stored.active);
  if (others.length > 0) {
    return {
      activeId: stored.active,
      activeSince: new Date(stored.activeSince ?? statSync(file).mtime),
      replacedIds: others,
      started: false,
    };
  }
  const key = randomBytes(32);
  const id = keyIdOf(key);
  writeKeyringFile(file, {
    format: 'rehabit-keyring/1',
    active: id,
    activeSince: now.toISOString(),
    keys: { ...stored.keys, [id]: key.toString('base64') },
  });
  return { activeId: id, activeSince: now, replacedIds: Object.keys(stored.keys), started: true };
}

/** Ends a rotation: only the active key stays in the file. Call once nothing is wrapped by the others. */
export function dropReplacedFileKeys(dataDir: string): string[] {
  const file = path.join(dataDir, KEYRING_FILE);
  const stored = readKeyringFile(file);
  const active = stored.keys[stored.active];
  if (!active) throw new Error(`The keyring's active key ${stored.active} is missing from ${file}`);
  const dropped = Object.keys(stored.keys).filter((id) => id !== stored.active);
  if (dropped.length > 0) writeKeyringFile(file, { ...stored, keys: { [stored.active]: active } });
  return dropped;
}

/** The ids of the keys in the keyring file, the active one first; none when there is no file. */
export function fileKeyIds(dataDir: string): string[] {
  const file = path.join(dataDir, KEYRING_FILE);
  if (!existsSync(file)) return [];
  const stored = readKeyringFile(file);
  return [stored.active, ...Object.keys(stored.keys).filter((id) => id !== stored.active)];
}

// Written aside and renamed over the old file, so a reader never sees half a keyring.
function writeKeyringFile(file: string, content: KeyringFile) {
  const aside = `${file}.${process.pid}.tmp`;
  writeFileSync(aside, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  renameSync(aside, file);
}

function readKeyringFile(file: string): KeyringFile {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeyringFile>;
  if (parsed.format !== 'rehabit-keyring/1' || typeof parsed.active !== 'string' || !parsed.keys) {
    throw new Error(`${file} is not a Rehabit keyring`);
  }
  return parsed as KeyringFile;
}
