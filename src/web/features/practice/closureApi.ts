import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

/** Whether the practice is closing, as `GET /api/v1/practice/closure` answers. */
export interface Closure {
  scheduled: boolean;
  requestedAt: string | null;
  /** When everything is erased; the owner can cancel until then. */
  eraseAfter: string | null;
}

export const closureKey = ['practice', 'closure'] as const;

/** Where the banner's link for the owner lands on the practice page: `/practice#closure`. */
export const closureAnchor = 'closure';

/** The practice's closure, for every member (the banner) and the owner (the section). */
export function useClosure(enabled = true) {
  return useQuery({
    queryKey: closureKey,
    queryFn: () => api<Closure>('GET', '/api/v1/practice/closure'),
    enabled,
    // Read by the banner on every page; an owner's change here updates it at once, a colleague's
    // shows within a few minutes.
    staleTime: 5 * 60_000,
  });
}

/** Schedules the closure; the server keeps the first date when asked twice. */
export const scheduleClosure = () => api<Closure>('POST', '/api/v1/practice/closure', { confirm: true });

export const cancelClosure = () => api<void>('DELETE', '/api/v1/practice/closure');

/** The answer after a cancellation, without asking the server again. */
export const notClosing: Closure = { scheduled: false, requestedAt: null, eraseAfter: null };
