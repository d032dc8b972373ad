import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  healthRecordExpired,
  healthRuleFor,
  monthsBefore,
  parseRetentionPolicy,
  yearsBefore,
} from './retention.policy.js';

const now = new Date('2026-11-30T12:00:00.000Z');
const day = 24 * 60 * 60 * 1000;

describe('retention policy', () => {
  it('defaults to 12 months, 6 and 7 years, and the built-in health rules', () => {
    const { policy, problems } = parseRetentionPolicy({});
    expect(problems).toEqual([]);
    expect(policy).toEqual(DEFAULT_RETENTION);
    expect(healthRuleFor(policy, 'DE')).toEqual({ years: 10 });
    expect(healthRuleFor(policy, 'se')).toEqual({ years: 10 });
    expect(healthRuleFor(policy, 'GB')).toEqual({ years: 8, untilAge: 26 });
    expect(healthRuleFor(policy, 'FR')).toEqual({ years: 10 });
  });

  it('reads overrides, a per-country one included, and keeps the age floor of a built-in rule', () => {
    const { policy, problems } = parseRetentionPolicy({
      RETENTION_SIGN_IN_FAILURES_MONTHS: '6',
      RETENTION_TECHNICAL_MONTHS: '3',
      RETENTION_AUDIT_YEARS: '10',
      RETENTION_BILLING_YEARS: '8',
      RETENTION_HEALTH_YEARS: '15',
      RETENTION_HEALTH_YEARS_GB: '9',
      RETENTION_HEALTH_YEARS_AT: '30',
    });
    expect(problems).toEqual([]);
    expect(policy.signInFailuresMonths).toBe(6);
    expect(policy.technicalMonths).toBe(3);
    expect(policy.auditYears).toBe(10);
    expect(policy.billingYears).toBe(8);
    expect(healthRuleFor(policy, 'FR')).toEqual({ years: 15 });
    expect(healthRuleFor(policy, 'GB')).toEqual({ years: 9, untilAge: 26 });
    expect(healthRuleFor(policy, 'AT')).toEqual({ years: 30 });
    expect(healthRuleFor(policy, 'DE')).toEqual({ years: 10 });
  });

  it('refuses zero, fractions and words, naming the variable', () => {
    const { problems } = parseRetentionPolicy({
      RETENTION_TECHNICAL_MONTHS: '0',
      RETENTION_AUDIT_YEARS: '6.5',
      RETENTION_HEALTH_YEARS_DE: 'ten',
    });
    expect(problems).toEqual([
      'RETENTION_HEALTH_YEARS_DE must be a whole number of years from 1 to 100',
      'RETENTION_TECHNICAL_MONTHS must be a whole number of months from 1 to 1200',
      'RETENTION_AUDIT_YEARS must be a whole number of years from 1 to 100',
    ]);
  });

  it('counts calendar months back, ending at the last day of a shorter month', () => {
    expect(monthsBefore(now, 12).toISOString()).toBe('2025-11-30T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-03-31T00:00:00Z'), 1).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(yearsBefore(new Date('2028-02-29T00:00:00Z'), 1).toISOString()).toBe('2027-02-28T00:00:00.000Z');
  });

  it("expires a health record just past its country's years and keeps one just inside", () => {
    const policy = DEFAULT_RETENTION;
    const tenYears = yearsBefore(now, 10).getTime();
    const adult = { country: 'DE', yearOfBirth: 1970 };
    expect(healthRecordExpired(policy, { ...adult, lastActivityAt: new Date(tenYears - day) }, now)).toBe(
      true,
    );
    expect(healthRecordExpired(policy, { ...adult, lastActivityAt: new Date(tenYears + day) }, now)).toBe(
      false,
    );
  });

  it("keeps a GB child's record until the end of the year they turn 26, even when inactive for 8 years", () => {
    const policy = DEFAULT_RETENTION;
    const inactive = new Date(yearsBefore(now, 9).getTime());
    const child = { country: 'GB', lastActivityAt: inactive };
    expect(healthRecordExpired(policy, { ...child, yearOfBirth: now.getUTCFullYear() - 26 }, now)).toBe(
      false,
    );
    expect(healthRecordExpired(policy, { ...child, yearOfBirth: now.getUTCFullYear() - 27 }, now)).toBe(true);
  });
});
