import { Accordion, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isLanguage, type Language, languages } from '../../i18n/language.js';

export interface MoreDetails {
  address: string;
  state: string;
  mobile: string;
  vatId: string;
  affiliation: string;
  language: Language;
  weightUnit: 'kg' | 'lb';
}

/** The optional sign-up fields, by their server names. */
export const moreDetailFields = [
  'address',
  'state',
  'mobile',
  'vatId',
  'affiliation',
  'language',
  'weightUnit',
];

interface SignUpMoreDetailsProps {
  value: MoreDetails;
  onChange(patch: Partial<MoreDetails>): void;
  /** The problem to show under a field, by field name. */
  errorOf(field: keyof MoreDetails): string | undefined;
  opened: boolean;
  onToggle(opened: boolean): void;
}

/** "More details": what a practice may add at sign-up and can also fill in later. */
export function SignUpMoreDetails({ value, onChange, errorOf, opened, onToggle }: SignUpMoreDetailsProps) {
  const { t } = useTranslation('auth');
  const { t: tc } = useTranslation();
  return (
    <Accordion
      variant="contained"
      value={opened ? 'more' : null}
      onChange={(item) => onToggle(item === 'more')}
    >
      <Accordion.Item value="more">
        <Accordion.Control data-testid="sign-up-more">{t('signUp.moreDetails')}</Accordion.Control>
        <Accordion.Panel>
          <Stack gap="sm">
            <Textarea
              label={t('signUp.address')}
              autoComplete="street-address"
              autosize
              minRows={2}
              value={value.address}
              error={errorOf('address')}
              onChange={(event) => onChange({ address: event.currentTarget.value })}
              data-testid="sign-up-address"
            />
            <TextInput
              label={t('signUp.state')}
              autoComplete="address-level1"
              value={value.state}
              error={errorOf('state')}
              onChange={(event) => onChange({ state: event.currentTarget.value })}
              data-testid="sign-up-state"
            />
            <TextInput
              label={t('signUp.mobile')}
              description={t('signUp.mobileHint')}
              type="tel"
              autoComplete="tel"
              value={value.mobile}
              error={errorOf('mobile')}
              onChange={(event) => onChange({ mobile: event.currentTarget.value })}
              data-testid="sign-up-mobile"
            />
            <TextInput
              label={t('signUp.vatId')}
              value={value.vatId}
              error={errorOf('vatId')}
              onChange={(event) => onChange({ vatId: event.currentTarget.value })}
              data-testid="sign-up-vat-id"
            />
            <TextInput
              label={t('signUp.affiliation')}
              description={t('signUp.affiliationHint')}
              autoComplete="organization"
              value={value.affiliation}
              error={errorOf('affiliation')}
              onChange={(event) => onChange({ affiliation: event.currentTarget.value })}
              data-testid="sign-up-affiliation"
            />
            <NativeSelect
              label={t('signUp.language')}
              value={value.language}
              error={errorOf('language')}
              data={languages.map((language) => ({ value: language, label: tc(`language.${language}`) }))}
              onChange={(event) => {
                const next = event.currentTarget.value;
                if (isLanguage(next)) onChange({ language: next });
              }}
              data-testid="sign-up-language"
            />
            <NativeSelect
              label={t('signUp.weightUnit')}
              value={value.weightUnit}
              error={errorOf('weightUnit')}
              data={[
                { value: 'kg', label: t('signUp.kg') },
                { value: 'lb', label: t('signUp.lb') },
              ]}
              onChange={(event) => onChange({ weightUnit: event.currentTarget.value === 'lb' ? 'lb' : 'kg' })}
              data-testid="sign-up-weight-unit"
            />
          </Stack>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
