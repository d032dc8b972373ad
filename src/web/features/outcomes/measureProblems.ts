import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type en from '../../i18n/locales/en/outcomes.json';

export type MeasureProblemKey = keyof (typeof en)['measureErrors'];

/** A recognised server message about a custom measure: its translation key and values. */
export interface KnownMeasureProblem {
  key: MeasureProblemKey;
  values: Record<string, string | number>;
}

type Rule = [RegExp, MeasureProblemKey, (match: RegExpExecArray) => Record<string, string | number>];
const none = () => ({});

// The server words problems in English only (details carry no code): its custom-measure rules and
// Zod's own words are recognised here, so they show in the UI language; anything else as it came.
const rules: Rule[] = [
  [/^Too small: expected string to have >=1 characters$/, 'required', none],
  [/^Too small: expected string to have >=(\d+) characters$/, 'tooShort', (m) => ({ count: Number(m[1]) })],
  [/^Too big: expected string to have <=(\d+) characters$/, 'tooLong', (m) => ({ count: Number(m[1]) })],
  [/^Invalid input: expected number, received \w+$/, 'number', none],
  [/^Invalid input: expected int, received number$/, 'wholeNumber', none],
  [/^Too small: expected number to be >0$/, 'positive', none],
  [/^Too (?:small|big): expected number to be [<>]=-?\d+$/, 'limits', none],
  [/^Too small: expected array to have >=1 items$/, 'itemsMin', none],
  [/^Too big: expected array to have <=(\d+) items$/, 'tooMany', (m) => ({ count: Number(m[1]) })],
  [/^The maximum must be above the minimum\.$/, 'maxAboveMin', none],
  [/^Say whether higher is better/, 'direction', none],
  [/^A band ends at or above where it starts\.$/, 'bandOrder', none],
  [/^Bands are in ascending order and do not overlap\.$/, 'bandOverlap', none],
  [
    /^Bands lie within the score range (-?[\d.]+)–(-?[\d.]+)\.$/,
    'bandRange',
    (m) => ({ min: m[1] ?? '', max: m[2] ?? '' }),
  ],
  [/^Band codes must differ\.$/, 'bandCode', none],
];

/** The translation of a server message about a custom measure, or undefined when it is not known. */
export function knownMeasureProblem(message: string): KnownMeasureProblem | undefined {
  for (const [pattern, key, values] of rules) {
    const match = pattern.exec(message);
    if (match) return { key, values: values(match) };
  }
  return undefined;
}

/** Translates a server message about a custom measure for the message beside its field. */
export function useMeasureProblem() {
  const { t } = useTranslation('outcomes');
  return useCallback(
    (message: string) => {
      const known = knownMeasureProblem(message);
      return known ? t(`measureErrors.${known.key}`, known.values) : message;
    },
    [t],
  );
}
