import { describe, expect, it } from 'vitest';
import {
  dismissPasskeyOffer,
  type FlagStorage,
  forgetPasskey,
  hasPasskeyOnDevice,
  openPasskeyOffer,
  passkeyOfferOpen,
  rememberPasskey,
} from './passkeyDevice.js';

function memoryStorage(): FlagStorage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

describe('passkey flags on this phone', () => {
  it('opens the offer after a code sign-in and closes it once a passkey is added', () => {
    const storage = memoryStorage();
    openPasskeyOffer(storage);
    expect(passkeyOfferOpen(storage)).toBe(true);
    rememberPasskey(storage);
    expect(hasPasskeyOnDevice(storage)).toBe(true);
    expect(passkeyOfferOpen(storage)).toBe(false);
  });

  it('does not offer again once dismissed, nor while the phone has a passkey', () => {
    const dismissed = memoryStorage();
    openPasskeyOffer(dismissed);
    dismissPasskeyOffer(dismissed);
    openPasskeyOffer(dismissed);
    expect(passkeyOfferOpen(dismissed)).toBe(false);

    const withPasskey = memoryStorage();
    rememberPasskey(withPasskey);
    openPasskeyOffer(withPasskey);
    expect(passkeyOfferOpen(withPasskey)).toBe(false);
  });

  it('offers again after a refused passkey was forgotten', () => {
    const storage = memoryStorage();
    rememberPasskey(storage);
    forgetPasskey(storage);
    expect(hasPasskeyOnDevice(storage)).toBe(false);
    openPasskeyOffer(storage);
    expect(passkeyOfferOpen(storage)).toBe(true);
  });

  it('treats storage that throws as having no flags', () => {
    const broken: FlagStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => rememberPasskey(broken)).not.toThrow();
    expect(hasPasskeyOnDevice(broken)).toBe(false);
    expect(hasPasskeyOnDevice(undefined)).toBe(false);
  });
});
