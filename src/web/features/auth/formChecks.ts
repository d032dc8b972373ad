import type { TFunction } from 'i18next';

const PASSWORD_MIN = 12;
const PASSWORD_MAX = 128;

/** Problems we can name before asking the server, by field, in the user's language. */
export type FieldProblems = Partial<Record<string, string>>;

/** A required text: blank is a problem. */
export function checkRequired(problems: FieldProblems, field: string, value: string, t: TFunction): void {
  if (value.trim() === '') problems[field] = t('fieldMessages.required');
}

/** A plausible email address; the server has the last word. */
export function checkEmail(problems: FieldProblems, field: string, value: string, t: TFunction): void {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())) problems[field] = t('fieldMessages.email');
}

/**
 * The length rule of a new password, counted as the server counts it (NFKC code points). The other
 * rules (common, breached, personal) are the server's; its reason is shown when it refuses.
 */
export function checkNewPassword(problems: FieldProblems, field: string, value: string, t: TFunction): void {
  const length = [...value.normalize('NFKC')].length;
  if (length === 0) problems[field] = t('fieldMessages.passwordRequired');
  else if (length < PASSWORD_MIN) problems[field] = t('fieldMessages.passwordTooShort');
  else if (length > PASSWORD_MAX) problems[field] = t('fieldMessages.passwordTooLong');
}

/** Whether a check found anything. */
export const hasProblems = (problems: FieldProblems) => Object.keys(problems).length > 0;
