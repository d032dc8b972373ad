import { useQuery } from '@tanstack/react-query';
import { patientFetch } from '../patientApi.js';

/** One question as the app shows it, in the client's language. */
export interface PatientItem {
  id: string;
  text: string | null;
  preamble: string | null;
  min: number;
  max: number;
  options: { value: number; label: string | null }[] | null;
  anchors: { min: string | null; max: string | null } | null;
  scored: boolean;
}

export interface PatientMeasure {
  measure: string;
  name: string;
  instructions: string | null;
  items: PatientItem[];
}

/** A questionnaire due now (`GET /api/v1/patient/outcome-measures`). */
export interface DueQuestionnaire {
  assignmentId: string;
  dueAt: string;
  /** PSFS: the activities the practitioner entered, each rated in order. */
  activities: string[] | null;
  measure: PatientMeasure;
}

/** The response as stored; the app shows no score (a questionnaire is not a test the patient passes). */
export interface SubmittedResponse {
  id: string;
  measure: string;
  score: { flags: string[] };
}

export const questionnaireKeys = {
  due: ['patient', 'questionnaires'] as const,
};

/** What is due now; networkMode 'always' so that offline it fails at once rather than pausing. */
export function useDueQuestionnaires() {
  return useQuery({
    queryKey: questionnaireKeys.due,
    queryFn: async () => {
      const response = await patientFetch('GET', '/api/v1/patient/outcome-measures');
      return ((await response.json()) as { items: DueQuestionnaire[] }).items;
    },
    networkMode: 'always',
    staleTime: 60_000,
    retry: 1,
  });
}

export async function submitQuestionnaire(body: {
  measure: string;
  answers: (number | null)[];
}): Promise<SubmittedResponse> {
  const response = await patientFetch('POST', '/api/v1/patient/outcome-responses', { body });
  return (await response.json()) as SubmittedResponse;
}
