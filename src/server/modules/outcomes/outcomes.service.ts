import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { ActorType, Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import { conflict, notFound, validationFailed } from '../../platform/errors.js';
import type { AlertsService } from '../alerts/alerts.service.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { clientExists, findClientGreeting } from '../patient/patient-access.repo.js';
import type { PatientOrigin, PatientPrincipal } from '../patient/patient-access.service.js';
import { presentMeasure } from './catalogue.js';
import type { Change, Language } from './instruments/index.js';
import { measureCodeOf, measureKeyOf, type ResolvedMeasure, resolveMeasure } from './measures.js';
import type { OutcomeRecords } from './outcome-records.js';
import {
  changesFrom,
  checkActivities,
  checkTakenAt,
  hasTotal,
  isDue,
  nextDueAfter,
  type OpenedResponse,
} from './outcomes.policy.js';
import {
  activeAssignmentsOf,
  dueAssignments,
  insertResponse,
  listResponses,
  type ResponseRow,
  updateAssignment,
} from './outcomes.repo.js';
import type { ResponseInput } from './outcomes.schema.js';

/** Who stores a response: the client in the app, or a clinician entering answers taken in clinic. */
interface Respondent {
  practiceId: string;
  clientId: string;
  source: 'patient' | 'clinic';
  enteredBy: string | null;
  actor: { type: ActorType; id: string };
  ip?: string | undefined;
  userAgent?: string | undefined;
}

export function createOutcomesService(deps: {
  transactor: Transactor;
  audit: Audit;
  clock: Clock;
  records: OutcomeRecords;
  alerts: Pick<AlertsService, 'onOutcomeScored'>;
}) {
  const { transactor, audit, clock, records, alerts } = deps;

  const open = async (tx: Tx, row: ResponseRow): Promise<OpenedResponse> => ({
    row,
    ...(await records.openResponse(tx, row)),
  });

  function present(measure: ResolvedMeasure, response: OpenedResponse, change: Change | null) {
    const { row } = response;
    return {
      id: row.id,
      clientId: row.clientId,
      measure: measure.code,
      name: measure.definition.name,
      source: row.source,
      enteredBy: row.enteredBy,
      assignmentId: row.assignmentId,
      answers: response.answers,
      activities: response.activities,
      score: response.score,
      change,
      takenAt: row.takenAt,
      createdAt: row.createdAt,
    };
  }

  async function requireClient(tx: Tx, practiceId: string, clientId: string) {
    if (!(await clientExists(tx, practiceId, clientId))) throw notFound();
  }

  /** Scores, stores and audits a response, advances its assignment and runs the alert rules: one transaction. */
  async function save(tx: Tx, who: Respondent, input: ResponseInput, takenAt: Date) {
    const { practiceId, clientId } = who;
    const now = clock.now();
    const measure = await resolveMeasure(tx, practiceId, input.measure, {
      forNewUse: who.source === 'clinic',
    });
    const problems = [
      ...checkActivities(measure.code, input.answers, input.activities),
      ...(who.source === 'clinic' ? checkTakenAt(takenAt, now) : []),
    ];
    if (problems.length > 0) throw validationFailed(problems);
    const score = measure.score(input.answers);
    const assignments = await activeAssignmentsOf(tx, practiceId, clientId, measure.key);
    const due = assignments.find((assignment) => isDue(assignment, now));
    // The app answers only what it was given to answer; in clinic anything may be taken.
    if (who.source === 'patient' && !due)
      throw conflict('not_due', 'This questionnaire is not due for you now.');
    const activities =
      input.activities ??
      (measure.code === 'PSFS' && due ? await records.openActivities(tx, due) : null) ??
      null;
    const id = randomUUID();
    const sealed = await records.sealResponse(
      tx,
      { id, practiceId, clientId },
      { answers: input.answers as (number | null)[], activities },
      score,
    );
    await insertResponse(tx, {
      id,
      practiceId,
      clientId,
      measureCode: measure.key.code,
      customMeasureId: measure.key.customId,
      assignmentId: due?.id ?? null,
      source: who.source,
      enteredBy: who.enteredBy,
      ...sealed,
      takenAt,
      createdAt: now,
    });
    if (due) await updateAssignment(tx, due, { nextDueAt: nextDueAfter(due, now) });
    const history = await Promise.all(
      (await listResponses(tx, practiceId, clientId, measure.key)).map((row) => open(tx, row)),
    );
    const change = changesFrom(measure, history).get(id) ?? null;
    await alerts.onOutcomeScored(tx, practiceId, clientId, {
      responseId: id,
      measure: measure.code,
      flags: score.flags,
      change,
      mcid: measure.definition.mcid?.value ?? null,
    });
    await audit.record(tx, {
      practiceId,
      actor: who.actor,
      action: 'outcome_response.create',
      subject: { type: 'outcome_response', id },
      outcome: 'success',
      ip: who.ip,
      userAgent: who.userAgent,
    });
    const saved = history.find((response) => response.row.id === id);
    if (!saved) throw new Error('the stored response was not read back');
    return present(measure, saved, change);
  }

  return {
    /** Answers taken in clinic, entered by a clinician. */
    record: (caller: ClinicalCaller, clientId: string, input: ResponseInput) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        await requireClient(tx, caller.practiceId, clientId);
        return save(
          tx,
          {
            practiceId: caller.practiceId,
            clientId,
            source: 'clinic',
            enteredBy: caller.practitionerId,
            actor: caller.actor,
            ip: caller.ip,
            userAgent: caller.userAgent,
          },
          input,
          input.takenAt ?? clock.now(),
        );
      }),

    /** The client's own answers from the app, to a measure that is due. */
    recordFromApp: (
      patient: PatientPrincipal,
      input: Omit<ResponseInput, 'takenAt'>,
      origin: PatientOrigin,
    ) =>
      transactor.inPractice(patient.practiceId, (tx) =>
        save(
          tx,
          {
            practiceId: patient.practiceId,
            clientId: patient.clientId,
            source: 'patient',
            enteredBy: null,
            actor: { type: 'client', id: patient.clientId },
            ...origin,
          },
          input,
          clock.now(),
        ),
      ),

    /** The client's responses with their scores, oldest first; of one measure if asked. */
    history: (caller: ClinicalCaller, clientId: string, measureCode?: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const { practiceId } = caller;
        await requireClient(tx, practiceId, clientId);
        const key = measureCode === undefined ? undefined : measureKeyOf(measureCode);
        if (measureCode !== undefined)
          await resolveMeasure(tx, practiceId, measureCode, { forNewUse: false });
        const opened = await Promise.all(
          (await listResponses(tx, practiceId, clientId, key)).map((row) => open(tx, row)),
        );
        const measures = new Map<string, ResolvedMeasure>();
        const items = [];
        for (const response of opened) {
          const code = measureCodeOf(response.row);
          let measure = measures.get(code);
          if (!measure) {
            measure = await resolveMeasure(tx, practiceId, code, { forNewUse: false });
            measures.set(code, measure);
          }
          const sameMeasure = opened.filter(
            (other) =>
              other.row.measureCode === response.row.measureCode &&
              other.row.customMeasureId === response.row.customMeasureId,
          );
          items.push(
            present(measure, response, changesFrom(measure, sameMeasure).get(response.row.id) ?? null),
          );
        }
        await audit.record(tx, {
          practiceId,
          actor: caller.actor,
          action: 'outcome_response.list',
          subject: { type: 'client', id: clientId },
          outcome: 'success',
          ip: caller.ip,
          userAgent: caller.userAgent,
        });
        return { items };
      }),

    /** One measure over time: each score with its band, and its change from the baseline against the MCID. */
    progress: (caller: ClinicalCaller, clientId: string, measureCode: string, lang: Language) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const { practiceId } = caller;
        await requireClient(tx, practiceId, clientId);
        const measure = await resolveMeasure(tx, practiceId, measureCode, { forNewUse: false });
        const opened = await Promise.all(
          (await listResponses(tx, practiceId, clientId, measure.key)).map((row) => open(tx, row)),
        );
        const changes = changesFrom(measure, opened);
        const baseline = opened.find((response) => hasTotal(response.score));
        await audit.record(tx, {
          practiceId,
          actor: caller.actor,
          action: 'outcome_progress.read',
          subject: { type: 'client', id: clientId },
          outcome: 'success',
          ip: caller.ip,
          userAgent: caller.userAgent,
        });
        const shown = presentMeasure(measure.code, measure.definition, {
          lang,
          packs: measure.packs,
          custom: measure.custom !== null,
        });
        return {
          measure: measure.code,
          name: shown.name,
          range: measure.definition.range,
          direction: measure.definition.direction,
          bands: shown.bands,
          mcid: shown.mcid,
          baseline: baseline
            ? {
                responseId: baseline.row.id,
                takenAt: baseline.row.takenAt,
                total: baseline.score.total as number,
              }
            : null,
          points: opened.map((response) => ({
            responseId: response.row.id,
            takenAt: response.row.takenAt,
            source: response.row.source,
            total: response.score.total,
            band: response.score.band ?? null,
            subscales: response.score.subscales ?? null,
            flags: response.score.flags,
            change: changes.get(response.row.id) ?? null,
          })),
        };
      }),

    /** What the client should answer now, with the text in their language. */
    dueForApp: (patient: PatientPrincipal) =>
      transactor.inPractice(patient.practiceId, async (tx) => {
        const { practiceId, clientId } = patient;
        const greeting = await findClientGreeting(tx, practiceId, clientId);
        if (!greeting) throw notFound();
        const items = [];
        for (const assignment of await dueAssignments(tx, practiceId, clientId, clock.now())) {
          const code = measureCodeOf(assignment);
          const measure = await resolveMeasure(tx, practiceId, code, { forNewUse: false });
          items.push({
            assignmentId: assignment.id,
            dueAt: assignment.nextDueAt ?? assignment.startsAt,
            activities: await records.openActivities(tx, assignment),
            measure: presentMeasure(measure.code, measure.definition, {
              lang: greeting.language,
              packs: measure.packs,
              custom: measure.custom !== null,
            }),
          });
        }
        await audit.record(tx, {
          practiceId,
          actor: { type: 'client', id: clientId },
          action: 'outcome_assignment.read',
          subject: { type: 'client', id: clientId },
          outcome: 'success',
        });
        return { items };
      }),
  };
}

export type OutcomesService = ReturnType<typeof createOutcomesService>;
