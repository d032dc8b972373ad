import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import type { Language } from '../../i18n/language.js';
import { type Practitioner, useSession, useSessionUpdate } from './session.js';

/** Signs out on the server, forgets everything cached, and goes to the sign-in page. */
export function useSignOut() {
  const { signedOut } = useSessionUpdate();
  const navigate = useNavigate();
  const finish = () => {
    // Cleared first: the sign-in page must not see the old session and bounce back.
    signedOut();
    void navigate('/sign-in', { replace: true });
  };
  return useMutation({
    mutationFn: () => api<void>('DELETE', '/api/v1/auth/sessions/current'),
    onSuccess: finish,
    onError: (error) => {
      // The session had already ended (expired, or signed out elsewhere): the goal is reached.
      if (error instanceof ApiError && error.status === 401) finish();
    },
  });
}

/**
 * Saves a language choice to the signed-in practitioner's profile, so mail and the next sign-in on
 * another device use it. Best effort: the switch itself already happened in this browser.
 */
export function useSaveLanguage(): (language: Language) => void {
  const session = useSession();
  const { changed } = useSessionUpdate();
  const save = useMutation({
    mutationFn: (language: Language) =>
      api<Practitioner>('PATCH', '/api/v1/me', { preferences: { language } }),
    onSuccess: changed,
  });
  return (language: Language) => {
    const practitioner = session.data;
    // Profile changes are closed until a required second factor is set up.
    if (!practitioner || practitioner.mfaSetupRequired) return;
    if (practitioner.preferences.language !== language) save.mutate(language);
  };
}

/** Sends the email confirmation link again. */
export function useResendVerification() {
  return useMutation({ mutationFn: () => api<void>('POST', '/api/v1/me/email-verification') });
}
