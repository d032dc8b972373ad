import commonPasswords from 'fxa-common-password-list';

/** Why a password was refused; each has a message that tells the person what to do. */
export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'contains_name';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
// Parts of an email or name shorter than this are too common to refuse ("al", "li").
const MIN_PERSONAL_PART = 3;

export const passwordMessages: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong, memorable password.`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  common: 'This password is on a list of common or leaked passwords. Please choose another one.',
  contains_email: 'Your password must not contain your email address or its name part.',
  contains_name: 'Your password must not contain your first or last name.',
};

/** NIST SP 800-63B: Unicode passwords are normalised before they are counted, checked and hashed. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The password rules of NIST SP 800-63B: length 12–128 counted in characters, never truncated; no
 * composition rules; refused when common or breached, or when it contains the person's email or name.
 */
export function checkPassword(
  password: string,
  person: { email?: string; firstName?: string; lastName?: string },
): PasswordProblem | undefined {
  const normalised = normalisePassword(password);
  const length = [...normalised].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const folded = fold(normalised);
  if (commonPasswords.test(normalised) || commonPasswords.test(folded)) return 'common';
  const email = fold(person.email ?? '');
  const localPart = email.split('@')[0] ?? '';
  if (
    (email && folded.includes(email)) ||
    (localPart.length >= MIN_PERSONAL_PART && folded.includes(localPart))
  ) {
    return 'contains_email';
  }
  const names = [person.firstName, person.lastName].map((name) => fold(name ?? '').trim());
  if (names.some((name) => name.length >= MIN_PERSONAL_PART && folded.includes(name))) return 'contains_name';
  return undefined;
}
