import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client.js';
import { type Practitioner, useSessionUpdate } from '../session/session.js';

/** A passkey registered to the signed-in practitioner. */
export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** Synced to a cloud account (iCloud Keychain, Google Password Manager…), so it survives a lost device. */
  backedUp: boolean;
}

/** A browser signed in to this account. */
export interface AccountSession {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface SignInAttempt {
  at: string;
  ip: string | null;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  /** PNG data URL of the otpauth URI. */
  qrCode: string;
}

interface Items<T> {
  items: T[];
}

export const accountKeys = {
  passkeys: ['me', 'passkeys'] as const,
  sessions: ['me', 'sessions'] as const,
  signInAttempts: ['me', 'sign-in-attempts'] as const,
};

export function usePasskeys() {
  return useQuery({
    queryKey: accountKeys.passkeys,
    queryFn: async () => (await api<Items<Passkey>>('GET', '/api/v1/me/passkeys')).items,
  });
}

export function useAccountSessions() {
  return useQuery({
    queryKey: accountKeys.sessions,
    queryFn: async () => (await api<Items<AccountSession>>('GET', '/api/v1/me/sessions')).items,
  });
}

export function useSignInAttempts() {
  return useQuery({
    queryKey: accountKeys.signInAttempts,
    queryFn: async () => (await api<Items<SignInAttempt>>('GET', '/api/v1/me/sign-in-attempts')).items,
  });
}

/** Reloads the practitioner after a change elsewhere (a second factor added or removed) into the session. */
export function useRefreshMe() {
  const { changed } = useSessionUpdate();
  return useCallback(async () => {
    changed(await api<Practitioner>('GET', '/api/v1/me'));
  }, [changed]);
}
