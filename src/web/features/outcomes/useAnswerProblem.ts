import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

// The server words an item's problem in English only ("Item 3 takes a whole number from 0 to 3.",
// "Item 3 is missing: …"); recognised ones are shown in the UI language, anything else as it came.
const RANGE = /^Item \d+ takes (?:a whole number|a number) from (-?[\d.]+) to (-?[\d.]+)\.$/;
const MISSING = /^Item \d+ is missing/;

/** Translates the server's problem with one item, for the message beside it. */
export function useAnswerProblem() {
  const { t } = useTranslation('outcomes');
  return useCallback(
    (message: string) => {
      const range = RANGE.exec(message);
      if (range) return t('errors.range', { min: range[1], max: range[2] });
      if (MISSING.test(message)) return t('errors.missing');
      return message;
    },
    [t],
  );
}
