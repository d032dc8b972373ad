import { useQuery } from '@tanstack/react-query';
import { patientApi, patientKeys } from './patientApi.js';
import { useToday } from './useNetwork.js';

/**
 * Today's program. networkMode 'always': offline the request still goes out, and the service worker
 * answers it from its copy (TanStack Query would otherwise pause it and show nothing).
 */
export function useProgram() {
  const today = useToday();
  const query = useQuery({
    queryKey: patientKeys.program(today),
    queryFn: () => patientApi.program(today),
    networkMode: 'always',
    staleTime: 60_000,
    retry: 1,
  });
  return { today, ...query };
}
