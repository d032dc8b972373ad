import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { LogCapture } from '../../testing/app.js';
import { createLogger } from '../logger.js';
import { DecryptionError, open, seal } from './aead.js';
import {
  beginFileRotation,
  dropReplacedFileKeys,
  KEYRING_FILE,
  KEYRING_REFRESH_MS,
  keyIdOf,
  loadKeyring,
  unwrapSecret,
  wrapSecret,
} from './keyring.js';

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'rehabit-keyring-'));

describe('AES-256-GCM sealing', () => {
  const key = randomBytes(32);
  const context = Buffer.from('practices|name|1');

  it('opens what it sealed', () => {
    expect(open(key, seal(key, Buffer.from('knee pain'), context), context).toString()).toBe('knee pain');
  });

  it('uses a fresh nonce for every value', () => {
    const a = seal(key, Buffer.from('same'), context);
    const b = seal(key, Buffer.from('same'), context);
    expect(a.subarray(0, 12).equals(b.subarray(0, 12))).toBe(false);
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a value with one flipped bit', () => {
    const sealed = seal(key, Buffer.from('knee pain'), context);
    sealed[14] = (sealed[14] as number) ^ 1;
    expect(() => open(key, sealed, context)).toThrow(DecryptionError);
  });

  it('refuses a value opened with other associated data or another key', () => {
    const sealed = seal(key, Buffer.from('knee pain'), context);
    expect(() => open(key, sealed, Buffer.from('practices|name|2'))).toThrow(DecryptionError);
    expect(() => open(randomBytes(32), sealed, context)).toThrow(DecryptionError);
  });
});

describe('keyring', () => {
  it('creates a keyring file readable only by its owner and warns that losing it loses the data', () => {
    const dataDir = tempDir();
    const logs = new LogCapture();
    const keyring = loadKeyring({ masterKey: undefined, dataDir }, createLogger({ logLevel: 'info' }, logs));
    const file = path.join(dataDir, KEYRING_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(logs.text).toContain('Losing it loses all encrypted data');
    expect(JSON.parse(readFileSync(file, 'utf8')).active).toBe(keyring.active.id);
  });

  it('reuses the same master key on the next start', () => {
    const dataDir = tempDir();
    const log = createLogger({ logLevel: 'silent' });
    const first = loadKeyring({ masterKey: undefined, dataDir }, log);
    const second = loadKeyring({ masterKey: undefined, dataDir }, log);
    expect(second.active.id).toBe(first.active.id);
    expect(second.active.key.equals(first.active.key)).toBe(true);
  });

  it('prefers MASTER_KEY and still unwraps what the file key wrapped', () => {
    const dataDir = tempDir();
    const log = createLogger({ logLevel: 'silent' });
    const fromFile = loadKeyring({ masterKey: undefined, dataDir }, log);
    const wrapped = wrapSecret(fromFile, 'data-key/x', Buffer.from('secret'));
    const fromEnv = loadKeyring({ masterKey: randomBytes(32), dataDir }, log);
    expect(fromEnv.active.id).not.toBe(fromFile.active.id);
    expect(unwrapSecret(fromEnv, 'data-key/x', wrapped.masterKeyId, wrapped.wrapped).toString()).toBe(
      'secret',
    );
  });

  it('does not unwrap a secret for another purpose', () => {
    const keyring = loadKeyring(
      { masterKey: randomBytes(32), dataDir: tempDir() },
      createLogger({ logLevel: 'silent' }),
    );
    const wrapped = wrapSecret(keyring, 'data-key/a', randomBytes(32));
    expect(() => unwrapSecret(keyring, 'data-key/b', wrapped.masterKeyId, wrapped.wrapped)).toThrow(
      DecryptionError,
    );
  });

  it('lets a running node see a rotation of the keyring file: the new key wraps, the old one unwraps', async () => {
    const dataDir = tempDir();
    const log = createLogger({ logLevel: 'silent' });
    const running = loadKeyring({ masterKey: undefined, dataDir }, log);
    const before = wrapSecret(running, 'data-key/x', Buffer.from('secret'));
    const rotation = beginFileRotation(dataDir, new Date());
    expect(rotation).toMatchObject({ started: true, replacedIds: [before.masterKeyId] });
    // Asked for a key it has not seen, the node reads the file at once; the active key within a second.
    expect(running.find(rotation.activeId)?.id).toBe(rotation.activeId);
    await new Promise((resolve) => setTimeout(resolve, KEYRING_REFRESH_MS + 50));
    expect(running.active.id).toBe(rotation.activeId);
    expect(unwrapSecret(running, 'data-key/x', before.masterKeyId, before.wrapped).toString()).toBe('secret');
    // Begun again before it finished: the same rotation resumes.
    expect(beginFileRotation(dataDir, new Date())).toMatchObject({
      started: false,
      activeId: rotation.activeId,
    });
    expect(dropReplacedFileKeys(dataDir)).toEqual([before.masterKeyId]);
    expect(Object.keys(JSON.parse(readFileSync(path.join(dataDir, KEYRING_FILE), 'utf8')).keys)).toEqual([
      rotation.activeId,
    ]);
    expect(statSync(path.join(dataDir, KEYRING_FILE)).mode & 0o777).toBe(0o600);
  });

  it('unwraps with MASTER_KEY_PREVIOUS but wraps only with MASTER_KEY', () => {
    const [old, next] = [randomBytes(32), randomBytes(32)];
    const config = loadConfig({
      DATA_DIR: tempDir(),
      MASTER_KEY: next.toString('base64'),
      MASTER_KEY_PREVIOUS: ` ${old.toString('base64')} `,
    });
    expect(config.previousMasterKeys.map(keyIdOf)).toEqual([keyIdOf(old)]);
    const keyring = loadKeyring(config, createLogger({ logLevel: 'silent' }));
    expect(keyring.active.id).toBe(keyIdOf(next));
    expect(keyring.find(keyIdOf(old))?.key.equals(old)).toBe(true);
    expect(() => loadConfig({ MASTER_KEY_PREVIOUS: 'not a key' })).toThrow(/MASTER_KEY_PREVIOUS/);
    // The message names the variable, never the value (it may be a real key mistyped).
    let message = '';
    try {
      loadConfig({ MASTER_KEY_PREVIOUS: 'not a key' });
    } catch (error) {
      message = String(error);
    }
    expect(message).not.toContain('not a key');
  });
});
