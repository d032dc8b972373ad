import type { Tx } from '../../db/transactions.js';
import { notFound } from '../../platform/errors.js';
import {
  AnswersRejected,
  type ContentPack,
  type CustomMeasure,
  customMeasureInstrument,
  type InstrumentDefinition,
  instrumentByCode,
  type Score,
  type ScoringTables,
  scoreCustomMeasure,
  scoreMeasure,
} from './instruments/index.js';
import {
  type ContentPackRow,
  type CustomMeasureRow,
  findCustomMeasure,
  listContentPacks,
  type MeasureKey,
} from './outcomes.repo.js';

/** A practice's own measure is named `custom:<id>` wherever the API takes a measure code. */
export const CUSTOM_PREFIX = 'custom:';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The measure a code names, or undefined (an unknown code, or a malformed custom id). */
export function measureKeyOf(code: string): MeasureKey | undefined {
  if (code.startsWith(CUSTOM_PREFIX)) {
    const id = code.slice(CUSTOM_PREFIX.length);
    return UUID.test(id) ? { code: null, customId: id.toLowerCase() } : undefined;
  }
  return instrumentByCode(code) ? { code, customId: null } : undefined;
}

/** The API's code of a stored row's measure. */
export const measureCodeOf = (row: { measureCode: string | null; customMeasureId: string | null }) =>
  row.customMeasureId ? `${CUSTOM_PREFIX}${row.customMeasureId}` : (row.measureCode ?? '');

/** A measure ready to score and present: a shipped instrument, or a custom one made into its shape. */
export interface ResolvedMeasure {
  key: MeasureKey;
  code: string;
  definition: InstrumentDefinition;
  custom: CustomMeasureRow | null;
  /** The operator's packs for the instrument (text, and tables for licensed scoring). */
  packs: ContentPackRow[];
  score(answers: unknown): Score;
}

const unknownMeasure = (code: string) =>
  new AnswersRejected([{ field: 'measure', message: `There is no outcome measure with the code ${code}.` }]);

/** The tables of any installed pack of the instrument (a value set or T-scores hold in every language). */
export function tablesOf(packs: readonly ContentPackRow[]): ScoringTables {
  const tables: ScoringTables = {};
  for (const row of packs) {
    const found = (row.pack as ContentPack).tables;
    if (found?.valueSet) tables.valueSet ??= found.valueSet;
    if (found?.tScores) tables.tScores ??= found.tScores;
  }
  return tables;
}

export function customDefinition(row: CustomMeasureRow): InstrumentDefinition {
  return customMeasureInstrument(`${CUSTOM_PREFIX}${row.id}`, row.definition);
}

/**
 * Resolves a measure code of the caller's practice. An unknown code is a 400 on `measure`; a custom
 * measure of another practice, or an archived one where `forNewUse` is set, is refused the same way.
 */
export async function resolveMeasure(
  tx: Tx,
  practiceId: string,
  code: string,
  options: { forNewUse: boolean },
): Promise<ResolvedMeasure> {
  const key = measureKeyOf(code);
  if (!key) throw unknownMeasure(code);
  if (key.customId !== null) {
    const custom = await findCustomMeasure(tx, practiceId, key.customId);
    if (!custom || (options.forNewUse && custom.archivedAt)) throw unknownMeasure(code);
    const measure: CustomMeasure = custom.definition;
    return {
      key,
      code: measureCodeOf({ measureCode: null, customMeasureId: custom.id }),
      definition: customDefinition(custom),
      custom,
      packs: [],
      score: (answers) => scoreCustomMeasure(measure, answers),
    };
  }
  const definition = instrumentByCode(key.code);
  if (!definition) throw notFound();
  const packs = await listContentPacks(tx, key.code);
  const tables = tablesOf(packs);
  return {
    key,
    code: key.code,
    definition,
    custom: null,
    packs,
    score: (answers) => scoreMeasure(key.code, answers, { tables }),
  };
}
