import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language, languages } from '../i18n/language.js';
import { switchLanguage } from '../i18n/setup.js';

interface LanguageSwitchProps {
  /** Called after the switch, e.g. to save the choice to the signed-in practitioner's profile. */
  onSwitch?: (language: Language) => void;
}

/**
 * Switches the app's language at once and remembers the choice. A native select: it is keyboard
 * and screen-reader friendly everywhere, and each language is named in its own language.
 */
export function LanguageSwitch({ onSwitch }: LanguageSwitchProps = {}) {
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
        if (!isLanguage(next)) return;
        void switchLanguage(i18n, next);
        onSwitch?.(next);
      }}
      data={languages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );
}
