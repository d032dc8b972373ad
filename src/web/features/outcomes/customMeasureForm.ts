import type { FieldProblem } from '../../api/client.js';
import type { CustomMeasureBody, CustomMeasureDefinition } from './customMeasuresApi.js';

// The editor keeps every number as typed (a string), so nothing the practitioner wrote is lost or
// rewritten; the body is built only on saving, and the server judges it.

/** One item as typed; `key` is the editor's own, so a server problem follows the item when it moves. */
export interface ItemValues {
  key: string;
  textEn: string;
  textDe: string;
  min: string;
  max: string;
}

/** One band as typed; `code` is kept from the saved measure, so stored scores keep their band. */
export interface BandValues {
  key: string;
  code: string;
  from: string;
  to: string;
  labelEn: string;
  labelDe: string;
}

export interface CustomMeasureValues {
  name: string;
  instructionsEn: string;
  instructionsDe: string;
  items: ItemValues[];
  scoring: 'sum' | 'mean';
  /** '' when a saved measure never said (sending it then would count as a change of direction). */
  direction: 'higher' | 'lower' | '';
  mcid: string;
  bands: BandValues[];
}

let keyCounter = 0;
const nextKey = (prefix: string) => {
  keyCounter += 1;
  return `${prefix}${keyCounter}`;
};

/** A blank item, with a fresh key. */
export const emptyItem = (): ItemValues => ({
  key: nextKey('item'),
  textEn: '',
  textDe: '',
  min: '0',
  max: '10',
});

/** A blank band with a code no other band of the list has. */
export function emptyBand(bands: readonly BandValues[]): BandValues {
  const used = new Set(bands.map((band) => band.code));
  let number = bands.length + 1;
  while (used.has(`band_${number}`)) number += 1;
  return { key: nextKey('band'), code: `band_${number}`, from: '', to: '', labelEn: '', labelDe: '' };
}

/** A new measure: one item, summed, higher is better. */
export const emptyCustomMeasure = (): CustomMeasureValues => ({
  name: '',
  instructionsEn: '',
  instructionsDe: '',
  items: [emptyItem()],
  scoring: 'sum',
  direction: 'higher',
  mcid: '',
  bands: [],
});

/** A saved measure in the editor. */
export function customMeasureValues(definition: CustomMeasureDefinition): CustomMeasureValues {
  return {
    name: definition.name,
    instructionsEn: definition.instructions?.en ?? '',
    instructionsDe: definition.instructions?.de ?? '',
    items: definition.items.map((item) => ({
      key: nextKey('item'),
      textEn: item.text.en,
      textDe: item.text.de ?? '',
      min: String(item.min),
      max: String(item.max),
    })),
    scoring: definition.scoring,
    direction: definition.higherIsBetter === undefined ? '' : definition.higherIsBetter ? 'higher' : 'lower',
    mcid: definition.mcid === undefined ? '' : String(definition.mcid),
    bands: (definition.bands ?? []).map((band) => ({
      key: nextKey('band'),
      code: band.code,
      from: String(band.from),
      to: String(band.to),
      labelEn: band.label.en,
      labelDe: band.label.de ?? '',
    })),
  };
}

/** A typed number (a German comma allowed); undefined when empty, NaN when not a number. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : Number.NaN;
}

// What is sent for a typed number: the number; null when empty; the text itself when it is not a
// number, so the server names that very field.
const numberOrAsTyped = (text: string): number | null => {
  const value = parseNumber(text);
  if (value === undefined) return null;
  return Number.isNaN(value) ? (text as unknown as number) : value;
};

const localText = (en: string, de: string) => ({ en: en.trim(), ...(de.trim() ? { de: de.trim() } : {}) });

/** The API body of what was typed; empty optional parts are left out. */
export function customMeasureBody(values: CustomMeasureValues): CustomMeasureBody {
  const body: CustomMeasureBody = {
    name: values.name.trim(),
    items: values.items.map((item) => ({
      text: localText(item.textEn, item.textDe),
      min: numberOrAsTyped(item.min),
      max: numberOrAsTyped(item.max),
    })),
    scoring: values.scoring,
  };
  if (values.instructionsEn.trim() || values.instructionsDe.trim())
    body.instructions = localText(values.instructionsEn, values.instructionsDe);
  if (values.bands.length > 0)
    body.bands = values.bands.map((band) => ({
      code: band.code,
      from: numberOrAsTyped(band.from),
      to: numberOrAsTyped(band.to),
      label: localText(band.labelEn, band.labelDe),
    }));
  if (values.direction) body.higherIsBetter = values.direction === 'higher';
  if (values.mcid.trim()) body.mcid = numberOrAsTyped(values.mcid);
  return body;
}

/**
 * The range of the total as the server computes it: sum → Σmin..Σmax; mean → the mean of the minimums
 * to the mean of the maximums (the items' common range when they share one). Undefined until every
 * item has a whole-number minimum below its maximum.
 */
export function scoreRange(
  items: readonly Pick<ItemValues, 'min' | 'max'>[],
  scoring: 'sum' | 'mean',
): { min: number; max: number } | undefined {
  if (items.length === 0) return undefined;
  const bounds = items.map((item) => [parseNumber(item.min), parseNumber(item.max)] as const);
  if (
    !bounds.every(([min, max]) => Number.isInteger(min) && Number.isInteger(max) && (min ?? 0) < (max ?? 0))
  )
    return undefined;
  const min = bounds.reduce((sum, [low]) => sum + (low ?? 0), 0);
  const max = bounds.reduce((sum, [, high]) => sum + (high ?? 0), 0);
  return scoring === 'sum' ? { min, max } : { min: min / items.length, max: max / items.length };
}

/** A problem the editor finds before the server does; `key` names the translation. */
export type BandProblem =
  | { key: 'bandOrder' }
  | { key: 'bandOverlap' }
  | { key: 'bandRange'; min: number; max: number };

/**
 * The live check of the bands, as the server will check them: each ends at or above its start, lies
 * within the score range, and starts above the previous one's end. Bands not fully typed yet are
 * skipped; the server still judges everything on saving.
 */
export function bandProblems(
  bands: readonly Pick<BandValues, 'key' | 'from' | 'to'>[],
  range: { min: number; max: number } | undefined,
): Map<string, BandProblem> {
  const problems = new Map<string, BandProblem>();
  let previousTo: number | undefined;
  for (const band of bands) {
    const from = parseNumber(band.from);
    const to = parseNumber(band.to);
    if (from === undefined || to === undefined || Number.isNaN(from) || Number.isNaN(to)) {
      previousTo = undefined;
      continue;
    }
    if (from > to) problems.set(band.key, { key: 'bandOrder' });
    else if (range && (from < range.min || to > range.max))
      problems.set(band.key, { key: 'bandRange', min: range.min, max: range.max });
    else if (previousTo !== undefined && from <= previousTo) problems.set(band.key, { key: 'bandOverlap' });
    previousTo = to;
  }
  return problems;
}

/** Moves the entry at `index` one place up (-1) or down (+1); the list unchanged at its ends. */
export function move<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const moved = [...list];
  const [entry] = moved.splice(index, 1);
  moved.splice(target, 0, entry as T);
  return moved;
}

/**
 * Where the editor shows a server problem: the field's input (`name`, `item:<key>.max`,
 * `band:<key>.label.de`, …), else the item's or band's fieldset (`item:<key>`, `band:<key>`), else
 * `items` or `bands`; undefined for anything else (the form's alert shows it). Indexes are read
 * against the values that were sent, so a problem follows its item when the list was reordered since.
 */
export function placeOfProblem(field: string, sent: CustomMeasureValues): string | undefined {
  if (['name', 'scoring', 'higherIsBetter', 'mcid', 'instructions.en', 'instructions.de'].includes(field))
    return field;
  if (field === 'instructions') return 'instructions.en';
  const listed = /^(items|bands)(?:\.(\d+)(?:\.(.+))?)?$/.exec(field);
  if (!listed) return undefined;
  const [, list, index, rest] = listed;
  if (index === undefined) return list;
  const entry = list === 'items' ? sent.items[Number(index)] : sent.bands[Number(index)];
  if (!entry) return list;
  const prefix = list === 'items' ? `item:${entry.key}` : `band:${entry.key}`;
  const inputs =
    list === 'items' ? ['text.en', 'text.de', 'min', 'max'] : ['from', 'to', 'label.en', 'label.de'];
  return rest && inputs.includes(rest) ? `${prefix}.${rest}` : prefix;
}

/** The server's problems by the place the editor shows them; several at one place are joined. */
export function placeProblems(
  details: readonly FieldProblem[],
  sent: CustomMeasureValues,
): { placed: Map<string, string[]>; elsewhere: FieldProblem[] } {
  const placed = new Map<string, string[]>();
  const elsewhere: FieldProblem[] = [];
  for (const problem of details) {
    const place = placeOfProblem(problem.field, sent);
    if (place === undefined) elsewhere.push(problem);
    else placed.set(place, [...(placed.get(place) ?? []), problem.message]);
  }
  return { placed, elsewhere };
}
