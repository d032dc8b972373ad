import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { SuccessAlert } from '../account/Feedback.js';
import { ClinicalGate } from './ClinicalGate.js';
import { clientName } from './clientForm.js';
import { type ClientStatus, useClients } from './clientsApi.js';
import type { ErasedNotice } from './EraseClientSection.js';
import { useClinicalErrors } from './errors.js';

/** The practice's clients: search by name, active or archived, and the way to add one. */
export function ClientsPage() {
  const { t } = useTranslation('clinical');
  useDocumentTitle(t('clients.title'));
  return (
    <ClinicalGate title={t('clients.title')}>
      <ClientList />
    </ClinicalGate>
  );
}

function ClientList() {
  const { t } = useTranslation('clinical');
  const { t: tc } = useTranslation('care');
  const errors = useClinicalErrors();
  const erased = (useLocation().state as Partial<ErasedNotice> | null)?.erased === true;
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<ClientStatus>('active');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const clients = useClients(debouncedQ, status);
  const items = clients.data?.items ?? [];

  return (
    <Stack gap="lg" data-testid="page-clients">
      <Group justify="space-between" align="center">
        <Title order={1}>{t('clients.title')}</Title>
        <Button component={Link} to="/clients/new">
          {t('clients.add')}
        </Button>
      </Group>
      <SuccessAlert>{erased ? tc('erasure.erased') : null}</SuccessAlert>
      <Group align="flex-end" gap="sm">
        <TextInput
          type="search"
          label={t('clients.search')}
          placeholder={t('clients.searchPlaceholder')}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          w={320}
        />
        <NativeSelect
          label={t('clients.status')}
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value as ClientStatus)}
          data={[
            { value: 'active', label: t('clients.statusActive') },
            { value: 'archived', label: t('clients.statusArchived') },
            { value: 'all', label: t('clients.statusAll') },
          ]}
        />
      </Group>
      {clients.isError ? <FormError>{errors.message(clients.error)}</FormError> : null}
      {clients.isPending ? (
        <Skeleton h={120} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{q.trim() || status !== 'active' ? t('clients.noMatch') : t('clients.empty')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('clients.count', { count: clients.data?.total ?? items.length })}
          </Text>
          <Table aria-label={t('clients.listLabel')} striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.name')}</Table.Th>
                <Table.Th>{t('clients.born')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((client) => (
                <Table.Tr key={client.id} data-testid="client-row">
                  <Table.Td>
                    <Group gap="xs">
                      <Anchor component={Link} to={`/clients/${client.id}`}>
                        {clientName(client)}
                      </Anchor>
                      {client.archivedAt ? (
                        <Badge color="gray" variant="light">
                          {t('clients.archivedBadge')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{client.yearOfBirth}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
