import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

/** A text the practice wrote: English always, German when given. */
export interface LocalText {
  en: string;
  de?: string;
}

/** A custom measure as the server keeps it (the body it was saved with, checked). */
export interface CustomMeasureDefinition {
  name: string;
  instructions?: LocalText;
  items: { text: LocalText; min: number; max: number }[];
  scoring: 'sum' | 'mean';
  bands?: { code: string; from: number; to: number; label: LocalText }[];
  higherIsBetter?: boolean;
  mcid?: number;
}

/**
 * The body of `POST /api/v1/custom-measures` and `PUT …/:id` as the editor sends it: numbers may be
 * null (left empty) so the server names the field that needs one.
 */
export interface CustomMeasureBody {
  name: string;
  instructions?: LocalText;
  items: { text: LocalText; min: number | null; max: number | null }[];
  scoring: 'sum' | 'mean';
  bands?: { code: string; from: number | null; to: number | null; label: LocalText }[];
  higherIsBetter?: boolean;
  mcid?: number | null;
}

export interface CustomMeasure {
  id: string;
  /** custom:<id>, the code it is assigned and answered by. */
  measure: string;
  name: string;
  definition: CustomMeasureDefinition;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

export const customMeasureKeys = {
  all: ['custom-measures'] as const,
  list: (archived: boolean) => ['custom-measures', { archived }] as const,
};

/** The practice's custom measures; archived ones too when asked. */
export function useCustomMeasures(archived: boolean) {
  return useQuery({
    queryKey: customMeasureKeys.list(archived),
    queryFn: async () =>
      (await api<{ items: CustomMeasure[] }>('GET', `/api/v1/custom-measures?archived=${archived}`)).items,
  });
}

/** Creates a measure (no id) or changes one. */
export const saveCustomMeasure = (id: string | undefined, body: CustomMeasureBody) =>
  id
    ? api<CustomMeasure>('PUT', `/api/v1/custom-measures/${encodeURIComponent(id)}`, body)
    : api<CustomMeasure>('POST', '/api/v1/custom-measures', body);

export const archiveCustomMeasure = (id: string) =>
  api<CustomMeasure>('POST', `/api/v1/custom-measures/${encodeURIComponent(id)}/archive`);
