import type { FieldProblem } from '../../../platform/errors.js';

/** Languages the workspace and the patient app are written in. */
export type Language = 'en' | 'de';

/** Text in English, and in German only where an official German text may be shipped. */
export interface LocalText {
  en: string;
  de?: string;
}

/** A band or subscale name in the product's own words (not instrument text), so always in both languages. */
export interface Label {
  en: string;
  de: string;
}

/** One answer choice of an item: the value stored and scored, and its label where the text is shipped. */
export interface AnswerOption {
  value: number;
  label?: LocalText;
}

/** One question of an instrument, in the order the `answers` array follows. */
export interface Item {
  /** Stable within the instrument, e.g. "phq9_9"; FHIR linkIds and packs refer to it. */
  id: string;
  /** Absent for licensed instruments: their text arrives in a content pack. */
  text?: LocalText;
  /** A heading shown before this item (a new section of the form). */
  preamble?: LocalText;
  min: number;
  max: number;
  /** Every shipped instrument takes whole numbers; kept explicit so custom measures may differ. */
  integer: boolean;
  /** Discrete choices with labels (a pack must label each); absent for numeric scales such as 0–10. */
  options?: AnswerOption[];
  /** Labels of the ends of a numeric scale. */
  anchors?: { min: LocalText; max: LocalText };
  /** False for items recorded but not scored (PHQ-9 item 10). */
  scored: boolean;
}

/** Which way is better, for change and alerts. */
export type Direction = 'higher_is_better' | 'lower_is_better';

/**
 * An interpretation band. A band covers totals from `from` up to the next band's `from` (exclusive), so a
 * prorated total between published integer ranges (e.g. NDI 4.4) falls in the lower band.
 */
export interface Band {
  code: string;
  from: number;
  to: number;
  label: Label;
}

/** Minimal clinically important difference of the total, in total points, with where it comes from. */
export interface Mcid {
  value: number;
  source: string;
}

export interface SubscaleInfo {
  key: string;
  label: Label;
  min: number;
  max: number;
  direction: Direction;
}

/** How the answers become a score; interpreted by score.ts. Item numbers are 1-based, as published. */
export type ScoringRule =
  | {
      kind: 'sum';
      /** Subscales summed from the listed items (FABQ). */
      subscales?: { key: string; items: number[] }[];
    }
  /** PSFS: the mean of the 1–N ratings given; a skipped activity is refused. */
  | { kind: 'mean'; minAnswers: number; maxAnswers: number }
  /** ODI: sum / (item max × answered) × 100. */
  | { kind: 'percent_of_answered'; maxMissing: number }
  /** NDI: sum × items / answered (the mean of the answered items stands in for a missing one). */
  | { kind: 'prorated_sum'; maxMissing: number }
  /** QuickDASH: ((sum / answered) − 1) × 25, optional 4-item modules that must be complete. */
  | { kind: 'dash'; coreItems: number; maxMissing: number; modules: { key: string; items: number[] }[] }
  /** KOOS/HOOS: each subscale 100 − mean × 25 when at least `minAnswered` of its items are answered. */
  | { kind: 'koos'; subscales: { key: string; items: number[]; minAnswered: number }[] }
  /** EQ-5D-5L: five levels make the health state; item 6 is the VAS; index only from a pack's value set. */
  | { kind: 'eq5d' }
  /** PROMIS short form: raw sum; T-score only from a pack's conversion table. */
  | { kind: 'promis_raw' };

/** A flag raised by one item's answer, e.g. PHQ-9 item 9 above 0 → self_harm_risk. */
export interface FlagRule {
  code: string;
  item: number;
  above: number;
}

export interface Licence {
  /** Who holds the rights, e.g. "Pfizer Inc." or "Mapi Research Trust". */
  holder: string;
  /** What the licence lets us do, in one or two sentences. */
  terms: string;
  /** False: the item text may not be committed and comes from an operator's content pack. */
  textShipped: boolean;
}

/** An outcome measure as data: items, scoring rule, range, bands, MCID, licence and attribution. */
export interface InstrumentDefinition {
  /** The measure code in the API (`PHQ-9`, `LEFS`, ...). */
  code: string;
  name: string;
  version: string;
  /** Languages whose item text is shipped here; any other language falls back to English. */
  languages: Language[];
  instructions?: LocalText;
  items: Item[];
  scoring: ScoringRule;
  /** Range of `total`; null where the instrument has no total (KOOS, HOOS: subscales only). */
  range: { min: number; max: number } | null;
  direction: Direction;
  bands: Band[];
  mcid: Mcid | null;
  subscales: SubscaleInfo[];
  flags: FlagRule[];
  licence: Licence;
  /** Citations: the instrument's source and the sources of its scoring rule, bands and MCID. */
  attribution: string[];
  /** Anything a practitioner or operator should know (e.g. which items have no German text). */
  notes: string[];
}

/** The score shape of API.md: `total` (PSFS: the mean), `band`, `subscales`, `flags`. */
export interface Score {
  total: number | null;
  band?: string;
  subscales?: Record<string, number>;
  flags: string[];
  /** EQ-5D-5L only: the five levels as a health-state code, e.g. "11223". */
  healthState?: string;
}

export type { FieldProblem };
