import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { clientName } from '../clients/clientForm.js';
import { useUnreadMessages } from './messagesApi.js';

/** On the client's page: the way into their conversation, with what is still unread. */
export function ClientMessagesCard({
  client,
}: {
  client: { id: string; firstName: string; lastName: string };
}) {
  const { t } = useTranslation('messaging');
  // The practice's unread summary (shared with the navigation's badge), not the conversation itself:
  // the messages are read, and their reading recorded, only when the conversation is opened.
  const unread = useUnreadMessages().data?.items.find((item) => item.client.id === client.id)?.unread ?? 0;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="client-messages-title">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={2} size="h4" id="client-messages-title">
            {t('messages.card.title')}
          </Title>
          {unread > 0 ? (
            <Badge color="red" variant="light" data-testid="client-unread-messages">
              {t('messages.card.unread', { count: unread })}
            </Badge>
          ) : null}
        </Group>
        <Text size="sm">{t('messages.card.hint', { name: clientName(client) })}</Text>
        <Group>
          <Button component={Link} to={`/clients/${client.id}/messages`} variant="light">
            {t('messages.card.open')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
