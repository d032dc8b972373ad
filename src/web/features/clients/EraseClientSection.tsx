import { Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { ConfirmModal } from '../programs/ConfirmModal.js';
import { useSession } from '../session/session.js';
import { clientName } from './clientForm.js';
import type { Client } from './clientsApi.js';

/** What the clients list reads from the navigation after an erasure: a notice, never the name. */
export interface ErasedNotice {
  erased: true;
}

/**
 * Erasing a client for good (the right to be forgotten), for the practice owner alone, as the server
 * decides: their rows and media go and their data key is destroyed, so a backup copy is unreadable.
 * The full name must be typed first, so a slip of the mouse cannot erase the wrong record.
 */
export function EraseClientSection({ client }: { client: Client }) {
  const { t } = useTranslation('care');
  const role = useSession().data?.role;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const name = clientName(client);

  if (role !== 'owner') {
    return role === 'practitioner' ? (
      <Text size="sm" c="dimmed" data-testid="client-erase-owner-only">
        {t('erasure.ownerOnly')}
      </Text>
    ) : null;
  }

  const erase = async () => {
    await api('POST', `/api/v1/clients/${client.id}/erasure`, { confirm: true });
    const state: ErasedNotice = { erased: true };
    await navigate('/clients', { state });
    // Everything cached about the client (their page, program, adherence…) names them by id; other
    // lists (dashboard, alerts, messages) may still show them, so everything else is fetched again.
    queryClient.removeQueries({ predicate: (query) => query.queryKey.includes(client.id) });
    await queryClient.invalidateQueries();
  };

  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="client-erase-title"
      maw={640}
      data-testid="client-erase"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="client-erase-title">
          {t('erasure.title')}
        </Title>
        <Text size="sm">{t('erasure.intro')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('erasure.deleted')}</List.Item>
          <List.Item>{t('erasure.keyDestroyed')}</List.Item>
          <List.Item>{t('erasure.ledger')}</List.Item>
        </List>
        <Text size="sm">{t('erasure.exportFirst')}</Text>
        <Group>
          <Button color="red" variant="light" onClick={() => setConfirming(true)}>
            {t('erasure.button')}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('erasure.confirmTitle', { name })}
        body={t('erasure.confirmBody')}
        confirmLabel={t('erasure.confirm')}
        typedConfirmation={{ label: t('erasure.typeName', { name }), expected: name }}
        onClose={() => setConfirming(false)}
        onConfirm={erase}
      />
    </Card>
  );
}
