// Access codes are 10 lowercase letters (API.md); people type them from paper, an email or an SMS,
// so any case, spaces and dashes are accepted and the code is shown as two groups of five.

/** Letters in a complete access code. */
export const ACCESS_CODE_LENGTH = 10;

/** The code as the server compares it: lowercase, without spaces or dashes (other characters kept). */
export function normaliseAccessCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]+/g, '');
}

/** Whether the input, normalised, is 10 letters a–z. */
export function isCompleteAccessCode(input: string): boolean {
  return /^[a-z]{10}$/.test(normaliseAccessCode(input));
}

/**
 * The input as the field shows it while the person types: lowercase, grouped "abcde fghij".
 * Characters other than letters are kept (so a typo stays visible) but never counted as a group.
 */
export function formatAccessCode(input: string): string {
  const code = normaliseAccessCode(input).slice(0, 2 * ACCESS_CODE_LENGTH);
  if (code.length <= 5) return code;
  return `${code.slice(0, 5)} ${code.slice(5)}`;
}
