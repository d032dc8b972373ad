import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type en from '../../i18n/locales/en/practice.json';
import { useErrorText } from '../account/errors.js';

type CodeKey = keyof (typeof en)['errors'];

/** Like the account page's error text, with the practice's own codes (last owner, MFA policy…) first. */
export function usePracticeErrorText() {
  const { t, i18n } = useTranslation('practice');
  const base = useErrorText();
  return useMemo(
    () => ({
      ...base,
      message(error: unknown): string {
        if (error instanceof ApiError && i18n.exists(`practice:errors.${error.code}`)) {
          return t(`errors.${error.code as CodeKey}`);
        }
        return base.message(error);
      },
    }),
    [base, t, i18n],
  );
}
