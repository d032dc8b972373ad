import {
  type CheckedAnswers,
  checkAnswers,
  missingAmong,
  positions,
  refuseMissing,
  sumAt,
} from './answers.js';
import { bandFor } from './bands.js';
import { AnswersRejected } from './errors.js';
import type { InstrumentDefinition, Score, ScoringRule } from './types.js';

/** Tables an operator supplies through a content pack for licensed scoring (see content-pack.ts). */
export interface ScoringTables {
  /** EQ-5D-5L: index value of each of the 3,125 health states, keyed by code ("11111"). */
  valueSet?: Readonly<Record<string, number>>;
  /** PROMIS: T-score of each raw sum, keyed by the raw sum ("6"). */
  tScores?: Readonly<Record<string, number>>;
}

export interface ScoreOptions {
  tables?: ScoringTables;
}

type RuleResult = Pick<Score, 'total' | 'subscales' | 'healthState'>;

const toPositions = (itemNumbers: readonly number[]) => itemNumbers.map((n) => n - 1);

function noRule(definition: InstrumentDefinition): string {
  return `${definition.code} has no published rule for skipped items, so every scored item must be answered.`;
}

function scoreSum(
  definition: InstrumentDefinition,
  rule: Extract<ScoringRule, { kind: 'sum' }>,
  answers: CheckedAnswers,
): RuleResult {
  const scored = definition.items.flatMap((item, index) => (item.scored ? [index] : []));
  const missing = missingAmong(answers, scored);
  if (missing.length > 0) refuseMissing(missing, noRule(definition));
  const subscales = rule.subscales
    ? Object.fromEntries(rule.subscales.map((s) => [s.key, sumAt(answers, toPositions(s.items))]))
    : undefined;
  return { total: sumAt(answers, scored), ...(subscales ? { subscales } : {}) };
}

function scoreMean(definition: InstrumentDefinition, answers: CheckedAnswers): RuleResult {
  const missing = missingAmong(answers, positions(answers.length));
  if (missing.length > 0)
    refuseMissing(missing, `every activity listed for ${definition.code} needs its rating.`);
  return { total: sumAt(answers, positions(answers.length)) / answers.length };
}

/** Answered and skipped positions; refuses when more are skipped than the rule allows. */
function allowMissing(
  definition: InstrumentDefinition,
  answers: CheckedAnswers,
  count: number,
  maxMissing: number,
) {
  const all = positions(count);
  const missing = missingAmong(answers, all);
  if (missing.length > maxMissing)
    refuseMissing(
      missing,
      maxMissing === 0
        ? noRule(definition)
        : `${definition.code} can be scored with at most ${maxMissing} item${maxMissing === 1 ? '' : 's'} skipped.`,
    );
  return { answered: all.filter((index) => !missing.includes(index)) };
}

function scorePercent(
  definition: InstrumentDefinition,
  maxMissing: number,
  answers: CheckedAnswers,
): RuleResult {
  const { answered } = allowMissing(definition, answers, definition.items.length, maxMissing);
  let sum = 0;
  let possible = 0;
  for (const index of answered) {
    const item = definition.items[index];
    if (!item) continue;
    sum += (answers[index] ?? 0) - item.min;
    possible += item.max - item.min;
  }
  return { total: (sum / possible) * 100 };
}

function scoreProrated(
  definition: InstrumentDefinition,
  maxMissing: number,
  answers: CheckedAnswers,
): RuleResult {
  const { answered } = allowMissing(definition, answers, definition.items.length, maxMissing);
  return { total: (sumAt(answers, answered) * definition.items.length) / answered.length };
}

function scoreDash(
  definition: InstrumentDefinition,
  rule: Extract<ScoringRule, { kind: 'dash' }>,
  answers: CheckedAnswers,
): RuleResult {
  const { answered } = allowMissing(definition, answers, rule.coreItems, rule.maxMissing);
  const dash = (sum: number, n: number) => (sum / n - 1) * 25;
  const subscales: Record<string, number> = {};
  for (const module of rule.modules) {
    const at = toPositions(module.items);
    const missing = missingAmong(answers, at);
    if (missing.length === at.length) continue;
    if (missing.length > 0)
      refuseMissing(missing, 'an optional module is scored only when all of its items are answered.');
    subscales[module.key] = dash(sumAt(answers, at), at.length);
  }
  return {
    total: dash(sumAt(answers, answered), answered.length),
    ...(Object.keys(subscales).length > 0 ? { subscales } : {}),
  };
}

function scoreKoos(
  definition: InstrumentDefinition,
  rule: Extract<ScoringRule, { kind: 'koos' }>,
  answers: CheckedAnswers,
): RuleResult {
  const subscales: Record<string, number> = {};
  for (const subscale of rule.subscales) {
    const at = toPositions(subscale.items);
    const answered = at.filter((index) => answers[index] !== null);
    // Below the minimum the published rule drops this subscale only; the others are still reported.
    if (answered.length < subscale.minAnswered) continue;
    subscales[subscale.key] = 100 - (sumAt(answers, answered) / answered.length) * 25;
  }
  if (Object.keys(subscales).length === 0)
    refuseMissing(
      missingAmong(answers, positions(definition.items.length)),
      `too few items are answered for any ${definition.code} subscale to be scored.`,
    );
  return { total: null, subscales };
}

function scoreEq5d(
  definition: InstrumentDefinition,
  answers: CheckedAnswers,
  tables: ScoringTables | undefined,
): RuleResult {
  const missing = missingAmong(answers, positions(definition.items.length));
  if (missing.length > 0) refuseMissing(missing, noRule(definition));
  const healthState = answers.slice(0, 5).join('');
  const index = tables?.valueSet?.[healthState];
  return { total: index ?? null, subscales: { vas: answers[5] ?? 0 }, healthState };
}

function scorePromis(
  definition: InstrumentDefinition,
  answers: CheckedAnswers,
  tables: ScoringTables | undefined,
): RuleResult {
  const all = positions(definition.items.length);
  const missing = missingAmong(answers, all);
  if (missing.length > 0)
    refuseMissing(missing, `${definition.code} raw scores are defined for complete short forms only.`);
  const raw = sumAt(answers, all);
  const tScore = tables?.tScores?.[String(raw)];
  return { total: raw, ...(tScore === undefined ? {} : { subscales: { tScore } }) };
}

function scoreByRule(
  definition: InstrumentDefinition,
  answers: unknown,
  options: ScoreOptions,
): RuleResult & { checked: CheckedAnswers } {
  const rule = definition.scoring;
  switch (rule.kind) {
    case 'sum': {
      const checked = checkAnswers(definition, answers);
      return { ...scoreSum(definition, rule, checked), checked };
    }
    case 'mean': {
      const lengths = positions(rule.maxAnswers - rule.minAnswers + 1).map((n) => n + rule.minAnswers);
      const checked = checkAnswers(definition, answers, lengths);
      return { ...scoreMean(definition, checked), checked };
    }
    case 'percent_of_answered': {
      const checked = checkAnswers(definition, answers);
      return { ...scorePercent(definition, rule.maxMissing, checked), checked };
    }
    case 'prorated_sum': {
      const checked = checkAnswers(definition, answers);
      return { ...scoreProrated(definition, rule.maxMissing, checked), checked };
    }
    case 'dash': {
      const checked = checkAnswers(definition, answers, [rule.coreItems, definition.items.length]);
      return { ...scoreDash(definition, rule, checked), checked };
    }
    case 'koos': {
      const checked = checkAnswers(definition, answers);
      return { ...scoreKoos(definition, rule, checked), checked };
    }
    case 'eq5d': {
      const checked = checkAnswers(definition, answers);
      return { ...scoreEq5d(definition, checked, options.tables), checked };
    }
    case 'promis_raw': {
      const checked = checkAnswers(definition, answers);
      return { ...scorePromis(definition, checked, options.tables), checked };
    }
  }
}

/**
 * Scores a response by the instrument's published rule: exact numbers, never rounded (rounding is for
 * display). Throws AnswersRejected (400 validation_failed) naming each bad or missing answer.
 */
export function scoreAnswers(
  definition: InstrumentDefinition,
  answers: unknown,
  options: ScoreOptions = {},
): Score {
  const { checked, total, subscales, healthState } = scoreByRule(definition, answers, options);
  const flags = definition.flags
    .filter((flag) => {
      const answer = checked[flag.item - 1];
      return answer !== null && answer !== undefined && answer > flag.above;
    })
    .map((flag) => flag.code);
  const band = total === null ? undefined : bandFor(definition.bands, total)?.code;
  return {
    total,
    ...(band ? { band } : {}),
    ...(subscales ? { subscales } : {}),
    flags,
    ...(healthState ? { healthState } : {}),
  };
}

/** Refusal for a measure code the registry does not know, as a field problem on `measure`. */
export function unknownMeasure(code: string): AnswersRejected {
  return new AnswersRejected([
    { field: 'measure', message: `There is no outcome measure with the code ${code}.` },
  ]);
}
