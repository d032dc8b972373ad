import { Anchor, Stack, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { usePractice } from '../practice/practiceApi.js';
import { ClientForm } from './ClientForm.js';
import { ClinicalGate } from './ClinicalGate.js';
import { clientBody, emptyClientValues, nationalIdCountries } from './clientForm.js';
import { type Client, clientKeys } from './clientsApi.js';

/** Adding a client: every field at once; the new client's page opens when it is saved. */
export function NewClientPage() {
  const { t } = useTranslation('clinical');
  useDocumentTitle(t('clients.newTitle'));
  return (
    <ClinicalGate title={t('clients.newTitle')}>
      <NewClient />
    </ClinicalGate>
  );
}

function NewClient() {
  const { t, i18n } = useTranslation('clinical');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const country = usePractice().data?.country;
  const [values, setValues] = useState(() => emptyClientValues(i18n.resolvedLanguage === 'de' ? 'de' : 'en'));
  const withNationalId = nationalIdCountries.some((code) => code === country?.toUpperCase());
  const create = useMutation({
    mutationFn: () => api<Client>('POST', '/api/v1/clients', clientBody(values, withNationalId)),
    onSuccess: async (client) => {
      queryClient.setQueryData(clientKeys.one(client.id), client);
      await queryClient.invalidateQueries({ queryKey: clientKeys.all });
      await navigate(`/clients/${client.id}`);
    },
  });
  return (
    <Stack gap="lg" data-testid="page-new-client">
      <Anchor component={Link} to="/clients" size="sm">
        {t('client.backToList')}
      </Anchor>
      <Title order={1}>{t('clients.newTitle')}</Title>
      <ClientForm
        values={values}
        onChange={setValues}
        onSubmit={() => create.mutate()}
        country={country}
        submitLabel={t('clientForm.submitCreate')}
        pending={create.isPending}
        error={create.error}
      />
    </Stack>
  );
}
