import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

export type Channel = 'email' | 'sms';
export type Consent = 'allowed' | 'refused';

export interface ChannelPreference {
  status: Consent;
  refusedAt: string | null;
  /** Whether the practice holds an address (email) or a number (sms) for the client. */
  onFile: boolean;
}

/** `GET /api/v1/clients/:id/contact-preferences`. */
export interface ContactPreferences {
  email: ChannelPreference;
  sms: ChannelPreference;
}

const clientPath = (clientId: string) => `/api/v1/clients/${encodeURIComponent(clientId)}`;

export const invitationKeys = {
  preferences: (clientId: string) => ['contact-preferences', clientId] as const,
};

export function useContactPreferences(clientId: string) {
  return useQuery({
    queryKey: invitationKeys.preferences(clientId),
    queryFn: () => api<ContactPreferences>('GET', `${clientPath(clientId)}/contact-preferences`),
  });
}

/** Records the client's refusal of, or consent to, one channel. */
export const setContactPreference = (clientId: string, channel: Channel, consent: Consent) =>
  api<ContactPreferences>('PUT', `${clientPath(clientId)}/contact-preferences`, { [channel]: consent });

/** Sends the client's access code and the app's link by mail or SMS (202: queued). */
export const sendInvitation = (clientId: string, channel: Channel) =>
  api<{ channel: Channel; queuedAt: string }>('POST', `${clientPath(clientId)}/invitations`, { channel });
