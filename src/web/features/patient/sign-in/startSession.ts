import type { QueryClient } from '@tanstack/react-query';
import { clearOfflineData } from '../offlineData.js';
import { saveSession } from '../session.js';
import type { PatientSession } from '../types.js';

/** Starts a session from a sign-in answer, with the code or a passkey alike. */
export async function startSession(queryClient: QueryClient, session: PatientSession): Promise<void> {
  // Another person's program and media may still be in the offline copy of this phone.
  await clearOfflineData();
  queryClient.clear();
  saveSession({ token: session.token, expiresAt: session.expiresAt, firstName: session.client.firstName });
}
