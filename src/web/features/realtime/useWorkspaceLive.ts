import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { sessionQueryKey } from '../session/session.js';
import { openLiveSocket } from './liveSocket.js';

/** Query keys that live events make stale: features register theirs under these roots. */
export const liveKeys = {
  notifications: ['notifications'] as const,
  conversations: ['conversations'] as const,
  conversation: (clientId: string) => ['conversations', clientId] as const,
};

/**
 * The workspace's one socket, open while signed in: each event marks the matching queries stale so
 * what is on screen refetches through the API; a (re)connect refetches all of them (the catch-up).
 * Answers whether live updates currently flow.
 */
export function useWorkspaceLive(enabled: boolean): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(true);
  useEffect(() => {
    if (!enabled) return;
    return openLiveSocket({
      path: '/api/v1/realtime',
      onConnected: () => {
        void queryClient.invalidateQueries({ queryKey: liveKeys.notifications });
        void queryClient.invalidateQueries({ queryKey: liveKeys.conversations });
      },
      onEvent: (event) => {
        if (event.type === 'notification.created') {
          void queryClient.invalidateQueries({ queryKey: liveKeys.notifications });
        } else if (event.clientId) {
          void queryClient.invalidateQueries({ queryKey: liveKeys.conversations });
        }
      },
      // The session ended elsewhere: the session query decides where the user goes next.
      onRefused: () => void queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
      onConnectionChange: setConnected,
    });
  }, [enabled, queryClient]);
  return connected;
}
