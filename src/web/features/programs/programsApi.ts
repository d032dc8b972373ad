import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client.js';
import type { Side } from '../library/libraryApi.js';

/** An exercise as a program shows it (null when it no longer exists). */
export interface ProgramExercise {
  id: string;
  source: 'library' | 'practice';
  title: string;
  description: string;
  bodyRegion: string;
  equipment: string[];
  position: string;
  difficulty: string;
  archived: boolean;
}

export interface ProgramItem {
  id: string;
  exerciseId: string;
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  timesPerDay: number | null;
  daysPerWeek: number | null;
  side: Side | null;
  load: string | null;
  notes: string | null;
  exercise: ProgramExercise | null;
}

type Person = { id: string; name: string } | null;

export interface Program {
  id: string;
  clientId: string;
  version: number;
  items: ProgramItem[];
  educationIds: string[];
  outcomeMeasures: string[];
  note: string | null;
  updatedAt: string;
  updatedBy: Person;
}

export interface ProgramWithCode {
  program: Program;
  accessCode: string;
}

export interface ProgramVersion {
  version: number;
  createdAt: string;
  createdBy: Person;
  itemCount: number;
}

export interface TemplateSummary {
  id: string;
  name: string;
  description: string | null;
  shared: boolean;
  owner: Person;
  mine: boolean;
  canEdit: boolean;
  createdAt: string;
  updatedAt: string;
  itemCount: number;
}

export const OUTCOME_MEASURES = ['NPRS', 'PSFS', 'PHQ-9', 'GAD-7', 'GROC', 'LEFS', 'FABQ'] as const;

export const programKeys = {
  current: (clientId: string, lang: string) => ['programs', clientId, 'current', lang] as const,
  versions: (clientId: string) => ['programs', clientId, 'versions'] as const,
  version: (clientId: string, version: number, lang: string) =>
    ['programs', clientId, 'version', version, lang] as const,
  templates: ['program-templates'] as const,
};

const programPath = (clientId: string) => `/api/v1/clients/${encodeURIComponent(clientId)}/program`;

/** The client's current program with its access code, or null while the client has none (404). */
export function useCurrentProgram(clientId: string, lang: string) {
  return useQuery({
    queryKey: programKeys.current(clientId, lang),
    queryFn: async () => {
      try {
        return await api<ProgramWithCode>('GET', `${programPath(clientId)}?lang=${lang}`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && error.code === 'not_found') return null;
        throw error;
      }
    },
    retry: false,
  });
}

export function useProgramVersions(clientId: string, enabled: boolean) {
  return useQuery({
    queryKey: programKeys.versions(clientId),
    queryFn: async () =>
      (await api<{ items: ProgramVersion[] }>('GET', `${programPath(clientId)}/versions`)).items,
    enabled,
  });
}

export function useProgramVersion(clientId: string, version: number | null, lang: string) {
  return useQuery({
    queryKey: programKeys.version(clientId, version ?? 0, lang),
    queryFn: () => api<Program>('GET', `${programPath(clientId)}/versions/${version}?lang=${lang}`),
    enabled: version !== null,
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: programKeys.templates,
    queryFn: async () => (await api<{ items: TemplateSummary[] }>('GET', '/api/v1/program-templates')).items,
  });
}

export const programApi = {
  save: (clientId: string, lang: string, body: unknown) =>
    api<ProgramWithCode>('PUT', `${programPath(clientId)}?lang=${lang}`, body),
  rotateCode: (clientId: string) =>
    api<{ accessCode: string }>('POST', `/api/v1/clients/${encodeURIComponent(clientId)}/access-code`),
  saveAsTemplate: (clientId: string, name: string, shared: boolean) =>
    api<{ id: string; name: string }>('POST', `${programPath(clientId)}/template`, { name, shared }),
  fromTemplate: (clientId: string, templateId: string) =>
    api<ProgramWithCode>('POST', `${programPath(clientId)}/from-template`, { templateId }),
  handoutUrl: (clientId: string, lang: string) => `${programPath(clientId)}/handout.pdf?lang=${lang}`,
};
