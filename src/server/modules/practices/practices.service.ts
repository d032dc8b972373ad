import { randomUUID } from 'node:crypto';
import type { Role } from '../../db/schema/index.js';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import { forbidden } from '../../platform/auth-context/auth-context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { memberHasSecondFactor } from './members.repo.js';
import { canChangePracticeSettings } from './practices.policy.js';
import { findPracticeById, insertPractice, type PracticeRow, updatePractice } from './practices.repo.js';

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

/** A signed-in member acting on their practice; the role is read fresh from the session each request. */
export interface MemberCaller {
  practiceId: string;
  practitionerId: string;
  role: Role;
  ip?: string;
  userAgent?: string;
}

export interface PracticeChanges {
  name?: string | undefined;
  address?: string | null | undefined;
  state?: string | null | undefined;
  vatId?: string | null | undefined;
  mfaRequired?: boolean | undefined;
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
  /**
   * Changes the practice's settings and its MFA policy (owner). Requiring MFA is refused while the
   * owner has no second factor, who would otherwise lock themselves out of everything but enrolment.
   */
  update(caller: MemberCaller, changes: PracticeChanges): Promise<Practice>;
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
    update: (caller, changes) =>
      deps.transactor.inPractice(caller.practiceId, async (tx) => {
        if (!canChangePracticeSettings(caller.role)) throw forbidden();
        const before = await findPracticeById(tx, caller.practiceId);
        if (!before) throw notFound();
        const { mfaRequired, ...settings } = changes;
        const turnsMfaOn = mfaRequired === true && !before.mfaRequired;
        if (turnsMfaOn && !(await memberHasSecondFactor(tx, caller.practiceId, caller.practitionerId))) {
          throw conflict(
            'mfa_setup_first',
            'Set up two-step sign-in for your own account first (an authenticator app or a passkey), then require it for the practice.',
          );
        }
        const defined = Object.fromEntries(
          Object.entries(settings).filter(([, value]) => value !== undefined),
        ) as Omit<PracticeChanges, 'mfaRequired'>;
        const changesMfa = mfaRequired !== undefined && mfaRequired !== before.mfaRequired;
        const changesSettings = Object.entries(defined).some(
          ([key, value]) => before[key as keyof typeof defined] !== value,
        );
        if (!changesMfa && !changesSettings) return present(before);
        const row = await updatePractice(tx, caller.practiceId, {
          ...defined,
          ...(changesMfa ? { mfaRequired } : {}),
        });
        if (!row) throw notFound();
        const entry = {
          practiceId: caller.practiceId,
          actor: { type: 'practitioner' as const, id: caller.practitionerId },
          subject: { type: 'practice', id: caller.practiceId },
          outcome: 'success' as const,
          ip: caller.ip,
          userAgent: caller.userAgent,
        };
        if (changesSettings) await deps.audit.record(tx, { ...entry, action: 'practice.update' });
        if (changesMfa) {
          await deps.audit.record(tx, {
            ...entry,
            action: mfaRequired ? 'practice.mfa_policy_on' : 'practice.mfa_policy_off',
          });
        }
        return present(row);
      }),
  };
  return service;
}
