import { Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.js';
import { useRefreshMe } from '../account/accountApi.js';
import { actionError } from '../account/errors.js';
import { ErrorAlert, SuccessAlert } from '../account/Feedback.js';
import { usePracticeErrorText } from './errors.js';
import { type Practice, practiceKeys } from './practiceApi.js';

function ReadOnly({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text data-testid={testId}>{value}</Text>
    </Stack>
  );
}

/** The country's name in the UI language, falling back to its code. */
function useCountryName(code: string) {
  const { i18n } = useTranslation();
  try {
    return new Intl.DisplayNames([i18n.resolvedLanguage ?? 'en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Name, address, state and VAT ID, editable by the owner; country and data region are fixed. */
export function PracticeDetails({ practice, editable }: { practice: Practice; editable: boolean }) {
  const { t } = useTranslation('practice');
  const errors = usePracticeErrorText();
  const queryClient = useQueryClient();
  const refreshMe = useRefreshMe();
  const country = useCountryName(practice.country);
  const [name, setName] = useState(practice.name);
  const [address, setAddress] = useState(practice.address ?? '');
  const [state, setState] = useState(practice.state ?? '');
  const [vatId, setVatId] = useState(practice.vatId ?? '');

  const save = useMutation({
    mutationFn: () => api<Practice>('PATCH', '/api/v1/practice', { name, address, state, vatId }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(practiceKeys.practice, saved);
      // The practice's name also travels with the session (shown in the header).
      await refreshMe();
    },
  });

  const fixed = (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <ReadOnly label={t('details.country')} value={country} />
      <ReadOnly
        label={t('details.region')}
        value={t('details.regionValue', { region: practice.region.toUpperCase() })}
      />
    </SimpleGrid>
  );

  if (!editable) {
    return (
      <Stack gap="md" maw={640}>
        <ReadOnly label={t('details.name')} value={practice.name} testId="practice-name" />
        <ReadOnly label={t('details.address')} value={practice.address || '—'} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <ReadOnly label={t('details.state')} value={practice.state || '—'} />
          <ReadOnly label={t('details.vatId')} value={practice.vatId || '—'} />
        </SimpleGrid>
        {fixed}
      </Stack>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md" maw={640}>
        <TextInput
          label={t('details.name')}
          required
          autoComplete="organization"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.field(save.error, 'name')}
        />
        <Textarea
          label={t('details.address')}
          autosize
          minRows={2}
          autoComplete="street-address"
          value={address}
          onChange={(event) => setAddress(event.currentTarget.value)}
          error={errors.field(save.error, 'address')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('details.state')}
            value={state}
            onChange={(event) => setState(event.currentTarget.value)}
            error={errors.field(save.error, 'state')}
          />
          <TextInput
            label={t('details.vatId')}
            value={vatId}
            onChange={(event) => setVatId(event.currentTarget.value)}
            error={errors.field(save.error, 'vatId')}
          />
        </SimpleGrid>
        {fixed}
        <Text size="sm" c="dimmed">
          {t('details.fixedHint')}
        </Text>
        <ErrorAlert>{actionError(errors, save.error, ['name', 'address', 'state', 'vatId'])}</ErrorAlert>
        <SuccessAlert>{save.isSuccess && t('details.saved')}</SuccessAlert>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('details.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
