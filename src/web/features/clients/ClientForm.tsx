import { Autocomplete, Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../ui/FormError.js';
import { type ClientFormValues, nationalIdCountries } from './clientForm.js';
import { genders, useDiagnosisCodes } from './clientsApi.js';
import { useClinicalErrors } from './errors.js';

export const clientFields = [
  'firstName',
  'lastName',
  'gender',
  'yearOfBirth',
  'email',
  'mobile',
  'diagnosisCode',
  'nationalId',
  'language',
];

interface ClientFormProps {
  values: ClientFormValues;
  onChange: (values: ClientFormValues) => void;
  onSubmit: () => void;
  /** The practice's country: whether and which national identifier the form asks for. */
  country: string | undefined;
  submitLabel: string;
  pending: boolean;
  error: unknown;
}

/** Every field of a client; the server's problems show at their fields, in the UI language. */
export function ClientForm({
  values,
  onChange,
  onSubmit,
  country,
  submitLabel,
  pending,
  error,
}: ClientFormProps) {
  const { t, i18n } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const set = <K extends keyof ClientFormValues>(key: K, value: ClientFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const [diagnosisQuery] = useDebouncedValue(values.diagnosisCode, 250);
  const codes = useDiagnosisCodes(diagnosisQuery, i18n.resolvedLanguage === 'de' ? 'de' : 'en');
  const titles = new Map((codes.data ?? []).map((code) => [code.code, code.title]));
  const idCountry = nationalIdCountries.find((code) => code === country?.toUpperCase());
  const shownFields = idCountry ? clientFields : clientFields.filter((field) => field !== 'nationalId');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack gap="md" maw={640}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('clientForm.firstName')}
            required
            autoComplete="off"
            value={values.firstName}
            onChange={(event) => set('firstName', event.currentTarget.value)}
            error={errors.field(error, 'firstName')}
          />
          <TextInput
            label={t('clientForm.lastName')}
            required
            autoComplete="off"
            value={values.lastName}
            onChange={(event) => set('lastName', event.currentTarget.value)}
            error={errors.field(error, 'lastName')}
          />
          <NativeSelect
            label={t('clientForm.gender')}
            required
            value={values.gender}
            onChange={(event) => set('gender', event.currentTarget.value as ClientFormValues['gender'])}
            data={[
              { value: '', label: t('clientForm.genderChoose'), disabled: true },
              ...genders.map((gender) => ({ value: gender, label: t(`clientForm.genders.${gender}`) })),
            ]}
            error={errors.field(error, 'gender')}
          />
          <TextInput
            label={t('clientForm.yearOfBirth')}
            required
            inputMode="numeric"
            autoComplete="off"
            value={values.yearOfBirth}
            onChange={(event) => set('yearOfBirth', event.currentTarget.value)}
            error={errors.field(error, 'yearOfBirth')}
          />
        </SimpleGrid>
        <Text fw={500}>{t('clientForm.optional')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('clientForm.email')}
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={(event) => set('email', event.currentTarget.value)}
            error={errors.field(error, 'email')}
          />
          <TextInput
            label={t('clientForm.mobile')}
            type="tel"
            autoComplete="off"
            description={t('clientForm.mobileHint')}
            value={values.mobile}
            onChange={(event) => set('mobile', event.currentTarget.value)}
            error={errors.field(error, 'mobile')}
          />
          <Autocomplete
            label={t('clientForm.diagnosisCode')}
            description={t('clientForm.diagnosisHint')}
            value={values.diagnosisCode}
            onChange={(value) => set('diagnosisCode', value)}
            // Picking an option puts its code in the field; the title shown beside it helps to choose.
            data={(codes.data ?? []).map((code) => code.code)}
            renderOption={({ option }) => `${option.value} — ${titles.get(option.value) ?? ''}`}
            filter={({ options }) => options}
            error={errors.field(error, 'diagnosisCode')}
          />
          {idCountry ? (
            <TextInput
              label={t(`clientForm.nationalId.${idCountry}`)}
              description={t(`clientForm.nationalId.${idCountry}Hint`)}
              autoComplete="off"
              value={values.nationalId}
              onChange={(event) => set('nationalId', event.currentTarget.value)}
              error={errors.field(error, 'nationalId')}
            />
          ) : null}
          <NativeSelect
            label={t('clientForm.language')}
            value={values.language}
            onChange={(event) => set('language', event.currentTarget.value as ClientFormValues['language'])}
            data={[
              { value: 'en', label: t('vocab.language.en') },
              { value: 'de', label: t('vocab.language.de') },
            ]}
            error={errors.field(error, 'language')}
          />
        </SimpleGrid>
        <FormError>{errors.alert(error, (field) => shownFields.includes(field))}</FormError>
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
