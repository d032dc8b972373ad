import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../api/client.js';

export type FieldMessageKey =
  | 'required'
  | 'email'
  | 'passwordRequired'
  | 'passwordTooShort'
  | 'passwordTooLong'
  | 'passwordCommon'
  | 'passwordContainsEmail'
  | 'passwordContainsName'
  | 'notCurrentPassword'
  | 'practiceName'
  | 'mobile'
  | 'terms';

// The server names a field's problem in English only (details carry no code), so its known texts are
// matched here to show them in the user's language; an unknown text is shown as the server wrote it.
export const knownServerMessages: Record<string, FieldMessageKey> = {
  'This field is required.': 'required',
  'Enter a valid email address.': 'email',
  'Enter a password.': 'passwordRequired',
  'Use at least 12 characters. A few unrelated words make a strong, memorable password.': 'passwordTooShort',
  'Use at most 128 characters.': 'passwordTooLong',
  'This password is on a list of common or leaked passwords. Please choose another one.': 'passwordCommon',
  'Your password must not contain your email address or its name part.': 'passwordContainsEmail',
  'Your password must not contain your first or last name.': 'passwordContainsName',
  'This is not your current password.': 'notCurrentPassword',
  'Enter the name of your practice.': 'practiceName',
  'Use the international format with country code, e.g. +447700900123.': 'mobile',
  'Please agree to the terms of service.': 'terms',
};

/** A server's field message in the user's language when we know it, else as the server wrote it. */
export function useTranslateFieldMessage(): (message: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (message: string) => {
      const key = knownServerMessages[message];
      return key ? t(`fieldMessages.${key}`) : message;
    },
    [t],
  );
}

/**
 * For a form's inputs: the translated problem the server named for `field` in the last error, if any.
 * Use as `error={fieldMessage(mutation.error, 'email')}`.
 */
export function useFieldMessage(): (error: unknown, field: string) => string | undefined {
  const translate = useTranslateFieldMessage();
  return useCallback(
    (error: unknown, field: string) => {
      const message = fieldError(error, field);
      return message === undefined ? undefined : translate(message);
    },
    [translate],
  );
}
