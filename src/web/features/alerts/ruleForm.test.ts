import { describe, expect, it } from 'vitest';
import { fieldsOf, sameFields, validDays, valuesOf } from './ruleForm.js';

describe('the alert rules form', () => {
  it('shows inherited rules as empty fields and own ones as typed', () => {
    expect(fieldsOf({ painAtOrAbove: null, noAdherenceDays: null, scoreWorseByMcid: null })).toEqual({
      pain: '',
      days: '',
      worse: '',
    });
    expect(fieldsOf({ painAtOrAbove: 7, noAdherenceDays: 0, scoreWorseByMcid: false })).toEqual({
      pain: '7',
      days: '0',
      worse: 'off',
    });
  });

  it('saves empty fields as inherited, 0 days as off, and the choices as booleans', () => {
    expect(valuesOf({ pain: '', days: ' ', worse: '' })).toEqual({
      painAtOrAbove: null,
      noAdherenceDays: null,
      scoreWorseByMcid: null,
    });
    expect(valuesOf({ pain: '8', days: '0', worse: 'on' })).toEqual({
      painAtOrAbove: 8,
      noAdherenceDays: 0,
      scoreWorseByMcid: true,
    });
  });

  it('takes empty days or a whole number from 0 to 90', () => {
    expect(['', ' ', '0', '7', '90'].every(validDays)).toBe(true);
    expect(['91', '-1', '2.5', 'five', '007'].some(validDays)).toBe(false);
  });

  it('tells a change from the saved rules, ignoring spaces around the days', () => {
    expect(sameFields({ pain: '7', days: '3 ', worse: '' }, { pain: '7', days: '3', worse: '' })).toBe(true);
    expect(sameFields({ pain: '7', days: '3', worse: 'on' }, { pain: '7', days: '3', worse: '' })).toBe(
      false,
    );
  });
});
