import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, notFound, validationFailed } from '../../platform/errors.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { clientExists } from '../patient/patient-access.repo.js';
import { measureCodeOf, resolveMeasure } from './measures.js';
import type { OutcomeRecords } from './outcome-records.js';
import { firstDueAt, isDue } from './outcomes.policy.js';
import {
  type AssignmentRow,
  activeAssignmentsOf,
  findAssignment,
  insertAssignment,
  listAssignments,
  updateAssignment,
} from './outcomes.repo.js';
import type { AssignInput } from './outcomes.schema.js';

const REPEATING = new Set(['every_days', 'every_weeks']);

/** Checks a schedule's interval: required for every N days or weeks, refused otherwise. */
function checkSchedule(input: AssignInput) {
  if (REPEATING.has(input.schedule) && input.interval === undefined)
    throw validationFailed([{ field: 'interval', message: 'Say every how many days or weeks.' }]);
  if (!REPEATING.has(input.schedule) && input.interval !== undefined)
    throw validationFailed([{ field: 'interval', message: 'Only a repeating schedule takes an interval.' }]);
}

export function createAssignmentsService(deps: {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
  records: OutcomeRecords;
}) {
  const { transactor, audit, clock, records } = deps;

  async function present(tx: Tx, row: AssignmentRow, names: Map<string, string>) {
    const measure = measureCodeOf(row);
    let name = names.get(measure);
    if (name === undefined) {
      name = (await resolveMeasure(tx, row.practiceId, measure, { forNewUse: false })).definition.name;
      names.set(measure, name);
    }
    return {
      id: row.id,
      clientId: row.clientId,
      measure,
      name,
      schedule: row.schedule,
      interval: row.interval,
      activities: await records.openActivities(tx, row),
      startsAt: row.startsAt,
      nextDueAt: row.nextDueAt,
      due: isDue(row, clock.now()),
      endedAt: row.endedAt,
      createdAt: row.createdAt,
    };
  }

  async function requireClient(tx: Tx, practiceId: string, clientId: string) {
    if (!(await clientExists(tx, practiceId, clientId))) throw notFound();
  }

  const record = (tx: Tx, caller: ClinicalCaller, action: string, subject: { type: string; id: string }) =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: caller.actor,
      action,
      subject,
      outcome: 'success',
      ip: caller.ip,
      userAgent: caller.userAgent,
    });

  /** Adds an assignment unless the measure already runs for the client; answers the new row or undefined. */
  async function assignIn(tx: Tx, caller: ClinicalCaller, clientId: string, input: AssignInput) {
    checkSchedule(input);
    const measure = await resolveMeasure(tx, caller.practiceId, input.measure, { forNewUse: true });
    if (input.activities && measure.code !== 'PSFS')
      throw validationFailed([{ field: 'activities', message: 'Only the PSFS names activities.' }]);
    if ((await activeAssignmentsOf(tx, caller.practiceId, clientId, measure.key)).length > 0)
      return undefined;
    const now = clock.now();
    const startsAt = input.startsAt ?? now;
    const id = randomUUID();
    const row = {
      id,
      practiceId: caller.practiceId,
      clientId,
      measureCode: measure.key.code,
      customMeasureId: measure.key.customId,
      schedule: input.schedule,
      interval: input.interval ?? null,
      details: await records.sealActivities(
        tx,
        { id, practiceId: caller.practiceId, clientId },
        input.activities,
      ),
      startsAt,
      nextDueAt: firstDueAt(input.schedule, startsAt),
      endedAt: null,
      endedBy: null,
      createdBy: caller.practitionerId,
      createdAt: now,
    };
    await insertAssignment(tx, row);
    await record(tx, caller, 'outcome_assignment.create', { type: 'outcome_assignment', id });
    return row;
  }

  return {
    assign: (caller: ClinicalCaller, clientId: string, input: AssignInput) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        await requireClient(tx, caller.practiceId, clientId);
        const row = await assignIn(tx, caller, clientId, input);
        if (!row)
          throw conflict(
            'already_assigned',
            'This measure is already assigned to the client; end that assignment first.',
          );
        return present(tx, row, new Map());
      }),

    /**
     * The measures a saved program lists, each assigned once (now) unless it already runs: the program
     * editor's short way to assign; schedules are set through the assignments.
     */
    assignForProgram: async (tx: Tx, caller: ClinicalCaller, clientId: string, codes: readonly string[]) => {
      for (const measure of codes) await assignIn(tx, caller, clientId, { measure, schedule: 'once' });
    },

    list: (caller: ClinicalCaller, clientId: string, activeOnly: boolean) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        await requireClient(tx, caller.practiceId, clientId);
        const rows = await listAssignments(tx, caller.practiceId, clientId, activeOnly);
        await record(tx, caller, 'outcome_assignment.list', { type: 'client', id: clientId });
        const names = new Map<string, string>();
        const items = [];
        for (const row of rows) items.push(await present(tx, row, names));
        return { items };
      }),

    end: (caller: ClinicalCaller, clientId: string, assignmentId: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await findAssignment(tx, caller.practiceId, clientId, assignmentId);
        if (!row) throw notFound('This assignment does not exist.');
        if (row.endedAt === null) {
          await updateAssignment(tx, row, { endedAt: clock.now(), endedBy: caller.practitionerId });
          await record(tx, caller, 'outcome_assignment.end', { type: 'outcome_assignment', id: row.id });
        }
        const ended = await findAssignment(tx, caller.practiceId, clientId, assignmentId);
        if (!ended) throw notFound();
        return present(tx, ended, new Map());
      }),

    /**
     * The client is discharged: measures assigned "at discharge" are due now; repeating ones end (the
     * episode of care is over). Answers the client's assignments after it.
     */
    discharge: (caller: ClinicalCaller, clientId: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        await requireClient(tx, caller.practiceId, clientId);
        const now = clock.now();
        for (const row of await listAssignments(tx, caller.practiceId, clientId, true)) {
          if (row.schedule === 'at_discharge') await updateAssignment(tx, row, { nextDueAt: now });
          else if (REPEATING.has(row.schedule))
            await updateAssignment(tx, row, { endedAt: now, endedBy: caller.practitionerId });
        }
        await record(tx, caller, 'outcome_assignment.discharge', { type: 'client', id: clientId });
        const names = new Map<string, string>();
        const items = [];
        for (const row of await listAssignments(tx, caller.practiceId, clientId, false))
          items.push(await present(tx, row, names));
        return { items };
      }),
  };
}

export type AssignmentsService = ReturnType<typeof createAssignmentsService>;
