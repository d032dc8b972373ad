import { Anchor, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { clientName } from '../clients/clientForm.js';
import { type Client, useClient } from '../clients/clientsApi.js';
import { useClinicalErrors } from '../clients/errors.js';
import { AssignmentsSection } from './AssignmentsSection.js';
import { ClinicEntrySection } from './ClinicEntrySection.js';
import { HistorySection } from './HistorySection.js';
import { useCatalogue } from './outcomesApi.js';
import { ProgressSection } from './ProgressSection.js';

/** A client's outcome measures (`/clients/:id/outcomes`): assignments, in-clinic entry, history, progress. */
export function OutcomesPage() {
  const { t } = useTranslation('outcomes');
  const { id = '' } = useParams();
  return (
    <ClinicalGate title={t('page.title')}>
      <ClientOutcomes clientId={id} />
    </ClinicalGate>
  );
}

function ClientOutcomes({ clientId }: { clientId: string }) {
  const { t } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  const client = useClient(clientId);
  useDocumentTitle(client.data ? t('page.titleFor', { name: clientName(client.data) }) : t('page.title'));

  if (client.isPending) return <Skeleton h={320} />;
  if (client.isError) {
    const missing = client.error instanceof ApiError && client.error.status === 404;
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/clients" size="sm">
          {t('page.backToClients')}
        </Anchor>
        <FormError>{missing ? t('page.notFound') : errors.message(client.error)}</FormError>
      </Stack>
    );
  }
  return <Outcomes client={client.data} />;
}

function Outcomes({ client }: { client: Client }) {
  const { t, i18n } = useTranslation('outcomes');
  const errors = useClinicalErrors();
  // Item texts and band labels in the practitioner's language (English where none is shipped).
  const lang = i18n.resolvedLanguage === 'de' ? 'de' : 'en';
  const catalogue = useCatalogue(lang);
  const name = clientName(client);
  return (
    <Stack gap="lg" maw={960} data-testid="page-outcomes">
      <Anchor component={Link} to={`/clients/${client.id}`} size="sm">
        {t('page.back', { name })}
      </Anchor>
      <Stack gap={4}>
        <Title order={1}>{t('page.titleFor', { name })}</Title>
        <Text c="gray.7">{t('page.intro')}</Text>
        <Anchor component={Link} to="/outcome-measures" size="sm">
          {t('page.practiceMeasures')}
        </Anchor>
      </Stack>
      {catalogue.isError ? <FormError>{errors.message(catalogue.error)}</FormError> : null}
      {catalogue.isPending ? (
        <Skeleton h={240} />
      ) : catalogue.data ? (
        <>
          <AssignmentsSection clientId={client.id} catalogue={catalogue.data} />
          <HistorySection clientId={client.id} catalogue={catalogue.data} />
          <ProgressSection clientId={client.id} lang={lang} />
          <ClinicEntrySection clientId={client.id} catalogue={catalogue.data} />
        </>
      ) : null}
    </Stack>
  );
}
