import { forbidden } from '../../platform/auth-context/auth-context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { type ErasureDeps, eraseClientRows, erasePracticeAsSystem, finishErasure } from './erasure.core.js';
import {
  canCancelClosure,
  closureDateText,
  closureEraseAfter,
  type ErasureCaller,
} from './erasure.policy.js';
import {
  findClientOfPractice,
  findMemberContact,
  findPracticeClosure,
  insertLedgerEntry,
  listPracticesDueForErasure,
  lockPracticeClosure,
  type NewLedgerEntry,
  type PracticeClosure,
  setPracticeClosure,
} from './erasure.repo.js';
import type { ClosureView } from './erasure.schema.js';

export interface ErasureService {
  /** Erases a client of the caller's practice now (owner only); 404 for any other id. */
  eraseClient(caller: ErasureCaller, clientId: string): Promise<{ clientId: string; erasedAt: Date }>;
  closure(caller: ErasureCaller): Promise<ClosureView>;
  /** Schedules the practice's erasure after the grace period and mails the owner the date (owner only). */
  scheduleClosure(caller: ErasureCaller): Promise<ClosureView>;
  /** Cancels a scheduled closure while its grace period lasts (owner only). */
  cancelClosure(caller: ErasureCaller): Promise<void>;
  /** The daily job: erases every practice whose grace period has passed; answers how many. */
  eraseDuePractices(): Promise<number>;
}

const ownerOnly = (what: string) => forbidden(`Only the practice owner can ${what}.`);

const view = (practice: PracticeClosure | undefined): ClosureView => ({
  scheduled: Boolean(practice?.closureEraseAfter),
  requestedAt: practice?.closureRequestedAt?.toISOString() ?? null,
  eraseAfter: practice?.closureEraseAfter?.toISOString() ?? null,
});

export function createErasureService(
  deps: ErasureDeps & { mailer: Mailer; publicUrl: URL; graceDays: number },
): ErasureService {
  const { transactor, audit, clock } = deps;

  const origin = (caller: ErasureCaller) => ({
    ...(caller.ip ? { ip: caller.ip } : {}),
    ...(caller.userAgent ? { userAgent: caller.userAgent } : {}),
  });

  /** A refused attempt leaves its trace too: who tried to erase or close, from where. */
  const recordDenied = (caller: ErasureCaller, action: string, subject: { type: string; id: string }) =>
    transactor.inPractice(caller.practiceId, (tx) =>
      audit.record(tx, {
        practiceId: caller.practiceId,
        actor: { type: 'practitioner', id: caller.practitionerId },
        action,
        subject,
        outcome: 'denied',
        ...origin(caller),
      }),
    );

  return {
    async eraseClient(caller, clientId) {
      if (!caller.isOwner) {
        await recordDenied(caller, 'client.erase', { type: 'client', id: clientId });
        throw ownerOnly('erase a client');
      }
      const erasedAt = clock.now();
      const entry: NewLedgerEntry = {
        subjectId: clientId,
        kind: 'client',
        practiceId: caller.practiceId,
        erasedAt,
        actorType: 'practitioner',
        actorId: caller.practitionerId,
      };
      // One transaction: the ledger entry (system role: the ledger is deployment-wide) commits together
      // with the deletions and the key's destruction (tenant role, fenced to the caller's practice).
      const aftermath = await transactor.asSystemThenInPractice(
        caller.practiceId,
        async (tx) => {
          if (!(await findClientOfPractice(tx, caller.practiceId, clientId))) return undefined;
          // Already in the ledger only when a restore brought the client back: erase again, keep the entry.
          return { added: await insertLedgerEntry(tx, entry) };
        },
        async (tx, found) => {
          const result = found ? await eraseClientRows(tx, caller.practiceId, clientId, erasedAt) : undefined;
          // Not found, or erased by a concurrent request meanwhile (its transaction committed first).
          if (!found || !result?.erased) throw notFound();
          await audit.record(tx, {
            practiceId: caller.practiceId,
            actor: { type: 'practitioner', id: caller.practitionerId },
            action: 'client.erase',
            subject: { type: 'client', id: clientId },
            outcome: 'success',
            ...origin(caller),
          });
          return {
            mediaKeys: result.mediaKeys,
            destroyedKeyIds: result.destroyedKeyIds,
            ledger: found.added ? [entry] : [],
          };
        },
      );
      await finishErasure(deps, aftermath);
      return { clientId, erasedAt };
    },

    async closure(caller) {
      return view(
        await transactor.inPractice(caller.practiceId, (tx) => findPracticeClosure(tx, caller.practiceId)),
      );
    },

    async scheduleClosure(caller) {
      if (!caller.isOwner) {
        await recordDenied(caller, 'practice.closure_schedule', { type: 'practice', id: caller.practiceId });
        throw ownerOnly('close the practice');
      }
      const now = clock.now();
      return transactor.inPractice(caller.practiceId, async (tx) => {
        const practice = await lockPracticeClosure(tx, caller.practiceId);
        if (!practice) throw notFound();
        // Asking twice keeps the first date (and sends no second mail): the grace never silently shrinks.
        if (practice.closureEraseAfter) return view(practice);
        const eraseAfter = closureEraseAfter(now, deps.graceDays);
        await setPracticeClosure(tx, caller.practiceId, {
          requestedAt: now,
          requestedBy: caller.practitionerId,
          eraseAfter,
        });
        await audit.record(tx, {
          practiceId: caller.practiceId,
          actor: { type: 'practitioner', id: caller.practitionerId },
          action: 'practice.closure_schedule',
          subject: { type: 'practice', id: caller.practiceId },
          outcome: 'success',
          ...origin(caller),
        });
        const owner = await findMemberContact(tx, caller.practiceId, caller.practitionerId);
        if (owner) {
          await deps.mailer.enqueue(tx, {
            practiceId: caller.practiceId,
            to: owner.email,
            template: 'practice_closure',
            language: owner.language,
            params: {
              practiceName: practice.name,
              date: closureDateText(eraseAfter, owner.language),
              link: new URL('/practice', deps.publicUrl).toString(),
            },
          });
        }
        return view({ ...practice, closureRequestedAt: now, closureEraseAfter: eraseAfter });
      });
    },

    async cancelClosure(caller) {
      if (!caller.isOwner) {
        await recordDenied(caller, 'practice.closure_cancel', { type: 'practice', id: caller.practiceId });
        throw ownerOnly('cancel the closure');
      }
      await transactor.inPractice(caller.practiceId, async (tx) => {
        const practice = await lockPracticeClosure(tx, caller.practiceId);
        if (!practice?.closureEraseAfter)
          throw conflict('closure_not_scheduled', 'The practice is not closing.');
        if (!canCancelClosure(practice.closureEraseAfter, clock.now()))
          throw new AppError(
            'closure_grace_over',
            409,
            'The grace period has ended; the practice is being erased and the closure can no longer be cancelled.',
          );
        await setPracticeClosure(tx, caller.practiceId, null);
        await audit.record(tx, {
          practiceId: caller.practiceId,
          actor: { type: 'practitioner', id: caller.practitionerId },
          action: 'practice.closure_cancel',
          subject: { type: 'practice', id: caller.practiceId },
          outcome: 'success',
          ...origin(caller),
        });
      });
    },

    async eraseDuePractices() {
      const due = await transactor.asSystem((tx) => listPracticesDueForErasure(tx, clock.now()));
      for (const practiceId of due) {
        await erasePracticeAsSystem(
          deps,
          {
            subjectId: practiceId,
            kind: 'practice',
            practiceId,
            erasedAt: clock.now(),
            actorType: 'system',
            actorId: null,
          },
          'practice.erase',
        );
      }
      return due.length;
    },
  };
}
