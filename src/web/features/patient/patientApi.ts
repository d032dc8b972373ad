import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { ApiError, type FieldProblem } from '../../api/client.js';
import { clearSession, getSession } from './session.js';
import type {
  AdherenceEntry,
  AdherenceEntryBody,
  PatientMe,
  PatientProgram,
  PatientSession,
  Regions,
  ReminderSettings,
  ReminderSettingsBody,
} from './types.js';

/** Set by the service worker on an answer it took from its cache because the network failed. */
export const OFFLINE_HEADER = 'x-rehabit-offline';

interface RequestOptions {
  body?: unknown;
  /** Sign-in answers 401 for a wrong code: that must not end a session that does not exist yet. */
  anonymous?: boolean;
}

async function toApiError(response: Response): Promise<ApiError> {
  let error: { code?: string; message?: string; details?: FieldProblem[] } | undefined;
  try {
    error = ((await response.json()) as { error?: typeof error }).error;
  } catch {
    error = undefined;
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(
    response.status,
    error?.code ?? 'unexpected',
    error?.message ?? `The server answered ${response.status}.`,
    error?.details ?? [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

/** Calls /api/v1/patient/* (and the public regions list) with the bearer token; throws ApiError. */
export async function patientFetch(method: string, path: string, options: RequestOptions = {}) {
  const headers: Record<string, string> = { accept: 'application/json' };
  const session = options.anonymous ? null : getSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'omit',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  if (response.ok) return response;
  const error = await toApiError(response);
  // The token expired or the practitioner signed this device out: back to the sign-in.
  if (error.status === 401 && session && getSession()?.token === session.token) clearSession();
  throw error;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await patientFetch(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Today's program with a flag for an answer the service worker served from its offline copy. */
export interface LoadedProgram extends PatientProgram {
  fromOfflineCopy: boolean;
}

export const patientApi = {
  regions: () => json<Regions>('GET', '/api/v1/regions', { anonymous: true }),
  signIn: (accessCode: string, yearOfBirth?: number) =>
    json<PatientSession>('POST', '/api/v1/patient/sessions', {
      anonymous: true,
      body: yearOfBirth === undefined ? { accessCode } : { accessCode, yearOfBirth },
    }),
  // A passkey on this phone for the signed-in client (challenge, then the authenticator's answer).
  passkeyRegistrationOptions: () =>
    json<PublicKeyCredentialCreationOptionsJSON>('POST', '/api/v1/patient/passkeys/options'),
  addPasskey: (response: RegistrationResponseJSON) =>
    json<{ id: string; createdAt: string }>('POST', '/api/v1/patient/passkeys', { body: { response } }),
  // Signing in with it: anonymous, like the code (a refused passkey must not end another session).
  passkeySignInOptions: () =>
    json<PublicKeyCredentialRequestOptionsJSON>('POST', '/api/v1/patient/passkey/options', {
      anonymous: true,
    }),
  passkeySignIn: (response: AuthenticationResponseJSON) =>
    json<PatientSession>('POST', '/api/v1/patient/passkey/sessions', { anonymous: true, body: { response } }),
  me: () => json<PatientMe>('GET', '/api/v1/patient/me'),
  signOut: () => json<void>('DELETE', '/api/v1/patient/sessions/current'),
  async program(date: string): Promise<LoadedProgram> {
    const response = await patientFetch('GET', `/api/v1/patient/program?date=${date}`);
    const body = (await response.json()) as PatientProgram;
    return { ...body, fromOfflineCopy: response.headers.get(OFFLINE_HEADER) === '1' };
  },
  history: (from: string, to: string) =>
    json<{ items: AdherenceEntry[] }>('GET', `/api/v1/patient/adherence?from=${from}&to=${to}`),
  log: (entries: AdherenceEntryBody[]) =>
    json<{ created: number; items: AdherenceEntry[] }>('POST', '/api/v1/patient/adherence', {
      body: { entries },
    }),
  reminders: () => json<ReminderSettings>('GET', '/api/v1/patient/reminders'),
  saveReminders: (body: ReminderSettingsBody) =>
    json<ReminderSettings>('PUT', '/api/v1/patient/reminders', { body }),
  pushPublicKey: () => json<{ publicKey: string }>('GET', '/api/v1/patient/push/public-key'),
  subscribePush: (subscription: PushSubscriptionJSON) =>
    json<void>('POST', '/api/v1/patient/push-subscriptions', { body: subscription }),
  unsubscribePush: (endpoint: string) =>
    json<void>('DELETE', '/api/v1/patient/push-subscriptions', { body: { endpoint } }),
};

/** The query keys of the patient app. */
export const patientKeys = {
  me: ['patient', 'me'] as const,
  regions: ['patient', 'regions'] as const,
  // The program comes in the client's language from their record, whatever the app's language.
  program: (date: string) => ['patient', 'program', date] as const,
  history: (month: string) => ['patient', 'history', month] as const,
  reminders: ['patient', 'reminders'] as const,
};
