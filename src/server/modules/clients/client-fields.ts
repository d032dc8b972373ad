import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

// Rules for the client fields that depend on more than their shape (the practice's country, today).

export type FieldCheck = { ok: true; value: string } | { ok: false; message: string };

export const EARLIEST_YEAR_OF_BIRTH = 1900;

/** A year of birth from 1900 to this year. */
export function checkYearOfBirth(year: number, today: Date): string | undefined {
  const current = today.getUTCFullYear();
  if (!Number.isInteger(year) || year < EARLIEST_YEAR_OF_BIRTH || year > current)
    return `Enter a year of birth from ${EARLIEST_YEAR_OF_BIRTH} to ${current}.`;
  return undefined;
}

/** The form an email address is looked up by: trimmed and lower-cased. */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * A mobile number in E.164. National formats are read as numbers of the practice's country
 * ("07400 123456" in a GB practice); numbers of other countries need their +country code.
 */
export function parseMobile(input: string, country: string): FieldCheck {
  const example =
    'Enter a valid mobile number, with its country code if it is from abroad (e.g. +44 7400 123456).';
  let parsed: ReturnType<typeof parsePhoneNumberFromString>;
  try {
    parsed = parsePhoneNumberFromString(input.trim(), country.toUpperCase() as CountryCode);
  } catch {
    parsed = undefined;
  }
  if (!parsed?.isValid()) return { ok: false, message: example };
  return { ok: true, value: parsed.number };
}

// A letter, two digits, then optionally (after an optional dot) one or two characters: M54, M54.5, S83.21.
const ICD10 = /^([A-Z])(\d{2})(?:\.?([0-9A-Z]{1,2}))?$/;

/** An ICD-10 code in its dotted form (M545 becomes M54.5). */
export function parseDiagnosisCode(input: string): FieldCheck {
  const match = ICD10.exec(input.trim().toUpperCase());
  if (!match)
    return {
      ok: false,
      message:
        'Use an ICD-10 code: a letter, two digits and optionally a dot and one or two characters, e.g. M54.5.',
    };
  const [, letter, digits, detail] = match;
  return { ok: true, value: detail ? `${letter}${digits}.${detail}` : `${letter}${digits}` };
}

// Letters that do not decompose into a base letter and a mark, spelt as people type them without it.
const FOLDED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};

/** Lower case without accents (Åsa → asa, Müller → muller, Straße → strasse): how names are searched. */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøđðłþı]/g, (letter) => FOLDED[letter] ?? letter)
    .normalize('NFC');
}

/**
 * The same folding for SQL's translate(): every Latin-1 and Latin Extended-A letter that folds to one
 * ASCII letter, upper and lower case, so it holds whatever the database's collation does with lower().
 */
export const SQL_FOLD = (() => {
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x17f; code++) {
    const letter = String.fromCharCode(code);
    const folded = foldForSearch(letter);
    if (folded.length === 1 && folded !== letter && /[a-z]/.test(folded)) {
      from += letter;
      to += folded;
    }
  }
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    from += letter;
    to += letter.toLowerCase();
  }
  return { from, to };
})();

/** Names are stored composed (NFC) so the SQL folding, which knows composed letters only, sees them. */
export const normaliseName = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ');
