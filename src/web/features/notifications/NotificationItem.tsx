import { Badge, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type Notification, notificationTarget, useMarkNotificationsRead } from './notificationsApi.js';

/** One notification: what happened, for whom, when; opening it marks it read and goes to it. */
export function NotificationItem({
  notification,
  onOpen,
}: {
  notification: Notification;
  onOpen?: () => void;
}) {
  const { t, i18n } = useTranslation('messaging');
  const navigate = useNavigate();
  const markRead = useMarkNotificationsRead();
  const name = notification.client
    ? `${notification.client.firstName} ${notification.client.lastName}`
    : t('notifications.someone');
  const unread = notification.readAt === null;
  const open = () => {
    if (unread) markRead.mutate({ ids: [notification.id] });
    onOpen?.();
    void navigate(notificationTarget(notification));
  };
  return (
    <Paper component="li" withBorder p={0} bg={unread ? 'var(--mantine-primary-color-light)' : undefined}>
      <UnstyledButton onClick={open} p="sm" w="100%" data-testid={`notification-${notification.kind}`}>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm" fw={unread ? 600 : 400}>
            {t(`notifications.kind.${notification.kind}`, { name })}
          </Text>
          {unread ? (
            <Badge size="xs" variant="filled">
              {t('notifications.unreadMark')}
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {new Date(notification.createdAt).toLocaleString(i18n.language, {
            dateStyle: 'medium',
            timeStyle: 'short',
          })}
        </Text>
      </UnstyledButton>
    </Paper>
  );
}
