import { randomInt } from 'node:crypto';

// Ten letters a–z: 26^10 ≈ 1.4e14 codes (about 47 bits), typed by patients, so no digits or case.
const LENGTH = 10;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Purpose of the access code's blind index; deployment-wide, as the patient app knows no practice. */
export const ACCESS_CODE_INDEX = 'access-code';

/** A new access code from the operating system's random source. */
export function generateAccessCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += LETTERS[randomInt(LETTERS.length)];
  return code;
}

/** The code as typed (any case, spaces or dashes) in its canonical form, or undefined when it cannot be one. */
export function normaliseAccessCode(input: string): string | undefined {
  const code = input.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z]{10}$/.test(code) ? code : undefined;
}

/** The code as people read it: two groups of five letters. */
export const formatAccessCode = (code: string) => `${code.slice(0, 5)} ${code.slice(5)}`;
