import type { AlertRuleValues } from './alertsApi.js';

/** The rules form's fields as typed: '' inherits (and for the days, '0' turns the rule off). */
export interface RuleFields {
  pain: string;
  days: string;
  worse: '' | 'on' | 'off';
}

/** The fields showing the own settings of a practice or client. */
export function fieldsOf(rules: AlertRuleValues): RuleFields {
  return {
    pain: rules.painAtOrAbove === null ? '' : String(rules.painAtOrAbove),
    days: rules.noAdherenceDays === null ? '' : String(rules.noAdherenceDays),
    worse: rules.scoreWorseByMcid === null ? '' : rules.scoreWorseByMcid ? 'on' : 'off',
  };
}

/** Days without a log: empty (inherit) or a whole number from 0 (off) to 90, as the server takes. */
export const validDays = (text: string) => {
  const days = text.trim();
  return days === '' || (/^\d{1,2}$/.test(days) && Number(days) <= 90);
};

/** The body to save; call with valid days only. */
export function valuesOf(fields: RuleFields): AlertRuleValues {
  const days = fields.days.trim();
  return {
    painAtOrAbove: fields.pain === '' ? null : Number(fields.pain),
    noAdherenceDays: days === '' ? null : Number(days),
    scoreWorseByMcid: fields.worse === '' ? null : fields.worse === 'on',
  };
}

export const sameFields = (a: RuleFields, b: RuleFields) =>
  a.pain === b.pain && a.days.trim() === b.days.trim() && a.worse === b.worse;
