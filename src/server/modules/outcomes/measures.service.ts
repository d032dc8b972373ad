import { randomUUID } from 'node:crypto';
import type { Transactor, Tx } from '../../db/transactions.js';
import type { Audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ClinicalCaller } from '../clients/clients.policy.js';
import { presentMeasure } from './catalogue.js';
import { type CustomMeasure, type Language, listInstruments } from './instruments/index.js';
import { CUSTOM_PREFIX, customDefinition } from './measures.js';
import {
  type CustomMeasureRow,
  customMeasureHasResponses,
  findCustomMeasure,
  insertCustomMeasure,
  listContentPacks,
  listCustomMeasures,
  updateCustomMeasure,
} from './outcomes.repo.js';

const presentCustom = (row: CustomMeasureRow) => ({
  id: row.id,
  measure: `${CUSTOM_PREFIX}${row.id}`,
  name: row.name,
  definition: row.definition,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  archivedAt: row.archivedAt,
});

/** What scores a custom measure: once it has responses, changing it would rewrite their meaning. */
const scoringShape = (measure: CustomMeasure) =>
  JSON.stringify({
    scoring: measure.scoring,
    items: measure.items.map((item) => [item.min, item.max]),
    higherIsBetter: measure.higherIsBetter ?? null,
  });

export function createMeasuresService(deps: { transactor: Transactor; audit: Audit; clock: Clock }) {
  const { transactor, audit, clock } = deps;

  const record = (tx: Tx, caller: ClinicalCaller, action: string, id: string) =>
    audit.record(tx, {
      practiceId: caller.practiceId,
      actor: caller.actor,
      action,
      subject: { type: 'custom_measure', id },
      outcome: 'success',
      ip: caller.ip,
      userAgent: caller.userAgent,
    });

  async function requireCustom(tx: Tx, caller: ClinicalCaller, id: string) {
    const row = await findCustomMeasure(tx, caller.practiceId, id);
    if (!row) throw notFound('This custom measure does not exist.');
    return row;
  }

  return {
    /** Every instrument Rehabit scores and the practice's own measures, texts in the asked language. */
    catalogue: (caller: ClinicalCaller, lang: Language) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const packs = await listContentPacks(tx);
        const shipped = listInstruments().map((definition) =>
          presentMeasure(definition.code, definition, {
            lang,
            packs: packs.filter((row) => row.instrument === definition.code),
            custom: false,
          }),
        );
        const custom = (await listCustomMeasures(tx, caller.practiceId, false)).map((row) =>
          presentMeasure(`${CUSTOM_PREFIX}${row.id}`, customDefinition(row), {
            lang,
            packs: [],
            custom: true,
          }),
        );
        return { items: [...shipped, ...custom] };
      }),

    list: (caller: ClinicalCaller, includeArchived: boolean) =>
      transactor.inPractice(caller.practiceId, async (tx) => ({
        items: (await listCustomMeasures(tx, caller.practiceId, includeArchived)).map(presentCustom),
      })),

    create: (caller: ClinicalCaller, measure: CustomMeasure) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const now = clock.now();
        const row = {
          id: randomUUID(),
          practiceId: caller.practiceId,
          name: measure.name,
          definition: measure,
          createdBy: caller.practitionerId,
          createdAt: now,
          updatedAt: now,
          archivedAt: null,
        };
        await insertCustomMeasure(tx, row);
        await record(tx, caller, 'custom_measure.create', row.id);
        return presentCustom(row);
      }),

    /** Wording, bands and MCID may change at any time; items' ranges and scoring only before any response. */
    update: (caller: ClinicalCaller, id: string, measure: CustomMeasure) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await requireCustom(tx, caller, id);
        if (
          scoringShape(row.definition) !== scoringShape(measure) &&
          (await customMeasureHasResponses(tx, caller.practiceId, id))
        )
          throw new AppError(
            'measure_in_use',
            409,
            'Clients have answered this measure: its items, ranges and scoring can no longer change. Create a new measure instead.',
          );
        await updateCustomMeasure(
          tx,
          { id, practiceId: caller.practiceId },
          {
            name: measure.name,
            definition: measure,
            updatedAt: clock.now(),
          },
        );
        await record(tx, caller, 'custom_measure.update', id);
        return presentCustom(await requireCustom(tx, caller, id));
      }),

    /** Archived: no longer offered for new assignments; its responses and running assignments stay. */
    archive: (caller: ClinicalCaller, id: string) =>
      transactor.inPractice(caller.practiceId, async (tx) => {
        const row = await requireCustom(tx, caller, id);
        if (!row.archivedAt) {
          await updateCustomMeasure(tx, { id, practiceId: caller.practiceId }, { archivedAt: clock.now() });
          await record(tx, caller, 'custom_measure.archive', id);
        }
        return presentCustom(await requireCustom(tx, caller, id));
      }),
  };
}

export type MeasuresService = ReturnType<typeof createMeasuresService>;
