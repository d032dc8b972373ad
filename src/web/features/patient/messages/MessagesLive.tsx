import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { openLiveSocket } from '../../realtime/liveSocket.js';
import { patientKeys } from '../patientApi.js';
import { useSession } from '../session.js';
import { patientMessageKeys } from './patientMessagesApi.js';

/**
 * The app's socket while a client is signed in: a new or read message in their conversation makes
 * the messages refetch, and so does every (re)connect (the catch-up after a gap). Renders nothing.
 */
export function MessagesLive() {
  const token = useSession()?.token;
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!token) return;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: patientMessageKeys.all });
    return openLiveSocket({
      path: '/api/v1/patient/realtime',
      // A browser cannot set a header on a socket: the token goes in the first message.
      hello: () => ({ type: 'auth', token }),
      onConnected: refresh,
      onEvent: (event) => {
        if (event.type === 'message.created' || event.type === 'message.read') refresh();
      },
      // The token no longer works: the session check's 401 then signs the app out (see patientFetch).
      onRefused: () => void queryClient.invalidateQueries({ queryKey: patientKeys.me }),
    });
  }, [token, queryClient]);
  return null;
}
