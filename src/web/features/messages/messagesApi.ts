import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { liveKeys } from '../realtime/useWorkspaceLive.js';
import { type ConversationPage, olderCursor, type PracticeMessage, withSent } from './conversation.js';

/** A client with messages the practice has not read, for the inbox and the badges. */
export interface UnreadConversation {
  client: { id: string; firstName: string; lastName: string };
  unread: number;
  lastAt: string;
}

export interface UnreadSummary {
  total: number;
  items: UnreadConversation[];
}

// Under the live roots: a message event on the workspace's socket makes these refetch.
export const messageKeys = {
  unread: [...liveKeys.conversations, 'unread'] as const,
  conversation: (clientId: string, lang: string) =>
    [...liveKeys.conversation(clientId), 'messages', lang] as const,
};

const messagesPath = (clientId: string) => `/api/v1/clients/${encodeURIComponent(clientId)}/messages`;

/**
 * The client's conversation, newest page first (each further page is older: "load earlier").
 * Exercise titles come in the workspace's language.
 */
export function useConversation(clientId: string, lang: string) {
  return useInfiniteQuery({
    queryKey: messageKeys.conversation(clientId, lang),
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ lang });
      if (pageParam) params.set('before', pageParam);
      return api<ConversationPage<PracticeMessage>>('GET', `${messagesPath(clientId)}?${params}`);
    },
    initialPageParam: '',
    getNextPageParam: olderCursor,
    retry: false,
  });
}

/** Sends a message; it joins the conversation at once (the socket's event then refetches it). */
export function useSendMessage(clientId: string, lang: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api<PracticeMessage>('POST', messagesPath(clientId), { body }),
    onSuccess: (sent) =>
      queryClient.setQueryData<InfiniteData<ConversationPage<PracticeMessage>>>(
        messageKeys.conversation(clientId, lang),
        (data) => withSent(data, sent),
      ),
  });
}

/** The read receipt for the client's messages up to one; the counts change with it. */
export function useMarkConversationRead(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upTo: string) =>
      api<{ marked: number; unread: number }>('POST', `${messagesPath(clientId)}/read`, { upTo }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: liveKeys.conversations }),
  });
}

/** The practice's clients with unread messages, the most recent first (the API refuses the front desk). */
export function useUnreadMessages(enabled = true) {
  return useQuery({
    queryKey: messageKeys.unread,
    queryFn: () => api<UnreadSummary>('GET', '/api/v1/messages/unread'),
    enabled,
    refetchOnWindowFocus: true,
  });
}
