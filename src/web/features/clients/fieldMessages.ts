import type en from '../../i18n/locales/en/clinical.json';

export type ClinicalFieldKey = keyof (typeof en)['errors']['fields'];

/** A recognised server field message: the key of its translation and the values it carries. */
export interface KnownFieldMessage {
  key: ClinicalFieldKey;
  values: Record<string, string | number>;
}

type Rule = [RegExp, ClinicalFieldKey, (match: RegExpExecArray) => Record<string, string | number>];
const none = () => ({});

// The server words field problems in English only (details carry no code). These patterns recognise
// the messages of the client, exercise and program schemas, so they can be shown in the UI language;
// patterns rather than exact texts, because many carry a number (a limit, a year).
const rules: Rule[] = [
  [/^Enter the client's first name\.$/, 'firstNameRequired', none],
  [/^Enter the client's last name\.$/, 'lastNameRequired', none],
  [/^Use at most (\d+) characters/, 'tooLong', (m) => ({ count: Number(m[1]) })],
  [/^Choose one of: female/, 'gender', none],
  [/^Enter the year of birth as a (?:whole )?number/, 'yearNumber', none],
  [
    /^Enter a year of birth from (\d+) to (\d+)\.$/,
    'yearRange',
    (m) => ({ from: m[1] ?? '', to: m[2] ?? '' }),
  ],
  [/^Enter a valid email address/, 'email', none],
  [/^Enter a valid mobile number/, 'mobile', none],
  [/^Use an ICD-10 code/, 'diagnosisCode', none],
  [/^A national identifier is not used/, 'nationalIdNotUsed', none],
  [/^An NHS number has 10 digits/, 'nhsDigits', none],
  [/all its digits are the same\.$/, 'nhsSame', none],
  [/^This NHS number is not valid/, 'nhsInvalid', none],
  [/^Use the form YYMMDD-NNNN/, 'seForm', none],
  [/^The \+ separator belongs/, 'sePlus', none],
  [/does not hold a real date of birth\.$/, 'seDate', none],
  [/holds a date of birth in the future\.$/, 'seFuture', none],
  [/the check digit does not match\.$/, 'seCheck', none],
  [/^Give the exercise a title\.$/, 'exerciseTitle', none],
  [/^Describe the exercise/, 'exerciseDescription', none],
  [/^A step cannot be empty\.$/, 'stepEmpty', none],
  [/^Give at least one instruction\.$/, 'instructionsMin', none],
  [/^Give at most 15 instructions\.$/, 'instructionsMax', none],
  [/^Give at most 10 keywords\.$/, 'keywordsMax', none],
  [/^Contains a client's name\.$/, 'clientName', none],
  [/^Enter .* from (\d+) to (\d+)\.$/, 'numberRange', (m) => ({ min: m[1] ?? '', max: m[2] ?? '' })],
  [/^Give the template a name\.$/, 'templateName', none],
  // Zod's own words for a missing value.
  [/^Invalid input: expected \w+, received (?:undefined|null)$/, 'required', none],
];

/** The translation key for a server field message, or undefined when it is not one we know. */
export function knownFieldMessage(message: string): KnownFieldMessage | undefined {
  for (const [pattern, key, values] of rules) {
    const match = pattern.exec(message);
    if (match) return { key, values: values(match) };
  }
  return undefined;
}
