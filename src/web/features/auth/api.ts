import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api } from '../../api/client.js';
import type { Language } from '../../i18n/language.js';
import type { Practitioner, SignedIn } from '../session/session.js';

/** What `POST /api/v1/auth/signup` takes: the required fields, and the optional ones when filled. */
export interface SignUpInput {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  practiceName: string;
  country: string;
  acceptTerms: true;
  address?: string;
  state?: string;
  mobile?: string;
  vatId?: string;
  affiliation?: string;
  language?: Language;
  weightUnit?: 'kg' | 'lb';
}

export interface SignInInput {
  email: string;
  password: string;
  totpCode?: string;
  recoveryCode?: string;
  passkey?: AuthenticationResponseJSON;
}

export interface InvitationSummary {
  practiceName: string;
  email: string;
  role: Practitioner['role'];
}

export interface AcceptInvitationInput {
  token: string;
  firstName: string;
  lastName: string;
  password: string;
  acceptTerms: true;
  language?: Language;
}

/** The identity routes the sign-in pages call, one function per route. */
export const authApi = {
  signUp: (input: SignUpInput) => api<SignedIn>('POST', '/api/v1/auth/signup', input),
  signIn: (input: SignInInput) => api<SignedIn>('POST', '/api/v1/auth/sessions', input),
  passkeyOptions: () => api<PublicKeyCredentialRequestOptionsJSON>('POST', '/api/v1/auth/passkey-options'),
  passkeySignIn: (response: AuthenticationResponseJSON) =>
    api<SignedIn>('POST', '/api/v1/auth/passkey-sessions', { response }),
  requestPasswordReset: (email: string) => api<void>('POST', '/api/v1/auth/password-reset', { email }),
  resetPassword: (token: string, password: string) =>
    api<void>('POST', '/api/v1/auth/password-reset/confirm', { token, password }),
  verifyEmail: (token: string) => api<void>('POST', '/api/v1/auth/email-verification', { token }),
  lookUpInvitation: (token: string) =>
    api<InvitationSummary>('POST', '/api/v1/invitations/lookup', { token }),
  acceptInvitation: (input: AcceptInvitationInput) =>
    api<SignedIn>('POST', '/api/v1/invitations/accept', input),
};
