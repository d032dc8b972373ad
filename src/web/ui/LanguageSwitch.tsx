import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages } from '../i18n/language.js';
import { switchLanguage } from '../i18n/setup.js';

/**
 * Switches the app's language at once and remembers the choice. A native select: it is keyboard
 * and screen-reader friendly everywhere, and each language is named in its own language.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <NativeSelect
      aria-label={t('language.label')}
      data-testid="language-switch"
      size="xs"
      value={current}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isLanguage(next)) void switchLanguage(i18n, next);
      }}
      data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );
}
