import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogCapture } from '../../testing/app.js';
import { createLogger } from '../logger.js';
import { DecryptionError, open, seal } from './aead.js';
import { KEYRING_FILE, loadKeyring, unwrapSecret, wrapSecret } from './keyring.js';

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
});
