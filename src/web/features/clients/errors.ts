import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type en from '../../i18n/locales/en/clinical.json';
import { knownFieldMessage } from './fieldMessages.js';

type CodeKey = keyof (typeof en)['errors']['codes'];

/**
 * Error text of the clinical screens (clients, exercises, programs) in the UI language: known codes
 * and field messages are translated; anything else keeps the server's words.
 */
export function useClinicalErrors() {
  const { t, i18n } = useTranslation('clinical');
  return useMemo(() => {
    const translateField = (message: string): string => {
      const known = knownFieldMessage(message);
      return known ? t(`errors.fields.${known.key}`, known.values) : message;
    };
    const field = (error: unknown, name: string): string | undefined => {
      if (!(error instanceof ApiError)) return undefined;
      const problem = error.details.find((detail) => detail.field === name);
      return problem ? translateField(problem.message) : undefined;
    };
    const message = (error: unknown): string => {
      if (error instanceof ApiError) {
        if (i18n.exists(`clinical:errors.codes.${error.code}`))
          return t(`errors.codes.${error.code as CodeKey}`);
        return error.message;
      }
      return t('errors.unexpected');
    };
    /**
     * The message for an Alert: nothing when every field problem shows at a field of this form (`shown`
     * tells whether a field name has one), else the overall sentence plus the problems of other fields.
     */
    const alert = (error: unknown, shown: (field: string) => boolean): string | undefined => {
      if (!error) return undefined;
      if (error instanceof ApiError && error.code === 'validation_failed' && error.details.length > 0) {
        const elsewhere = error.details.filter((detail) => !shown(detail.field));
        if (elsewhere.length === 0) return undefined;
        return [message(error), ...elsewhere.map((detail) => translateField(detail.message))].join(' ');
      }
      return message(error);
    };
    return { message, field, alert, translateField };
  }, [t, i18n]);
}

export type ClinicalErrors = ReturnType<typeof useClinicalErrors>;
