import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';

// Server codes with a message of our own, in the user's language; others show the server's message.
const simpleCodes = [
  'invalid_credentials',
  'mfa_required',
  'invalid_second_factor',
  'invalid_passkey',
  'csrf_failed',
  'validation_failed',
  'email_taken',
  'invitation_invalid',
  'invalid_token',
  'mfa_setup_required',
  'unauthenticated',
  'network_error',
  'internal_error',
  'unexpected',
] as const;
type SimpleCode = (typeof simpleCodes)[number];

const isSimpleCode = (code: string): code is SimpleCode => (simpleCodes as readonly string[]).includes(code);

/** Whole minutes to wait, from a Retry-After in seconds (never "0 minutes"). */
export const minutesToWait = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * The message to show for a failed identity call, in the user's language: our translation for the
 * codes we know (with the wait in minutes for `locked` and `rate_limited`), else the server's words.
 */
export function useAuthErrorMessage(): (error: unknown) => string | undefined {
  const { t } = useTranslation('auth');
  return useCallback(
    (error: unknown) => {
      if (!error) return undefined;
      if (!(error instanceof ApiError)) return t('errors.unexpected');
      const { code, retryAfter } = error;
      if (code === 'locked') {
        return retryAfter
          ? t('errors.locked', { count: minutesToWait(retryAfter) })
          : t('errors.lockedNoTime');
      }
      if (code === 'rate_limited') {
        return retryAfter
          ? t('errors.rate_limited', { count: minutesToWait(retryAfter) })
          : t('errors.rateLimitedNoTime');
      }
      if (isSimpleCode(code)) return t(`errors.${code}`);
      if (error.status >= 500) return t('errors.internal_error');
      return error.message;
    },
    [t],
  );
}
