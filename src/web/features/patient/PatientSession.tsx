import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, languageStorageKey } from '../../i18n/language.js';
import { onSynced, startOutbox } from './outbox.js';
import { patientApi, patientKeys } from './patientApi.js';
import { useSession } from './session.js';

function choseLanguageThemselves(): boolean {
  try {
    return window.localStorage.getItem(languageStorageKey) !== null;
  } catch {
    return false;
  }
}

/**
 * What runs while a client is signed in: the session check (a 401 signs out, see patientFetch), the
 * client's language from their record unless they picked one in the app, and the outbox's sync.
 */
export function PatientSession() {
  const session = useSession();
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: patientKeys.me,
    queryFn: patientApi.me,
    enabled: session !== null,
    networkMode: 'always',
    retry: false,
    staleTime: 5 * 60_000,
  });

  const language = me.data?.client.language;
  useEffect(() => {
    // Not persisted: the record's language is a default, not the person's own choice in this app.
    if (isLanguage(language) && !choseLanguageThemselves()) void i18n.changeLanguage(language);
  }, [language, i18n]);

  useEffect(() => {
    if (!session) return;
    startOutbox();
    // Once logs reached the server, its counts include them: refetch today and the history.
    return onSynced((outcome) => {
      if (outcome.kind === 'synced' && outcome.sent > 0)
        void queryClient.invalidateQueries({ queryKey: ['patient'], refetchType: 'active' });
    });
  }, [session, queryClient]);

  useEffect(() => {
    if (!session)
      queryClient.removeQueries({ queryKey: ['patient'], predicate: (q) => q.queryKey[1] !== 'regions' });
  }, [session, queryClient]);

  return null;
}
