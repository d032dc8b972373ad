// What this phone remembers about passkeys, in localStorage beside the session. Nothing secret: the
// passkey itself lives in the phone's authenticator, these flags only decide what the app offers.

const HAS_PASSKEY_KEY = 'rehabit.patient.passkey';
const OFFER_KEY = 'rehabit.patient.passkeyOffer';

/** The part of localStorage these flags use; tests pass a Map-backed one. */
export type FlagStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** localStorage, or nothing when the browser refuses it (private mode, blocked storage). */
function browserStorage(): FlagStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

// Storage that throws (quota, private mode) only loses a hint: the app works without these flags.
function read(key: string, storage: FlagStorage | undefined): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(key: string, value: string | null, storage: FlagStorage | undefined): void {
  try {
    if (value === null) storage?.removeItem(key);
    else storage?.setItem(key, value);
  } catch {
    // See read.
  }
}

/** Whether a passkey was added (or used) on this phone: the sign-in screen then puts it first. */
export function hasPasskeyOnDevice(storage = browserStorage()): boolean {
  return read(HAS_PASSKEY_KEY, storage) === '1';
}

/** Remembers that this phone holds a passkey for the app; the offer to add one is done with. */
export function rememberPasskey(storage = browserStorage()): void {
  write(HAS_PASSKEY_KEY, '1', storage);
  write(OFFER_KEY, null, storage);
}

/** Forgets the passkey (the server refused it: revoked), so the code is offered first again. */
export function forgetPasskey(storage = browserStorage()): void {
  write(HAS_PASSKEY_KEY, null, storage);
}

/**
 * After a sign-in with the code: opens the one-time offer to add a passkey, unless this phone
 * already has one or the person said "not now" before (then it stays in the settings only).
 */
export function openPasskeyOffer(storage = browserStorage()): void {
  if (hasPasskeyOnDevice(storage) || read(OFFER_KEY, storage) === 'dismissed') return;
  write(OFFER_KEY, 'open', storage);
}

/** Whether the start screen should show the offer to add a passkey. */
export function passkeyOfferOpen(storage = browserStorage()): boolean {
  return read(OFFER_KEY, storage) === 'open';
}

/** "Not now": the offer does not come back on this phone. */
export function dismissPasskeyOffer(storage = browserStorage()): void {
  write(OFFER_KEY, 'dismissed', storage);
}
