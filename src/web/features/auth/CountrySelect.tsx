import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from './countries.js';

interface CountrySelectProps {
  value: string | null;
  onChange(code: string | null): void;
  error?: string;
  'data-testid'?: string;
}

/** A searchable list of countries named in the UI language; the value is the ISO 3166-1 code. */
export function CountrySelect({ value, onChange, error, 'data-testid': testId }: CountrySelectProps) {
  const { t, i18n } = useTranslation('auth');
  const language = i18n.resolvedLanguage ?? 'en';
  const data = useMemo(() => countryOptions(language), [language]);
  return (
    <Select
      label={t('signUp.country')}
      placeholder={t('signUp.countryPlaceholder')}
      nothingFoundMessage={t('signUp.countryNothingFound')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      required
      allowDeselect={false}
      autoComplete="off"
      error={error}
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
