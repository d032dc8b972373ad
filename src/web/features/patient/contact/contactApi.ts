import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { patientFetch } from '../patientApi.js';

export type Channel = 'email' | 'sms';

export interface ChannelPreference {
  status: 'allowed' | 'refused';
  refusedAt: string | null;
  /** Whether the practice has an address or number for this channel at all. */
  onFile: boolean;
}

export type ContactPreferences = Record<Channel, ChannelPreference>;

const PATH = '/api/v1/patient/contact-preferences';
export const contactKey = ['patient', 'contact-preferences'] as const;

export function useContactPreferences() {
  return useQuery({
    queryKey: contactKey,
    queryFn: async () => (await (await patientFetch('GET', PATH)).json()) as ContactPreferences,
    networkMode: 'always',
    retry: false,
  });
}

/** Saves one channel's choice; the answer (with the time of a refusal) replaces what is shown. */
export function useSaveContactPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: Partial<Record<Channel, ChannelPreference['status']>>) =>
      (await (await patientFetch('PUT', PATH, { body: change })).json()) as ContactPreferences,
    onSuccess: (saved) => queryClient.setQueryData(contactKey, saved),
  });
}
