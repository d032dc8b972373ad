import {
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import { ApiError } from '../../../api/client.js';
import { patientApi } from '../patientApi.js';
import type { PatientSession } from '../types.js';
import { forgetPasskey, rememberPasskey } from './passkeyDevice.js';

/** The server, the browser's WebAuthn and the phone's flags, passed in so tests can stand in for them. */
export interface PasskeyEnvironment {
  registrationOptions(): Promise<PublicKeyCredentialCreationOptionsJSON>;
  register(optionsJSON: PublicKeyCredentialCreationOptionsJSON): Promise<RegistrationResponseJSON>;
  save(response: RegistrationResponseJSON): Promise<unknown>;
  signInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON>;
  authenticate(optionsJSON: PublicKeyCredentialRequestOptionsJSON): Promise<AuthenticationResponseJSON>;
  signIn(response: AuthenticationResponseJSON): Promise<PatientSession>;
  remember(): void;
  forget(): void;
}

/** The real thing: the patient API, SimpleWebAuthn and localStorage. */
export const browserPasskeys: PasskeyEnvironment = {
  registrationOptions: patientApi.passkeyRegistrationOptions,
  register: (optionsJSON) => startRegistration({ optionsJSON }),
  save: patientApi.addPasskey,
  signInOptions: patientApi.passkeySignInOptions,
  authenticate: (optionsJSON) => startAuthentication({ optionsJSON }),
  signIn: patientApi.passkeySignIn,
  remember: () => rememberPasskey(),
  forget: () => forgetPasskey(),
};

/** Why adding a passkey did not work; `cancelled` is said to nobody (the person closed the prompt). */
export type AddPasskeyProblem = 'cancelled' | 'exists' | 'invalid' | 'offline' | 'failed';

export type AddPasskeyOutcome = { ok: true } | { ok: false; problem: AddPasskeyProblem };

// The browser answers a closed prompt, a timeout and "no passkey here" alike, on purpose; SimpleWebAuthn
// keeps the browser's error name.
const isCancel = (error: unknown) =>
  error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError');

/** Creates a passkey on this phone for the signed-in client and stores its public key on the server. */
export async function addPasskey(env: PasskeyEnvironment = browserPasskeys): Promise<AddPasskeyOutcome> {
  let response: RegistrationResponseJSON;
  try {
    response = await env.register(await env.registrationOptions());
  } catch (error) {
    if (isCancel(error)) return { ok: false, problem: 'cancelled' };
    // The authenticator already holds a passkey of this client (the server listed it as excluded).
    if (error instanceof Error && error.name === 'InvalidStateError') {
      env.remember();
      return { ok: false, problem: 'exists' };
    }
    return { ok: false, problem: problemOf(error) };
  }
  try {
    await env.save(response);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'passkey_exists') env.remember();
    return { ok: false, problem: problemOf(error) };
  }
  env.remember();
  return { ok: true };
}

function problemOf(error: unknown): AddPasskeyProblem {
  if (!(error instanceof ApiError)) return 'failed';
  if (error.code === 'network_error') return 'offline';
  if (error.code === 'passkey_exists') return 'exists';
  if (error.code === 'invalid_passkey') return 'invalid';
  return 'failed';
}

/**
 * Signs in with a passkey of this site: the session, or null when the person closed the prompt.
 * Throws the server's ApiError otherwise; a refused passkey (revoked) is forgotten on this phone.
 */
export async function signInWithPasskey(
  env: PasskeyEnvironment = browserPasskeys,
): Promise<PatientSession | null> {
  const options = await env.signInOptions();
  let response: AuthenticationResponseJSON;
  try {
    response = await env.authenticate(options);
  } catch (error) {
    if (isCancel(error)) return null;
    throw error;
  }
  try {
    const session = await env.signIn(response);
    env.remember();
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_passkey') env.forget();
    throw error;
  }
}
