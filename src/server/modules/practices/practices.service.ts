import { randomUUID } from 'node:crypto';
import type { Transactor } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import { notFound } from '../../platform/errors.js';
import { findPracticeById, insertPractice, type PracticeRow } from './practices.repo.js';

export interface Practice {
  id: string;
  name: string;
  country: string;
  region: string;
  createdAt: Date;
}

const present = (row: PracticeRow): Practice => ({
  id: row.id,
  name: row.name,
  country: row.country,
  region: row.region,
  createdAt: row.createdAt,
});

export interface PracticesService {
  /** Creates a practice in this deployment's region; its creation is the first entry of its audit chain. */
  create(
    input: { name: string; country: string },
    actor: { ip?: string; userAgent?: string },
  ): Promise<Practice>;
  get(practiceId: string): Promise<Practice>;
}

export function createPracticesService(deps: {
  transactor: Transactor;
  audit: Audit;
  region: string;
}): PracticesService {
  return {
    async create(input, actor) {
      const id = randomUUID();
      // The new practice's own fence admits its first row; no cross-practice privilege is needed.
      return deps.transactor.inPractice(id, async (tx) => {
        const row = await insertPractice(tx, {
          id,
          name: input.name,
          country: input.country.toUpperCase(),
          region: deps.region,
        });
        await deps.audit.record(tx, {
          practiceId: id,
          actor: { type: 'anonymous' },
          action: 'practice.create',
          subject: { type: 'practice', id },
          outcome: 'success',
          ...actor,
        });
        return present(row);
      });
    },
    async get(practiceId) {
      const row = await deps.transactor.inPractice(practiceId, (tx) => findPracticeById(tx, practiceId));
      if (!row) throw notFound();
      return present(row);
    },
  };
}
