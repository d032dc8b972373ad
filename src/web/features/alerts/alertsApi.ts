import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

export type AlertStatus = 'open' | 'acknowledged' | 'all';

/** What a pain alert records: the logged entry and the threshold it reached. */
export interface PainDetails {
  painLevel: number;
  threshold: number;
  programItemId: string;
  date: string;
  entryId: string;
}

interface AlertBase {
  id: string;
  client: { id: string; firstName: string; lastName: string };
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** An alert raised by a client's activity; `kind` decides what `details` holds. */
export type Alert =
  | (AlertBase & { kind: 'pain'; details: PainDetails | null })
  | (AlertBase & { kind: 'access_code_locked'; details: null });

/** Alert rules as the API answers them: the own setting (null: inherited) and what applies. */
export interface AlertRules {
  painAtOrAbove: number | null;
  effective: { painAtOrAbove: number };
}

/** The server's page size for the inbox; a full page means there may be more. */
export const ALERT_PAGE = 50;
/** How often the open count refreshes, so a new pain alert reaches the navigation soon. */
export const OPEN_ALERTS_REFRESH_MS = 30_000;

export const alertKeys = {
  all: ['alerts'] as const,
  list: (status: AlertStatus) => ['alerts', 'list', status] as const,
  openCount: ['alerts', 'open-count'] as const,
  practiceRules: ['alert-rules', 'practice'] as const,
  clientRules: (clientId: string) => ['alert-rules', 'client', clientId] as const,
};

const listPath = (params: Record<string, string>) => `/api/v1/alerts?${new URLSearchParams(params)}`;

/** The inbox, newest first, a page at a time (the next page starts before the last alert shown). */
export function useAlerts(status: AlertStatus) {
  return useInfiniteQuery({
    queryKey: alertKeys.list(status),
    queryFn: async ({ pageParam }) => {
      const params: Record<string, string> = { status, limit: String(ALERT_PAGE) };
      if (pageParam) params.before = pageParam;
      return (await api<{ items: Alert[] }>('GET', listPath(params))).items;
    },
    initialPageParam: '',
    getNextPageParam: (page) => (page.length === ALERT_PAGE ? page.at(-1)?.createdAt : undefined),
    refetchInterval: OPEN_ALERTS_REFRESH_MS,
  });
}

/**
 * How many alerts are open (up to the page size; more shows as "50+"), for the navigation's badge.
 * Refreshes on a timer and when the window regains focus.
 */
export function useOpenAlertCount(enabled: boolean) {
  return useQuery({
    queryKey: alertKeys.openCount,
    queryFn: async () =>
      (await api<{ items: Alert[] }>('GET', listPath({ status: 'open', limit: String(ALERT_PAGE) }))).items
        .length,
    enabled,
    refetchInterval: OPEN_ALERTS_REFRESH_MS,
    refetchOnWindowFocus: true,
  });
}

export const acknowledgeAlert = (id: string) =>
  api<Alert>('POST', `/api/v1/alerts/${encodeURIComponent(id)}/acknowledge`);

const rulesPath = (clientId: string | null) =>
  clientId ? `/api/v1/clients/${encodeURIComponent(clientId)}/alert-rules` : '/api/v1/alert-rules';

/** The practice's defaults (clientId null) or one client's rules. */
export function useAlertRules(clientId: string | null) {
  return useQuery({
    queryKey: clientId ? alertKeys.clientRules(clientId) : alertKeys.practiceRules,
    queryFn: () => api<AlertRules>('GET', rulesPath(clientId)),
  });
}

export const saveAlertRules = (clientId: string | null, painAtOrAbove: number | null) =>
  api<AlertRules>('PUT', rulesPath(clientId), { painAtOrAbove });

/** Rehabit's own threshold when neither practice nor client set one: only the worst pain alerts. */
export const DEFAULT_PAIN_AT_OR_ABOVE = 10;
