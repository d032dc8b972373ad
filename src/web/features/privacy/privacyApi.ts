import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import { isLanguage, type Language } from '../../i18n/language.js';

export interface Localised {
  en: string;
  de: string;
}

/** An outside processor, as GET /api/v1/processors and /api/v1/privacy answer it. */
export interface Processor {
  name: string;
  purpose: Localised;
  location: string | null;
  dataCategories: { id: string; label: Localised }[];
  termsUrl: string | null;
  service: string;
  source: 'register' | 'derived';
}

export interface DataCategory {
  id: string;
  subject: 'practitioner' | 'client';
  label: Localised;
  includes: Localised;
  protection: ('enc' | 'hash' | 'bidx' | 'plain')[];
}

export interface Privacy {
  region: string;
  processors: Processor[];
  dataCategories: DataCategory[];
  neverStored: Localised[];
}

/** The server's text in the reader's language (English for any other). */
export const inLanguage = (text: Localised, language: string): string =>
  text[isLanguage(language) ? (language as Language) : 'en'];

/** The public privacy summary: no session needed. */
export function usePrivacy() {
  return useQuery({
    queryKey: ['privacy'],
    queryFn: () => api<Privacy>('GET', '/api/v1/privacy'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The register for members of a practice. */
export function useProcessors() {
  return useQuery({
    queryKey: ['processors'],
    queryFn: async () => (await api<{ items: Processor[] }>('GET', '/api/v1/processors')).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
