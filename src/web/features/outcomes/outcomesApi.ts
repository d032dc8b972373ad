import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

export type Direction = 'higher_is_better' | 'lower_is_better';
export type Schedule = 'once' | 'every_days' | 'every_weeks' | 'at_discharge';
export const schedules: Schedule[] = ['once', 'every_days', 'every_weeks', 'at_discharge'];

/** A band of a measure's total, its label in the asked language. */
export interface Band {
  code: string;
  from: number;
  to: number;
  label: string;
}

/** One question of a measure; `text` is null for a licensed instrument without its content pack. */
export interface MeasureItem {
  id: string;
  text: string | null;
  preamble: string | null;
  min: number;
  max: number;
  options: { value: number; label: string | null }[] | null;
  anchors: { min: string | null; max: string | null } | null;
  scored: boolean;
}

/** A measure of the catalogue (`GET /api/v1/outcome-measures`), texts in the asked language. */
export interface Measure {
  measure: string;
  custom: boolean;
  name: string;
  version: string;
  language: string;
  textAvailable: boolean;
  instructions: string | null;
  items: MeasureItem[];
  range: { min: number; max: number } | null;
  direction: Direction;
  bands: Band[];
  mcid: number | null;
  subscales: { key: string; label: string; min: number; max: number }[];
  licence: { holder: string; terms: string; textShipped: boolean };
  attribution: string[];
  notes: string[];
}

export interface Assignment {
  id: string;
  clientId: string;
  measure: string;
  name: string;
  schedule: Schedule;
  interval: number | null;
  activities: string[] | null;
  startsAt: string;
  nextDueAt: string | null;
  due: boolean;
  endedAt: string | null;
  createdAt: string;
}

export interface Score {
  total: number | null;
  band?: string;
  subscales?: Record<string, number>;
  flags: string[];
}

export interface Change {
  delta: number;
  improved: boolean;
  worsened: boolean;
  clinicallyImportant: boolean;
}

/** A stored response with its score, from the app or entered in clinic. */
export interface OutcomeResponse {
  id: string;
  measure: string;
  name: string;
  source: 'patient' | 'clinic';
  answers: (number | null)[];
  activities: string[] | null;
  score: Score;
  change: Change | null;
  takenAt: string;
}

export interface ProgressPoint {
  responseId: string;
  takenAt: string;
  source: 'patient' | 'clinic';
  total: number | null;
  band: string | null;
  flags: string[];
  change: Change | null;
}

/** One measure over time with its bands and each change from the baseline. */
export interface Progress {
  measure: string;
  name: string;
  range: { min: number; max: number } | null;
  direction: Direction;
  bands: Band[];
  mcid: number | null;
  baseline: { responseId: string; takenAt: string; total: number } | null;
  points: ProgressPoint[];
}

export interface AssignInput {
  measure: string;
  schedule: Schedule;
  interval?: number;
  activities?: string[];
}

export interface EntryInput {
  measure: string;
  answers: (number | null)[];
  activities?: string[];
  /** When the answers were taken (ISO); not in the future. */
  takenAt?: string;
}

/** The answer to PHQ-9 item 9 above 0: shown in red with words wherever a score is. */
export const SELF_HARM_FLAG = 'self_harm_risk';

const clientPath = (clientId: string) => `/api/v1/clients/${encodeURIComponent(clientId)}`;

export const outcomeKeys = {
  catalogue: (lang: string) => ['outcome-measures', lang] as const,
  client: (clientId: string) => ['outcomes', clientId] as const,
  assignments: (clientId: string) => ['outcomes', clientId, 'assignments'] as const,
  responses: (clientId: string) => ['outcomes', clientId, 'responses'] as const,
  progress: (clientId: string, measure: string, lang: string) =>
    ['outcomes', clientId, 'progress', measure, lang] as const,
};

/** Every measure Rehabit scores and the practice's own; it changes rarely, so it stays fresh a while. */
export function useCatalogue(lang: string) {
  return useQuery({
    queryKey: outcomeKeys.catalogue(lang),
    queryFn: async () =>
      (await api<{ items: Measure[] }>('GET', `/api/v1/outcome-measures?lang=${encodeURIComponent(lang)}`))
        .items,
    staleTime: 5 * 60_000,
  });
}

/** The client's running assignments. */
export function useAssignments(clientId: string) {
  return useQuery({
    queryKey: outcomeKeys.assignments(clientId),
    queryFn: async () =>
      (await api<{ items: Assignment[] }>('GET', `${clientPath(clientId)}/outcome-assignments?active=true`))
        .items,
  });
}

/** The client's responses, oldest first (as the server answers). */
export function useResponses(clientId: string) {
  return useQuery({
    queryKey: outcomeKeys.responses(clientId),
    queryFn: async () =>
      (await api<{ items: OutcomeResponse[] }>('GET', `${clientPath(clientId)}/outcome-responses`)).items,
  });
}

export function useProgress(clientId: string, measure: string, lang: string) {
  return useQuery({
    queryKey: outcomeKeys.progress(clientId, measure, lang),
    queryFn: () =>
      api<Progress>(
        'GET',
        `${clientPath(clientId)}/outcome-progress?${new URLSearchParams({ measure, lang })}`,
      ),
  });
}

export const assignMeasure = (clientId: string, input: AssignInput) =>
  api<Assignment>('POST', `${clientPath(clientId)}/outcome-assignments`, input);

export const endAssignment = (clientId: string, assignmentId: string) =>
  api<Assignment>(
    'POST',
    `${clientPath(clientId)}/outcome-assignments/${encodeURIComponent(assignmentId)}/end`,
  );

export const dischargeClient = (clientId: string) =>
  api<{ items: Assignment[] }>('POST', `${clientPath(clientId)}/outcome-assignments/discharge`);

export const enterResponse = (clientId: string, input: EntryInput) =>
  api<OutcomeResponse>('POST', `${clientPath(clientId)}/outcome-responses`, input);
