import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';

/** inactive: longest without a log first; adherence: lowest first; name: alphabetical. */
export const overviewSorts = ['inactive', 'adherence', 'name'] as const;
export type OverviewSort = (typeof overviewSorts)[number];

export interface OverviewRow {
  clientId: string;
  firstName: string;
  lastName: string;
  lastActivity: string | null;
  prescribed: number;
  done: number;
  percent: number | null;
}

export interface Overview {
  from: string;
  to: string;
  items: OverviewRow[];
}

/** Every active client with a program, with last activity and adherence over the last `days`. */
export function useAdherenceOverview(days: number, sort: OverviewSort) {
  return useQuery({
    queryKey: ['adherence-overview', days, sort] as const,
    queryFn: () =>
      api<Overview>('GET', `/api/v1/adherence-overview?${new URLSearchParams({ days: String(days), sort })}`),
    placeholderData: keepPreviousData,
  });
}
