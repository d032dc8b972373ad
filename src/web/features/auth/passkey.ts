import {
  type AuthenticationResponseJSON,
  browserSupportsWebAuthn,
  startAuthentication,
} from '@simplewebauthn/browser';
import { authApi } from './api.js';

/** Thrown when the person closed the browser's passkey prompt or it timed out: not worth an error. */
export class PasskeyCancelled extends Error {
  constructor() {
    super('The passkey prompt was closed.');
    this.name = 'PasskeyCancelled';
  }
}

/** Whether this browser can offer passkeys at all. */
export const passkeysSupported = () => browserSupportsWebAuthn();

/**
 * Asks the server for a challenge and the browser for an assertion with any passkey of this site
 * (discoverable credentials: the person picks the account in the browser's prompt).
 */
export async function assertPasskey(): Promise<AuthenticationResponseJSON> {
  const optionsJSON = await authApi.passkeyOptions();
  try {
    return await startAuthentication({ optionsJSON });
  } catch (error) {
    // The browser answers a closed prompt, a timeout and "no passkey here" alike, on purpose
    // (SimpleWebAuthn's errors keep the browser's name).
    if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
      throw new PasskeyCancelled();
    }
    throw error;
  }
}
