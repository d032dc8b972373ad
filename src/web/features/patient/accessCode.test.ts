import { describe, expect, it } from 'vitest';
import { formatAccessCode, isCompleteAccessCode, normaliseAccessCode } from './accessCode.js';

describe('access codes', () => {
  it('normalises any case, spaces and dashes to ten lowercase letters', () => {
    expect(normaliseAccessCode('ABCDE-fghij')).toBe('abcdefghij');
    expect(normaliseAccessCode(' abcde  FGHIJ ')).toBe('abcdefghij');
    expect(normaliseAccessCode('ab-cd e-fg hij')).toBe('abcdefghij');
  });

  it('accepts only complete codes of ten letters', () => {
    expect(isCompleteAccessCode('Abcde Fghij')).toBe(true);
    expect(isCompleteAccessCode('abcde fghi')).toBe(false);
    expect(isCompleteAccessCode('abcde fghi1')).toBe(false);
    expect(isCompleteAccessCode('abcdefghijk')).toBe(false);
  });

  it('shows the code in two groups of five as it is typed', () => {
    expect(formatAccessCode('abc')).toBe('abc');
    expect(formatAccessCode('abcde')).toBe('abcde');
    expect(formatAccessCode('ABCDEF')).toBe('abcde f');
    expect(formatAccessCode('abcde-fghij')).toBe('abcde fghij');
  });
});
