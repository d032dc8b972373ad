import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { switchLanguage } from '../../i18n/setup.js';
import { type SignedIn, useSessionUpdate } from '../session/session.js';
import { safeNextPath } from './nextPath.js';

/**
 * After any successful sign-in (password, passkey, sign-up, invitation): keep the session, adopt the
 * language saved in the profile, and go where the user was headed (`?next=`) or home.
 */
export function useCompleteSignIn(): (signedIn: SignedIn) => void {
  const { signedIn } = useSessionUpdate();
  const { i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  return useCallback(
    (answer: SignedIn) => {
      signedIn(answer);
      const language = answer.practitioner.preferences.language;
      if (language !== i18n.resolvedLanguage) void switchLanguage(i18n, language);
      void navigate(safeNextPath(next), { replace: true });
    },
    [signedIn, i18n, navigate, next],
  );
}
