import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

export const genders = ['female', 'male', 'non_binary', 'other', 'not_stated'] as const;
export type Gender = (typeof genders)[number];
export type Language = 'en' | 'de';

/** A client in a list: no encrypted fields. */
export interface ClientSummary {
  id: string;
  firstName: string;
  lastName: string;
  gender: Gender;
  yearOfBirth: number;
  language: Language;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A client in full, as `GET /api/v1/clients/:id` answers. */
export interface Client extends ClientSummary {
  email: string | null;
  mobile: string | null;
  diagnosisCode: string | null;
  nationalId: string | null;
  nationalIdKind: 'nhs_number' | 'personnummer' | 'samordningsnummer' | null;
}

export type ClientStatus = 'active' | 'archived' | 'all';

export const clientKeys = {
  all: ['clients'] as const,
  list: (q: string, status: ClientStatus) => ['clients', 'list', { q, status }] as const,
  one: (id: string) => ['clients', 'one', id] as const,
  diagnosisCodes: (q: string, lang: string) => ['diagnosis-codes', q, lang] as const,
};

/** The practice's clients matching a name search; keeps the last list while the next one loads. */
export function useClients(q: string, status: ClientStatus) {
  return useQuery({
    queryKey: clientKeys.list(q, status),
    queryFn: () => {
      const params = new URLSearchParams({ status, limit: '200' });
      if (q.trim()) params.set('q', q.trim());
      return api<{ items: ClientSummary[]; total: number }>('GET', `/api/v1/clients?${params}`);
    },
    placeholderData: keepPreviousData,
  });
}

export function useClient(id: string) {
  return useQuery({
    queryKey: clientKeys.one(id),
    queryFn: () => api<Client>('GET', `/api/v1/clients/${encodeURIComponent(id)}`),
    retry: false,
  });
}

/** ICD-10 codes for the diagnosis field's suggestions. */
export function useDiagnosisCodes(q: string, lang: string) {
  return useQuery({
    queryKey: clientKeys.diagnosisCodes(q, lang),
    queryFn: async () => {
      const params = new URLSearchParams({ lang, limit: '10' });
      if (q.trim()) params.set('q', q.trim());
      return (
        await api<{ items: { code: string; title: string }[] }>('GET', `/api/v1/diagnosis-codes?${params}`)
      ).items;
    },
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
