import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import { notFound } from '../../platform/errors.js';
import { findPracticeById, insertPractice, type PracticeRow } from './practices.repo.js';

export interface Practice {
  id: string;
  name: string;
  address: string | null;
  country: string;
  state: string | null;
  vatId: string | null;
  region: string;
  subscriptionStatus: PracticeRow['subscriptionStatus'];
  mfaRequired: boolean;
  createdAt: Date;
}

export interface NewPractice {
  name: string;
  country: string;
  address?: string | undefined;
  state?: string | undefined;
  vatId?: string | undefined;
}

const present = (row: PracticeRow): Practice => ({
  id: row.id,
  name: row.name,
  address: row.address,
  country: row.country,
  state: row.state,
  vatId: row.vatId,
  region: row.region,
  subscriptionStatus: row.subscriptionStatus,
  mfaRequired: row.mfaRequired,
  createdAt: row.createdAt,
});

export interface PracticesService {
  /** Creates a practice in this deployment's region; its creation is the first entry of its audit chain. */
  create(input: NewPractice, actor: { ip?: string; userAgent?: string }): Promise<Practice>;
  /** Creates a practice and, in the same transaction, whatever must exist with it (its owner). */
  createWith<T>(
    input: NewPractice,
    actor: { ip?: string; userAgent?: string },
    within: (tx: Tx, practice: Practice) => Promise<T>,
  ): Promise<T>;
  get(practiceId: string): Promise<Practice>;
}

export function createPracticesService(deps: {
  transactor: Transactor;
  audit: Audit;
  region: string;
}): PracticesService {
  const service: PracticesService = {
    create: (input, actor) => service.createWith(input, actor, async (_tx, practice) => practice),
    async createWith(input, actor, within) {
      const id = randomUUID();
      // The new practice's own fence admits its first row; no cross-practice privilege is needed.
      return deps.transactor.inPractice(id, async (tx) => {
        const row = await insertPractice(tx, {
          id,
          name: input.name,
          address: input.address ?? null,
          state: input.state ?? null,
          vatId: input.vatId ?? null,
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
        return within(tx, present(row));
      });
    },
    async get(practiceId) {
      const row = await deps.transactor.inPractice(practiceId, (tx) => findPracticeById(tx, practiceId));
      if (!row) throw notFound();
      return present(row);
    },
  };
  return service;
}
