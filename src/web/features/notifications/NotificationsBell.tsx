import { ActionIcon, Button, Indicator, Popover, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NotificationItem } from './NotificationItem.js';
import { useMarkNotificationsRead, useNotifications, useUnreadNotifications } from './notificationsApi.js';

const PREVIEW = 6;

/** The header's bell: the unread count, and the latest unread notifications a click away. */
export function NotificationsBell({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation('messaging');
  const [opened, { toggle, close }] = useDisclosure(false);
  const unread = useUnreadNotifications(enabled).data?.unread ?? 0;
  // The list is read (and audited) only when opened; the count is all the header needs.
  const latest = useNotifications(true, enabled && opened);
  const markRead = useMarkNotificationsRead();
  const items = (latest.data?.pages[0]?.items ?? []).slice(0, PREVIEW);
  // The count sits around the popover, not inside its target: the target's aria-expanded belongs on
  // the button, not on the indicator's wrapper.
  return (
    <Indicator label={unread > 99 ? '99+' : unread} size={18} color="red" disabled={unread === 0} offset={4}>
      <Popover
        opened={opened}
        onChange={(next) => !next && close()}
        position="bottom-end"
        width={340}
        withinPortal
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={toggle}
            aria-label={
              unread > 0 ? t('notifications.bellUnread', { count: unread }) : t('notifications.bellLabel')
            }
            aria-expanded={opened}
            data-testid="notifications-bell"
          >
            <svg
              width="20"
              height="20"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
              aria-hidden="true"
            >
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            {items.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('notifications.empty')}
              </Text>
            ) : (
              <Stack
                gap={6}
                component="ul"
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                aria-label={t('notifications.listLabel')}
              >
                {items.map((notification) => (
                  <NotificationItem key={notification.id} notification={notification} onOpen={close} />
                ))}
              </Stack>
            )}
            {unread > 0 ? (
              <Button
                variant="subtle"
                size="xs"
                onClick={() => markRead.mutate({ all: true })}
                loading={markRead.isPending}
              >
                {t('notifications.markAllRead')}
              </Button>
            ) : null}
            <Button component={Link} to="/notifications" variant="light" size="xs" onClick={close}>
              {t('notifications.showAll')}
            </Button>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
