import type { nationalIdKinds } from '../../db/schema/clients.js';

export type NationalIdKind = (typeof nationalIdKinds)[number];

/** A national identifier that passed its country's checks: stored in `value`, shown as `display`. */
export interface NationalId {
  kind: NationalIdKind;
  /** Canonical form, the one encrypted and blind-indexed: NHS 10 digits; Swedish YYYYMMDDNNNN. */
  value: string;
  display: string;
}

export type NationalIdResult = { ok: true; id: NationalId } | { ok: false; message: string };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** Countries whose national identifier we validate; elsewhere one is refused rather than stored unchecked. */
export const NATIONAL_ID_COUNTRIES = ['GB', 'SE'] as const;

/** Checks a national identifier by the rules of the practice's country. */
export function parseNationalId(input: string, country: string, today: Date): NationalIdResult {
  switch (country.toUpperCase()) {
    case 'GB':
      return parseNhsNumber(input);
    case 'SE':
      return parseSwedishId(input, today);
    default:
      return {
        ok: false,
        message: `A national identifier is not used for practices in ${regionNames.of(country.toUpperCase())}; leave this field empty.`,
      };
  }
}

const NHS_EXAMPLE = 'e.g. 943 476 5919';

/** NHS number: 10 digits (spaces allowed), the last a modulus 11 check digit. */
export function parseNhsNumber(input: string): NationalIdResult {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return { ok: false, message: `An NHS number has 10 digits, ${NHS_EXAMPLE}.` };
  // Such numbers pass the check digit (0000000000, 1111111111) but are never issued.
  if (/^(\d)\1{9}$/.test(digits))
    return { ok: false, message: 'This is not a valid NHS number: all its digits are the same.' };
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  // A remainder giving 10 means no number is issued with these first nine digits.
  if (check === 10 || check !== Number(digits[9]))
    return { ok: false, message: 'This NHS number is not valid: please check the digits.' };
  return {
    ok: true,
    id: {
      kind: 'nhs_number',
      value: digits,
      display: `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`,
    },
  };
}

/** The Luhn check over a string of digits, as Skatteverket applies it to YYMMDDNNNN. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

const SWEDISH_SHAPE = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+])?(\d{4})$/;
const SE_EXAMPLE = 'e.g. 811218-9876 or 198112189876';

/**
 * Swedish personnummer or samordningsnummer (coordination number: day of birth + 60). Ten digits
 * (YYMMDD-NNNN) leave the century open: the person is under 100 unless the separator is `+`.
 */
export function parseSwedishId(input: string, today: Date): NationalIdResult {
  const match = SWEDISH_SHAPE.exec(input.replace(/\s/g, ''));
  if (!match) return { ok: false, message: `Use the form YYMMDD-NNNN or YYYYMMDDNNNN, ${SE_EXAMPLE}.` };
  const [, century, yy, mm, dd, separator, serial] = match as unknown as [
    string,
    string | undefined,
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  if (century !== undefined && separator === '+')
    return {
      ok: false,
      message: 'The + separator belongs to the 10-digit form only; with the full year write YYYYMMDD-NNNN.',
    };
  const month = Number(mm);
  const rawDay = Number(dd);
  const coordination = rawDay > 60;
  const day = coordination ? rawDay - 60 : rawDay;
  const label = coordination ? 'samordningsnummer' : 'personnummer';
  const dateIn = (year: number) => {
    const date = new Date(Date.UTC(year, month - 1, day));
    const real =
      day >= 1 &&
      date.getUTCFullYear() === year &&
      date.getUTCMonth() === month - 1 &&
      date.getUTCDate() === day;
    return real ? date : undefined;
  };
  let year: number;
  if (century !== undefined) {
    year = Number(century + yy);
  } else {
    // The latest birthday with these digits that is not in the future; `+` means a hundred years earlier.
    const currentYear = today.getUTCFullYear();
    year = currentYear - (((currentYear % 100) - Number(yy) + 100) % 100);
    const thisCentury = dateIn(year);
    if (thisCentury && thisCentury.getTime() > today.getTime()) year -= 100;
    if (separator === '+') year -= 100;
  }
  const birth = dateIn(year);
  if (!birth) return { ok: false, message: `This ${label} does not hold a real date of birth.` };
  if (birth.getTime() > today.getTime())
    return { ok: false, message: `This ${label} holds a date of birth in the future.` };
  const tenDigits = `${yy}${mm}${dd}${serial}`;
  if (!luhnValid(tenDigits))
    return { ok: false, message: `This ${label} is not valid: the check digit does not match.` };
  const value = `${year}${mm}${dd}${serial}`;
  return {
    ok: true,
    id: {
      kind: coordination ? 'samordningsnummer' : 'personnummer',
      value,
      display: `${value.slice(0, 8)}-${serial}`,
    },
  };
}

/** How a stored canonical identifier is shown again. */
export function displayNationalId(kind: NationalIdKind, value: string): string {
  switch (kind) {
    case 'nhs_number':
      return `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`;
    case 'personnummer':
    case 'samordningsnummer':
      return `${value.slice(0, 8)}-${value.slice(8)}`;
  }
}
