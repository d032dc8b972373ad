import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export type VocabKind = 'bodyRegion' | 'equipment' | 'position' | 'difficulty' | 'contraindication' | 'side';

/**
 * The name of a vocabulary code (body region, equipment…) in the UI language; a code the app does
 * not know yet (the server added one) shows as itself rather than as a missing key.
 */
export function useVocab() {
  const { t, i18n } = useTranslation('clinical');
  return useCallback(
    (kind: VocabKind, code: string): string => {
      const key = `vocab.${kind}.${code}`;
      return i18n.exists(`clinical:${key}`) ? t(key as 'vocab.side.both') : code.replaceAll('_', ' ');
    },
    [t, i18n],
  );
}
