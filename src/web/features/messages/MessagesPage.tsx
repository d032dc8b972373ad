import { Anchor, Badge, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { useDateFormat } from '../account/format.js';
import { ClinicalGate } from '../clients/ClinicalGate.js';
import { clientName } from '../clients/clientForm.js';
import { useClinicalErrors } from '../clients/errors.js';
import { type UnreadConversation, useUnreadMessages } from './messagesApi.js';

/** The messages inbox (`/messages`): clients waiting for an answer, each linked to their conversation. */
export function MessagesPage() {
  const { t } = useTranslation('messaging');
  useDocumentTitle(t('messages.title'));
  return (
    <ClinicalGate title={t('messages.title')}>
      <UnreadInbox />
    </ClinicalGate>
  );
}

function UnreadInbox() {
  const { t } = useTranslation('messaging');
  const errors = useClinicalErrors();
  const unread = useUnreadMessages();
  // The server sends the most recent first already; sorting again keeps that true whatever it does.
  const items = [...(unread.data?.items ?? [])].sort((a, b) => b.lastAt.localeCompare(a.lastAt));

  return (
    <Stack gap="lg" maw={880} data-testid="page-messages">
      <Stack gap={4}>
        <Title order={1}>{t('messages.title')}</Title>
        <Text c="gray.7">{t('messages.intro')}</Text>
      </Stack>
      {unread.isError ? <FormError>{errors.message(unread.error)}</FormError> : null}
      {unread.isPending ? (
        <Skeleton h={160} />
      ) : items.length === 0 ? (
        <Text c="gray.7" data-testid="messages-inbox-empty">
          {t('messages.empty')}
        </Text>
      ) : (
        <Stack
          gap="sm"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('messages.listLabel')}
        >
          {items.map((item) => (
            <UnreadItem key={item.client.id} item={item} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function UnreadItem({ item }: { item: UnreadConversation }) {
  const { t } = useTranslation('messaging');
  const when = useDateFormat();
  return (
    <Card withBorder padding="sm" component="li" data-testid="unread-conversation">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Group gap="xs">
          <Anchor component={Link} to={`/clients/${item.client.id}/messages`} fw={600}>
            {clientName(item.client)}
          </Anchor>
          <Badge color="red" variant="light">
            {t('messages.unread', { count: item.unread })}
          </Badge>
        </Group>
        <Text size="sm" c="gray.7">
          {t('messages.lastAt', { time: when.dateTime(item.lastAt) })}
        </Text>
      </Group>
    </Card>
  );
}
