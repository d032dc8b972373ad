import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Practitioner } from '../session/session.js';

export type Role = Practitioner['role'];
export const roles: readonly Role[] = ['owner', 'practitioner', 'front_desk'];

/** The caller's practice, as `GET /api/v1/practice` answers it. */
export interface Practice {
  id: string;
  name: string;
  address: string | null;
  country: string;
  state: string | null;
  vatId: string | null;
  region: string;
  subscriptionStatus: string;
  mfaRequired: boolean;
  createdAt: string;
}

export interface Member {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  status: 'active' | 'removed';
  mfa: { totp: boolean; passkeys: number };
  lastSignInAt: string | null;
  createdAt: string;
  /** This member is the signed-in practitioner. */
  you: boolean;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  invitedBy: { id: string; name: string } | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  createdBy: { id: string; name: string } | null;
}

/** The answer to creating a key: the only time the key itself is shown. */
export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  key: string;
  createdAt: string;
}

interface Items<T> {
  items: T[];
}

export const practiceKeys = {
  practice: ['practice'] as const,
  members: ['practice', 'members'] as const,
  invitations: ['practice', 'invitations'] as const,
  apiKeys: ['api-keys'] as const,
};

export function usePractice() {
  return useQuery({
    queryKey: practiceKeys.practice,
    queryFn: () => api<Practice>('GET', '/api/v1/practice'),
  });
}

export function useMembers() {
  return useQuery({
    queryKey: practiceKeys.members,
    queryFn: async () => (await api<Items<Member>>('GET', '/api/v1/practice/members')).items,
  });
}

/** Pending invitations; owners only, so `enabled` is the caller's role check. */
export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: practiceKeys.invitations,
    queryFn: async () => (await api<Items<Invitation>>('GET', '/api/v1/practice/invitations')).items,
    enabled,
  });
}

/** The practice's API keys; owners only. */
export function useApiKeys(enabled: boolean) {
  return useQuery({
    queryKey: practiceKeys.apiKeys,
    queryFn: async () => (await api<Items<ApiKey>>('GET', '/api/v1/api-keys')).items,
    enabled,
  });
}
