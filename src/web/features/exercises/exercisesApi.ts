import { useQuery } from '@tanstack/react-query';
import { ApiError, api, getCsrfToken } from '../../api/client.js';
import type { Exercise } from '../library/libraryApi.js';
import type { TextLanguage } from './exerciseForm.js';

export interface UploadedMedia {
  id: string;
  kind: 'image' | 'video';
  contentType: string;
  byteSize: number;
  featuredClientId: string | null;
}

/** The exercise in each language it has texts in (the form edits them all at once). */
export function useExerciseInAllLanguages(id: string) {
  return useQuery({
    queryKey: ['exercises', 'all-languages', id],
    queryFn: async () => {
      const path = `/api/v1/exercises/${encodeURIComponent(id)}`;
      const first = await api<Exercise>('GET', `${path}?lang=en`);
      const byLanguage: Partial<Record<TextLanguage, Exercise>> = { [first.language]: first };
      for (const lang of first.languages)
        if (!byLanguage[lang]) byLanguage[lang] = await api<Exercise>('GET', `${path}?lang=${lang}`);
      return byLanguage;
    },
    retry: false,
  });
}

/**
 * Uploads an image or video as multipart/form-data (field "file"). The JSON helper cannot send a
 * form, so this calls fetch itself with the same CSRF header and error shape.
 */
export async function uploadMedia(exerciseId: string, file: File): Promise<UploadedMedia> {
  const csrfToken = getCsrfToken();
  const form = new FormData();
  form.append('file', file);
  let response: Response;
  try {
    response = await fetch(`/api/v1/exercises/${encodeURIComponent(exerciseId)}/media`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      body: form,
    });
  } catch {
    throw new ApiError(0, 'network_error', 'The server could not be reached.');
  }
  const parsed = (await response.json().catch(() => undefined)) as
    | UploadedMedia
    | { error?: { code?: string; message?: string } }
    | undefined;
  if (response.ok) return parsed as UploadedMedia;
  const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(
    response.status,
    error?.code ?? 'unexpected',
    error?.message ?? `The server answered ${response.status}.`,
  );
}

export const saveExercise = (id: string | undefined, body: Record<string, unknown>) =>
  id
    ? api<Exercise>('PATCH', `/api/v1/exercises/${id}`, body)
    : api<Exercise>('POST', '/api/v1/exercises', body);
