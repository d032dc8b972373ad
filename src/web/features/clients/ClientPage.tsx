import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { SuccessAlert } from '../account/Feedback.js';
import { AdherenceSection } from '../adherence/AdherenceSection.js';
import { AppAccessCard } from '../adherence/AppAccessCard.js';
import { ClientAlertRulesCard } from '../alerts/ClientAlertRulesCard.js';
import { ClientMessagesCard } from '../messages/ClientMessagesCard.js';
import { ClientOutcomesCard } from '../outcomes/ClientOutcomesCard.js';
import { usePractice } from '../practice/practiceApi.js';
import { ClientExportCard } from './ClientExportCard.js';
import { ClientForm } from './ClientForm.js';
import { ClinicalGate } from './ClinicalGate.js';
import { clientBody, clientName, clientValues, nationalIdCountries } from './clientForm.js';
import { type Client, clientKeys, useClient } from './clientsApi.js';
import { EraseClientSection } from './EraseClientSection.js';
import { useClinicalErrors } from './errors.js';
import { InvitationCard } from './InvitationCard.js';

/**
 * One client: the way into the program builder, adherence, the app's devices and the pain alert,
 * then details, editing and archiving.
 */
export function ClientPage() {
  const { t } = useTranslation('clinical');
  const { id = '' } = useParams();
  return (
    <ClinicalGate title={t('clients.title')}>
      <ClientDetail id={id} />
    </ClinicalGate>
  );
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text>{value || '—'}</Text>
    </Stack>
  );
}

function ClientDetail({ id }: { id: string }) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const client = useClient(id);
  useDocumentTitle(client.data ? clientName(client.data) : t('clients.title'));

  if (client.isPending) return <Skeleton h={240} />;
  if (client.isError) {
    const missing = client.error instanceof ApiError && client.error.status === 404;
    return (
      <Stack gap="md">
        <Anchor component={Link} to="/clients" size="sm">
          {t('client.backToList')}
        </Anchor>
        <FormError>{missing ? t('client.notFound') : errors.message(client.error)}</FormError>
      </Stack>
    );
  }
  return <ClientView client={client.data} />;
}

function ClientView({ client }: { client: Client }) {
  const { t } = useTranslation('clinical');
  const errors = useClinicalErrors();
  const queryClient = useQueryClient();
  const country = usePractice().data?.country;
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState(() => clientValues(client));
  const [notice, setNotice] = useState<string>();
  const withNationalId = nationalIdCountries.some((code) => code === country?.toUpperCase());

  const stored = async (saved: Client, message: string) => {
    queryClient.setQueryData(clientKeys.one(saved.id), saved);
    await queryClient.invalidateQueries({ queryKey: ['clients', 'list'] });
    setNotice(message);
  };
  const update = useMutation({
    mutationFn: () =>
      api<Client>('PATCH', `/api/v1/clients/${client.id}`, clientBody(values, withNationalId)),
    onSuccess: async (saved) => {
      await stored(saved, t('client.saved'));
      setEditing(false);
    },
  });
  const archive = useMutation({
    mutationFn: (action: 'archive' | 'restore') =>
      api<Client>('POST', `/api/v1/clients/${client.id}/${action}`),
    onSuccess: (saved, action) =>
      stored(saved, action === 'archive' ? t('client.archived') : t('client.restored')),
  });

  const startEditing = () => {
    setValues(clientValues(client));
    update.reset();
    setNotice(undefined);
    setEditing(true);
  };

  return (
    <Stack gap="lg" data-testid="page-client">
      <Anchor component={Link} to="/clients" size="sm">
        {t('client.backToList')}
      </Anchor>
      <Group gap="sm">
        <Title order={1}>{clientName(client)}</Title>
        {client.archivedAt ? (
          <Badge color="gray" variant="light">
            {t('clients.archivedBadge')}
          </Badge>
        ) : null}
      </Group>
      <SuccessAlert>{notice}</SuccessAlert>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('client.program')}
          </Title>
          <Text size="sm">{t('client.programHint')}</Text>
          <Group>
            <Button component={Link} to={`/clients/${client.id}/program`}>
              {t('client.openProgram')}
            </Button>
          </Group>
        </Stack>
      </Card>
      <ClientMessagesCard client={client} />
      <ClientOutcomesCard clientId={client.id} />
      <AdherenceSection clientId={client.id} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <AppAccessCard clientId={client.id} />
        <InvitationCard client={client} />
        <ClientAlertRulesCard clientId={client.id} />
        <ClientExportCard clientId={client.id} />
      </SimpleGrid>
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('client.details')}
          </Title>
          {editing ? null : (
            <Button variant="default" onClick={startEditing}>
              {t('client.edit')}
            </Button>
          )}
        </Group>
        {editing ? (
          <Stack gap="sm">
            <ClientForm
              values={values}
              onChange={setValues}
              onSubmit={() => update.mutate()}
              country={country}
              submitLabel={t('clientForm.submitUpdate')}
              pending={update.isPending}
              error={update.error}
            />
            <Group>
              <Button variant="subtle" onClick={() => setEditing(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={640} data-testid="client-details">
            <Field label={t('clientForm.gender')} value={t(`clientForm.genders.${client.gender}`)} />
            <Field label={t('clientForm.yearOfBirth')} value={String(client.yearOfBirth)} />
            <Field label={t('clientForm.email')} value={client.email} />
            <Field label={t('clientForm.mobile')} value={client.mobile} />
            <Field label={t('clientForm.diagnosisCode')} value={client.diagnosisCode} />
            {client.nationalIdKind ? (
              <Field label={t(`client.nationalIdKind.${client.nationalIdKind}`)} value={client.nationalId} />
            ) : null}
            <Field label={t('clientForm.language')} value={t(`vocab.language.${client.language}`)} />
          </SimpleGrid>
        )}
      </Stack>
      <Stack gap="sm" maw={640}>
        {client.archivedAt ? (
          <Alert color="gray" variant="light">
            {t('client.archived')}
          </Alert>
        ) : null}
        <FormError>{archive.isError ? errors.message(archive.error) : undefined}</FormError>
        <Group>
          {client.archivedAt ? (
            <Button variant="default" loading={archive.isPending} onClick={() => archive.mutate('restore')}>
              {t('client.restore')}
            </Button>
          ) : (
            <Button
              color="red"
              variant="light"
              loading={archive.isPending}
              onClick={() => archive.mutate('archive')}
            >
              {t('client.archive')}
            </Button>
          )}
        </Group>
      </Stack>
      <EraseClientSection client={client} />
    </Stack>
  );
}
