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

/** No exercise logged for `days` days since `since` (ISO), at the rule's `threshold`. */
export interface NoAdherenceDetails {
  days: number;
  threshold: number;
  since: string;
}

/** A score worse than the client's baseline by `delta`, at least the measure's MCID. */
export interface OutcomeWorseDetails {
  responseId: string;
  measure: string;
  delta: number;
  mcid: number;
}

/** PHQ-9 item 9 answered above 0. */
export interface SelfHarmDetails {
  responseId: string;
  measure: string;
}

interface AlertBase {
  id: string;
  /** self_harm_risk: shown first and highlighted; act today. */
  urgent: boolean;
  client: { id: string; firstName: string; lastName: string };
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** An alert raised by a client's activity; `kind` decides what `details` holds. */
export type Alert =
  | (AlertBase & { kind: 'pain'; details: PainDetails | null })
  | (AlertBase & { kind: 'access_code_locked'; details: null })
  | (AlertBase & { kind: 'no_adherence'; details: NoAdherenceDetails | null })
  | (AlertBase & { kind: 'outcome_worse'; details: OutcomeWorseDetails | null })
  | (AlertBase & { kind: 'self_harm_risk'; details: SelfHarmDetails | null });

/** The rules a practice or client sets; null: inherited (the practice's default, or Rehabit's). */
export interface AlertRuleValues {
  painAtOrAbove: number | null;
  /** 0 turns the rule off. */
  noAdherenceDays: number | null;
  scoreWorseByMcid: boolean | null;
}

/** Alert rules as the API answers them: the own settings and what applies. */
export interface AlertRules extends AlertRuleValues {
  effective: {
    painAtOrAbove: number;
    noAdherenceDays: number;
    scoreWorseByMcid: boolean;
    /** PHQ-9 item 9 above 0 always raises an urgent alert. */
    selfHarmRisk: true;
  };
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

export const saveAlertRules = (clientId: string | null, rules: AlertRuleValues) =>
  api<AlertRules>('PUT', rulesPath(clientId), rules);

/** Rehabit's own threshold when neither practice nor client set one: only the worst pain alerts. */
export const DEFAULT_PAIN_AT_OR_ABOVE = 10;
/** Rehabit's own days without a log before an alert (the server's default). */
export const DEFAULT_NO_ADHERENCE_DAYS = 7;
/** Rehabit's own choice on alerting for a score worse by the MCID (the server's default). */
export const DEFAULT_SCORE_WORSE_BY_MCID = true;
