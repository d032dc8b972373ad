import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { daysBetween, localDay } from './period.js';

/**
 * Formatters for plain days ('YYYY-MM-DD', as logged) in the UI language. They format in UTC, the
 * zone the day string is parsed in, so a day never shows as the one before west of Greenwich.
 */
export function useDayFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const short = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
    const medium = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const parse = (day: string) => new Date(`${day}T00:00:00Z`);
    return {
      /** "5 Mar" */
      short: (day: string) => short.format(parse(day)),
      /** "5 Mar 2026" */
      medium: (day: string) => medium.format(parse(day)),
      /** "today", "yesterday", "3 days ago", counted in the browser's calendar. */
      ago: (day: string) => relative.format(-daysBetween(day, localDay(new Date())), 'day'),
    };
  }, [locale]);
}
