/**
 * How long each kind of data is kept (PRODUCT.md promise 9), read once at boot by config.ts so that a
 * bad setting stops the start with a message naming the variable. Plain functions: no database here.
 */

/** Health-record rule of one jurisdiction: years after the client's last activity, and for minors an age. */
export interface HealthRecordRule {
  years: number;
  /** Kept at least until the end of the year the client reaches this age (GB: records of children). */
  untilAge?: number;
}

export interface RetentionPolicy {
  /** Failed sign-in attempts of practitioners and patients (default 12 months). */
  signInFailuresMonths: number;
  /** Technical records: finished jobs, ended sessions, spent tokens and challenges, sent mail and SMS (12). */
  technicalMonths: number;
  /** The audit trail (6 years). */
  auditYears: number;
  /** Billing records (7 years); there are no billing tables yet. */
  billingYears: number;
  /** Health records, counted from the client's last activity, by the practice's country. */
  health: {
    /** For a country with no rule of its own (RETENTION_HEALTH_YEARS, default 10). */
    defaultYears: number;
    /** ISO country code → rule: the built-in ones, each overridable by RETENTION_HEALTH_YEARS_<CC>. */
    byCountry: Record<string, HealthRecordRule>;
  };
}

/**
 * The built-in health-record rules, each the minimum the law of the country asks for. DE: §630f (3) BGB,
 * 10 years after treatment ends. SE: Patientdatalagen 3 kap. 17 §, at least 10 years after the last
 * entry. GB: the NHS Records Management Code of Practice, 8 years for adults, children's records until
 * their 25th birthday (26th if 17 when treatment ended — with only a year of birth we keep them until
 * the end of the year they turn 26, which covers both).
 */
export const HEALTH_RECORD_RULES: Readonly<Record<string, HealthRecordRule>> = {
  DE: { years: 10 },
  SE: { years: 10 },
  GB: { years: 8, untilAge: 26 },
};

export const DEFAULT_RETENTION: RetentionPolicy = {
  signInFailuresMonths: 12,
  technicalMonths: 12,
  auditYears: 6,
  billingYears: 7,
  health: { defaultYears: 10, byCountry: { ...HEALTH_RECORD_RULES } },
};

type Environment = Record<string, string | undefined>;

const COUNTRY_VARIABLE = /^RETENTION_HEALTH_YEARS_([A-Z]{2})$/;

/** A whole number within bounds, or the fallback and a problem naming the variable. */
function whole(env: Environment, name: string, fallback: number, min: number, max: number, unit: string) {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return { value: fallback };
  const value = /^\d{1,4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max))
    return { value: fallback, problem: `${name} must be a whole number of ${unit} from ${min} to ${max}` };
  return { value };
}

/**
 * Reads the RETENTION_* variables. Limits are floored at one unit (a zero would delete everything at the
 * next run) and capped at 100 years so a typo cannot mean "for ever" silently.
 */
export function parseRetentionPolicy(env: Environment): { policy: RetentionPolicy; problems: string[] } {
  const problems: string[] = [];
  const read = (name: string, fallback: number, unit: 'months' | 'years') => {
    const result = whole(env, name, fallback, 1, unit === 'months' ? 1200 : 100, unit);
    if (result.problem) problems.push(result.problem);
    return result.value;
  };
  const byCountry: Record<string, HealthRecordRule> = { ...HEALTH_RECORD_RULES };
  for (const name of Object.keys(env).sort()) {
    const country = COUNTRY_VARIABLE.exec(name)?.[1];
    if (!country) continue;
    // An override sets the years; a built-in age floor (GB's minors) stays, as it is not a length of time.
    byCountry[country] = {
      ...byCountry[country],
      years: read(name, byCountry[country]?.years ?? 10, 'years'),
    };
  }
  const policy: RetentionPolicy = {
    signInFailuresMonths: read(
      'RETENTION_SIGN_IN_FAILURES_MONTHS',
      DEFAULT_RETENTION.signInFailuresMonths,
      'months',
    ),
    technicalMonths: read('RETENTION_TECHNICAL_MONTHS', DEFAULT_RETENTION.technicalMonths, 'months'),
    auditYears: read('RETENTION_AUDIT_YEARS', DEFAULT_RETENTION.auditYears, 'years'),
    billingYears: read('RETENTION_BILLING_YEARS', DEFAULT_RETENTION.billingYears, 'years'),
    health: {
      defaultYears: read('RETENTION_HEALTH_YEARS', DEFAULT_RETENTION.health.defaultYears, 'years'),
      byCountry,
    },
  };
  return { policy, problems };
}

/** The instant `months` calendar months before now (UTC): older rows are past their time. */
export function monthsBefore(now: Date, months: number): Date {
  const date = new Date(now);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() - months);
  // 31 March less one month is the last of February, not 3 March.
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return date;
}

export const yearsBefore = (now: Date, years: number): Date => monthsBefore(now, years * 12);

/** The rule for a practice's country: its own, else the deployment's default years. */
export function healthRuleFor(policy: RetentionPolicy, country: string): HealthRecordRule {
  return policy.health.byCountry[country.toUpperCase()] ?? { years: policy.health.defaultYears };
}

/** The shortest health-record limit in force: clients active since then are never candidates. */
export function shortestHealthYears(policy: RetentionPolicy): number {
  return Math.min(
    policy.health.defaultYears,
    ...Object.values(policy.health.byCountry).map((rule) => rule.years),
  );
}

export interface HealthRecordState {
  country: string;
  yearOfBirth: number;
  lastActivityAt: Date;
}

/** Whether a client's health record is past its time: inactive for the rule's years and past any age floor. */
export function healthRecordExpired(policy: RetentionPolicy, client: HealthRecordState, now: Date): boolean {
  const rule = healthRuleFor(policy, client.country);
  if (client.lastActivityAt >= yearsBefore(now, rule.years)) return false;
  // Only the year of birth is known: the age is reached for certain once that year has ended.
  if (rule.untilAge !== undefined && now.getUTCFullYear() <= client.yearOfBirth + rule.untilAge) return false;
  return true;
}
