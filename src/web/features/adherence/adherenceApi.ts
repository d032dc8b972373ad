import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

/** One exercise the client logged, as the patient app sent it (decrypted by the server). */
export interface AdherenceEntry {
  id: string;
  clientEntryId: string;
  programItemId: string;
  programVersion: number;
  date: string;
  setsDone: number | null;
  repsDone: number | null;
  holdSeconds: number | null;
  painLevel: number | null;
  comment: string | null;
  receivedAt: string;
}

export interface ExerciseAdherence {
  programItemId: string;
  exerciseId: string;
  prescribed: number;
  done: number;
  percent: number | null;
  lastDone: string | null;
  averagePain: number | null;
}

/** Adherence against the prescription over a period (see the server's adherence-summary.ts). */
export interface AdherenceSummary {
  from: string;
  to: string;
  prescribed: number;
  done: number;
  percent: number | null;
  activeDays: number;
  missedDays: number;
  currentStreak: number;
  longestStreak: number;
  lastActivity: string | null;
  painTrend: { date: string; average: number; max: number }[];
  perExercise: ExerciseAdherence[];
}

export interface Adherence {
  items: AdherenceEntry[];
  summary: AdherenceSummary;
}

/** The devices signed in to the client's app, and whether the access code is locked. */
export interface AppAccess {
  devices: { id: string; userAgent: string | null; createdAt: string; lastSeenAt: string }[];
  recentYearOfBirthFailures: number;
  lockedUntil: string | null;
}

const clientPath = (clientId: string) => `/api/v1/clients/${encodeURIComponent(clientId)}`;

export const adherenceKeys = {
  period: (clientId: string, from: string, to: string) => ['adherence', clientId, from, to] as const,
  appAccess: (clientId: string) => ['app-access', clientId] as const,
};

/** The client's adherence over a period; the last answer stays while another period loads. */
export function useAdherence(clientId: string, period: { from: string; to: string }) {
  return useQuery({
    queryKey: adherenceKeys.period(clientId, period.from, period.to),
    queryFn: () => api<Adherence>('GET', `${clientPath(clientId)}/adherence?${new URLSearchParams(period)}`),
    placeholderData: keepPreviousData,
  });
}

export function useAppAccess(clientId: string) {
  return useQuery({
    queryKey: adherenceKeys.appAccess(clientId),
    queryFn: () => api<AppAccess>('GET', `${clientPath(clientId)}/app-access`),
  });
}

/** Signs every device out of the client's app; the access code keeps working. */
export const signOutDevices = (clientId: string) =>
  api<{ signedOut: number }>('DELETE', `${clientPath(clientId)}/app-sessions`);
