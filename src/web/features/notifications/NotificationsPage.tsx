import { Button, Group, Input, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FormError } from '../../ui/FormError.js';
import { useDocumentTitle } from '../../ui/useDocumentTitle.js';
import { NotificationItem } from './NotificationItem.js';
import { useMarkNotificationsRead, useNotifications } from './notificationsApi.js';

/** The whole notification centre, where the "you have something new" mail leads. */
export function NotificationsPage() {
  const { t } = useTranslation('messaging');
  useDocumentTitle(t('notifications.title'));
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('show') === 'unread';
  const notifications = useNotifications(unreadOnly);
  const markRead = useMarkNotificationsRead();
  const items = notifications.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = notifications.data?.pages[0]?.unread ?? 0;

  return (
    <Stack gap="lg" maw={720} data-testid="page-notifications">
      <Stack gap={4}>
        <Title order={1}>{t('notifications.title')}</Title>
        <Text c="dimmed">{t('notifications.intro')}</Text>
      </Stack>
      <Group justify="space-between">
        <Stack gap={4}>
          <Input.Label labelElement="div" id="notification-filter-label">
            {t('notifications.filterLabel')}
          </Input.Label>
          <SegmentedControl
            aria-labelledby="notification-filter-label"
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(next) => setParams(next === 'unread' ? { show: 'unread' } : {}, { replace: true })}
            data={[
              { value: 'all', label: t('notifications.showAll') },
              { value: 'unread', label: t('notifications.showUnread') },
            ]}
          />
        </Stack>
        {unread > 0 ? (
          <Button variant="light" onClick={() => markRead.mutate({ all: true })} loading={markRead.isPending}>
            {t('notifications.markAllRead')}
          </Button>
        ) : null}
      </Group>
      {notifications.isError ? <FormError>{notifications.error.message}</FormError> : null}
      {notifications.isPending ? (
        <Skeleton h={160} />
      ) : items.length === 0 ? (
        <Text c="dimmed" data-testid="notifications-empty">
          {unreadOnly ? t('notifications.empty') : t('notifications.emptyAll')}
        </Text>
      ) : (
        <Stack
          gap="sm"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('notifications.listLabel')}
        >
          {items.map((notification) => (
            <NotificationItem key={notification.id} notification={notification} />
          ))}
        </Stack>
      )}
      {notifications.hasNextPage ? (
        <Button
          variant="subtle"
          onClick={() => notifications.fetchNextPage()}
          loading={notifications.isFetchingNextPage}
        >
          {t('notifications.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
}
