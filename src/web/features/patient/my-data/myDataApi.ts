import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { patientMessageKeys } from '../messages/patientMessagesApi.js';
import { patientFetch } from '../patientApi.js';

/** The client fields a correction can be about (the server's list). */
export const correctableFields = [
  'firstName',
  'lastName',
  'gender',
  'yearOfBirth',
  'email',
  'mobile',
  'diagnosisCode',
  'nationalId',
  'language',
] as const;
export type CorrectableField = (typeof correctableFields)[number];

/** One act of the practice on the client's record, as GET /api/v1/patient/record-access answers it. */
export interface RecordAccess {
  at: string;
  who: {
    type: 'practitioner' | 'api_key' | 'operator';
    name: string | null;
    role: 'owner' | 'practitioner' | 'front_desk' | null;
  };
  activity: string;
  fields: string[];
}

const PAGE = 20;
export const recordAccessKey = ['patient', 'record-access'] as const;

/** Who opened the record, newest first, a page at a time. */
export function useRecordAccess() {
  return useInfiniteQuery({
    queryKey: recordAccessKey,
    initialPageParam: 0,
    queryFn: async ({ pageParam }) =>
      (await (
        await patientFetch('GET', `/api/v1/patient/record-access?limit=${PAGE}&offset=${pageParam}`)
      ).json()) as { items: RecordAccess[]; hasMore: boolean },
    getNextPageParam: (last, pages) => (last.hasMore ? pages.length * PAGE : undefined),
    networkMode: 'always',
    retry: false,
  });
}

/** Sends a correction request; it joins the conversation with the practice. */
export function useRequestCorrection() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (request: { field?: CorrectableField; message: string }) =>
      (await patientFetch('POST', '/api/v1/patient/correction-requests', { body: request })).json(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patientMessageKeys.all }),
  });
}
