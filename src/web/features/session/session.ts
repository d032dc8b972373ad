import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, api, setCsrfToken } from '../../api/client.js';

/** The signed-in practitioner, as `GET /api/v1/me` and every sign-in answer it. */
export interface Practitioner {
  id: string;
  email: string;
  emailVerified: boolean;
  firstName: string;
  lastName: string;
  mobile: string | null;
  affiliation: string | null;
  role: 'owner' | 'practitioner' | 'front_desk';
  practiceId: string;
  practiceName: string;
  signInCount: number;
  currentSignInAt: string | null;
  currentSignInIp: string | null;
  lastSignInAt: string | null;
  lastSignInIp: string | null;
  preferences: {
    language: 'en' | 'de';
    weightUnit: 'kg' | 'lb';
    notifications: {
      newMessage: boolean;
      painAlert: boolean;
      outcomeAlert: boolean;
      lockedAccessCode: boolean;
    };
  };
  termsVersion: string | null;
  termsAcceptedAt: string | null;
  mfa: { totp: boolean; passkeys: number };
  /** The practice requires a second factor and this member has none yet: only account security is open. */
  mfaSetupRequired: boolean;
  createdAt: string;
}

/** What every sign-in answers (sign-up, password, passkey, invitation). */
export interface SignedIn {
  practitioner: Practitioner;
  csrfToken: string;
}

export const sessionQueryKey = ['session'] as const;

async function fetchSession(): Promise<Practitioner | null> {
  try {
    const signedIn = await api<SignedIn>('GET', '/api/v1/auth/session');
    setCsrfToken(signedIn.csrfToken);
    return signedIn.practitioner;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

/** The current session: the practitioner, null when signed out, undefined while loading. */
export function useSession() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

/** Sets or clears the session after a sign-in, sign-out or profile change. */
export function useSessionUpdate() {
  const queryClient = useQueryClient();
  return {
    signedIn: useCallback(
      (signedIn: SignedIn) => {
        setCsrfToken(signedIn.csrfToken);
        queryClient.setQueryData(sessionQueryKey, signedIn.practitioner);
      },
      [queryClient],
    ),
    changed: useCallback(
      (practitioner: Practitioner) => queryClient.setQueryData(sessionQueryKey, practitioner),
      [queryClient],
    ),
    signedOut: useCallback(() => {
      setCsrfToken(undefined);
      queryClient.clear();
      queryClient.setQueryData(sessionQueryKey, null);
    }, [queryClient]),
  };
}
