import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import { countEntriesByClient, listClientsWithPrograms } from './adherence.repo.js';
import type { PractitionerCaller } from './patient-access.service.js';

export const overviewSorts = ['inactive', 'adherence', 'name'] as const;
export type OverviewSort = (typeof overviewSorts)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (at: Date) => at.toISOString().slice(0, 10);

interface OverviewRow {
  clientId: string;
  firstName: string;
  lastName: string;
  lastActivity: string | null;
  prescribed: number;
  done: number;
  percent: number | null;
}

const comparators: Record<OverviewSort, (a: OverviewRow, b: OverviewRow) => number> = {
  // Whoever has gone quiet longest first: never active before long ago.
  inactive: (a, b) => (a.lastActivity ?? '').localeCompare(b.lastActivity ?? ''),
  adherence: (a, b) => (a.percent ?? 101) - (b.percent ?? 101),
  name: (a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName),
};

/**
 * The practice dashboard: each active client with a program, their last day with a log and their
 * adherence over the last days, from counts alone (no health detail is decrypted for it).
 */
export function createAdherenceOverview(deps: { transactor: Transactor; audit: Audit; clock: Clock }) {
  return async (caller: PractitionerCaller, query: { days: number; sort: OverviewSort }) => {
    const to = isoDay(deps.clock.now());
    const from = isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - (query.days - 1) * DAY_MS));
    return deps.transactor.inPractice(caller.practiceId, async (tx) => {
      const clientsWithPrograms = await listClientsWithPrograms(tx, caller.practiceId);
      const { counts, lastDays } = await countEntriesByClient(tx, caller.practiceId, from, to);
      const doneBy = new Map(counts.map((row) => [`${row.clientId}/${row.programItemId}`, row.done]));
      const lastBy = new Map(lastDays.map((row) => [row.clientId, row.last]));
      const items = clientsWithPrograms.map(({ clientId, firstName, lastName, content }) => {
        let prescribed = 0;
        let done = 0;
        for (const item of content.items) {
          const due = Math.round(((item.timesPerDay ?? 1) * (item.daysPerWeek ?? 7) * query.days) / 7);
          prescribed += due;
          done += Math.min(due, doneBy.get(`${clientId}/${item.id}`) ?? 0);
        }
        const percent = prescribed === 0 ? null : Math.round((100 * done) / prescribed);
        return {
          clientId,
          firstName,
          lastName,
          lastActivity: lastBy.get(clientId) ?? null,
          prescribed,
          done,
          percent,
        };
      });
      items.sort((a, b) => comparators[query.sort](a, b) || comparators.name(a, b));
      await deps.audit.record(tx, {
        practiceId: caller.practiceId,
        actor: caller.actor,
        action: 'adherence.overview',
        subject: { type: 'client_count', id: String(items.length) },
        outcome: 'success',
      });
      return { from, to, items };
    });
  };
}
