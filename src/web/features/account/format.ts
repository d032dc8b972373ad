import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Date formatters in the UI language; they change with it. */
export function useDateFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    return {
      /** Date and time, e.g. "5 Mar 2026, 14:03". */
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      /** The date alone. */
      date: (iso: string) => date.format(new Date(iso)),
    };
  }, [locale]);
}
