import { WebAuthnError } from '@simplewebauthn/browser';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type en from '../../i18n/locales/en/account.json';

type CodeKey = keyof (typeof en)['errors']['codes'];
type FieldKey = keyof (typeof en)['errors']['fields'];

// The server words field problems in English only; these patterns recognise the ones this page meets,
// so they can be shown in the UI language. Anything else is shown as the server wrote it.
const fieldMessages: [RegExp, FieldKey][] = [
  [/^This is not your current password/, 'wrongPassword'],
  [/^Use at least (\d+) characters/, 'passwordTooShort'],
  [/^Use at most (\d+) characters\.$/, 'tooLong'],
  [/common or leaked passwords/, 'passwordCommon'],
  [/must not contain your email address/, 'passwordContainsEmail'],
  [/must not contain your first or last name/, 'passwordContainsName'],
  [/^This code is not right/, 'wrongCode'],
  [/international format with country code/, 'mobileFormat'],
  [/^This field is required/, 'required'],
  [/^Enter a valid email address/, 'email'],
  [/^Give the key a name/, 'apiKeyName'],
];

function isCancelled(error: unknown): boolean {
  const cause = error instanceof WebAuthnError ? error.cause : error;
  const name = cause instanceof Error ? cause.name : undefined;
  return (
    name === 'NotAllowedError' ||
    name === 'AbortError' ||
    (error instanceof WebAuthnError && error.code === 'ERROR_CEREMONY_ABORTED')
  );
}

/**
 * Turns what an action threw into a sentence in the UI language: known server error codes and
 * browser passkey errors are translated; other server errors keep the server's message.
 */
export function useErrorText() {
  const { t, i18n } = useTranslation('account');
  return useMemo(() => {
    const translateField = (message: string): string => {
      for (const [pattern, key] of fieldMessages) {
        const match = pattern.exec(message);
        if (match) return t(`errors.fields.${key}`, { count: Number(match[1] ?? 0) });
      }
      return message;
    };
    return {
      /** The sentence to show for a failed action. */
      message(error: unknown): string {
        if (error instanceof ApiError) {
          if (error.code === 'validation_failed' && error.details.length > 0) {
            return error.details.map((detail) => translateField(detail.message)).join(' ');
          }
          if (i18n.exists(`account:errors.codes.${error.code}`)) {
            return t(`errors.codes.${error.code as CodeKey}`);
          }
          return error.message;
        }
        if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
          return t('errors.passkeyAlreadyRegistered');
        }
        if (isCancelled(error)) return t('errors.passkeyCancelled');
        if (error instanceof WebAuthnError) return t('errors.passkeyFailed');
        return t('errors.unexpected');
      },
      /** The problem the server found with one field, for an input's `error` prop. */
      field(error: unknown, field: string): string | undefined {
        if (!(error instanceof ApiError)) return undefined;
        const problem = error.details.find((detail) => detail.field === field);
        return problem ? translateField(problem.message) : undefined;
      },
      /** A field problem's message translated, when it is one this page knows. */
      translateField,
    };
  }, [t, i18n]);
}

export type ErrorText = ReturnType<typeof useErrorText>;

/** An Alert-ready message for a failed action, or nothing: validation problems show at their fields. */
export function actionError(errors: ErrorText, error: unknown, fields: string[]): string | undefined {
  if (!error) return undefined;
  if (
    error instanceof ApiError &&
    error.code === 'validation_failed' &&
    error.details.length > 0 &&
    error.details.every((detail) => fields.includes(detail.field))
  ) {
    return undefined;
  }
  return errors.message(error);
}
