import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError } from '../../../api/client.js';
import { type ConversationPage, type Message, olderCursor, withSent } from '../../messages/conversation.js';
import { patientFetch } from '../patientApi.js';

// The client's conversation with the practice. Not kept by the service worker: messages need a
// connection, and offline the requests fail at once (networkMode 'always') so the screen can say so.

/** The server could not be reached (offline, or the network failed on the way). */
export const unreachable = (error: unknown) => error instanceof ApiError && error.status === 0;

async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await patientFetch(method, path, body === undefined ? {} : { body });
  return (await response.json()) as T;
}

const page = (params: Record<string, string>) =>
  json<ConversationPage>('GET', `/api/v1/patient/messages?${new URLSearchParams(params)}`);

/** Under the patient app's root key, so signing out forgets them (see PatientSession). */
export const patientMessageKeys = {
  all: ['patient', 'messages'] as const,
  conversation: ['patient', 'messages', 'conversation'] as const,
  unread: ['patient', 'messages', 'unread'] as const,
};

/** The conversation, newest page first (each further page is older: "load earlier"). */
export function usePatientConversation() {
  return useInfiniteQuery({
    queryKey: patientMessageKeys.conversation,
    queryFn: ({ pageParam }) => page(pageParam ? { before: pageParam } : {}),
    initialPageParam: '',
    getNextPageParam: olderCursor,
    networkMode: 'always',
    // The refetch as the phone comes back online can still meet a network that is not quite there.
    retry: (failures, error) => navigator.onLine && failures < 2 && unreachable(error),
  });
}

/** How many of the practice's messages the client has not read (a count: no message is read for it). */
export function useUnreadPatientMessages(enabled: boolean) {
  return useQuery({
    queryKey: patientMessageKeys.unread,
    queryFn: async () => (await json<{ unread: number }>('GET', '/api/v1/patient/messages/unread')).unread,
    enabled,
    networkMode: 'always',
    retry: false,
  });
}

/** Sends a message; it joins the conversation at once (the socket's event then refetches it). */
export function useSendPatientMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => json<Message>('POST', '/api/v1/patient/messages', { body }),
    networkMode: 'always',
    onSuccess: (sent) =>
      queryClient.setQueryData<InfiniteData<ConversationPage>>(patientMessageKeys.conversation, (data) =>
        withSent(data, sent),
      ),
  });
}

/** The read receipt for the practice's messages up to one; the badge's count changes with it. */
export function useMarkPatientMessagesRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (upTo: string) =>
      json<{ marked: number; unread: number }>('POST', '/api/v1/patient/messages/read', { upTo }),
    networkMode: 'always',
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patientMessageKeys.all }),
  });
}
