import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { liveKeys } from '../realtime/useWorkspaceLive.js';

export type NotificationKind = 'new_message' | 'pain_alert' | 'outcome_alert' | 'access_code_locked';

export interface Notification {
  id: string;
  kind: NotificationKind;
  client: { id: string; firstName: string; lastName: string } | null;
  subjectId: string | null;
  createdAt: string;
  readAt: string | null;
}

interface NotificationPage {
  items: Notification[];
  unread: number;
}

export const NOTIFICATION_PAGE = 30;
export const notificationKeys = {
  list: (unreadOnly: boolean) => [...liveKeys.notifications, 'list', unreadOnly] as const,
  unread: [...liveKeys.notifications, 'unread'] as const,
};

/** Where a notification leads: the client's conversation, or the alerts inbox. */
export function notificationTarget(notification: Notification): string {
  if (notification.kind === 'new_message' && notification.client) {
    return `/clients/${notification.client.id}/messages`;
  }
  return notification.kind === 'access_code_locked' && notification.client
    ? `/clients/${notification.client.id}`
    : '/alerts';
}

export function useNotifications(unreadOnly: boolean, enabled = true) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(unreadOnly),
    enabled,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(NOTIFICATION_PAGE), unread: String(unreadOnly) });
      if (pageParam) params.set('before', pageParam);
      return api<NotificationPage>('GET', `/api/v1/notifications?${params}`);
    },
    initialPageParam: '',
    getNextPageParam: (last) =>
      last.items.length === NOTIFICATION_PAGE ? (last.items.at(-1)?.createdAt ?? undefined) : undefined,
  });
}

export function useUnreadNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => api<{ unread: number }>('GET', '/api/v1/notifications/unread'),
    enabled,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (which: { ids: string[] } | { all: true }) =>
      api<{ read: number; unread: number }>('POST', '/api/v1/notifications/read', which),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: liveKeys.notifications }),
  });
}
