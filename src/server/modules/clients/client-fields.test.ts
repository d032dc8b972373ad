import { describe, expect, it } from 'vitest';
import {
  checkYearOfBirth,
  foldForSearch,
  parseDiagnosisCode,
  parseMobile,
  SQL_FOLD,
} from './client-fields.js';
import { searchDiagnosisCodes } from './diagnosis-codes.js';

const today = new Date('2026-03-02T09:00:00Z');

describe('year of birth', () => {
  it.each([1900, 1984, 2026])('accepts %i', (year) => expect(checkYearOfBirth(year, today)).toBeUndefined());
  it.each([1899, 2027, 0])('refuses %i, naming the range', (year) =>
    expect(checkYearOfBirth(year, today)).toBe('Enter a year of birth from 1900 to 2026.'),
  );
});

describe('mobile numbers', () => {
  it.each([
    ['07400 123456', 'GB', '+447400123456'],
    ['+44 7400 123456', 'SE', '+447400123456'],
    ['070-123 45 67', 'SE', '+46701234567'],
    ['0151 12345678', 'DE', '+4915112345678'],
  ])('reads %s in a %s practice as %s', (input, country, e164) => {
    expect(parseMobile(input, country)).toEqual({ ok: true, value: e164 });
  });

  it.each([
    ['12345', 'GB'],
    ['07400 12345', 'GB'],
    ['not a number', 'GB'],
    ['+999 123456789', 'GB'],
  ])('refuses %s in a %s practice', (input, country) => {
    expect(parseMobile(input, country).ok).toBe(false);
  });
});

describe('ICD-10 codes', () => {
  it.each([
    ['M54.5', 'M54.5'],
    ['s83.2', 'S83.2'],
    ['M75.1', 'M75.1'],
    ['M545', 'M54.5'],
    ['M54', 'M54'],
    ['S83.21', 'S83.21'],
    [' m54.5 ', 'M54.5'],
  ])('accepts %s as %s', (input, code) =>
    expect(parseDiagnosisCode(input)).toEqual({ ok: true, value: code }),
  );

  it.each(['54.5', 'MM4.5', 'M5.45', 'M54.', 'M54.567', 'back pain', ''])('refuses %s', (input) =>
    expect(parseDiagnosisCode(input).ok).toBe(false),
  );

  it('finds short-list codes by code prefix and by words of the title in the language asked for', () => {
    expect(searchDiagnosisCodes('m54', 'en', 20).map((c) => c.code)).toContain('M54.5');
    expect(searchDiagnosisCodes('M54.5', 'en', 20)).toEqual([{ code: 'M54.5', title: 'Low back pain' }]);
    expect(searchDiagnosisCodes('tennis', 'en', 20).map((c) => c.code)).toEqual(['M77.1']);
    expect(searchDiagnosisCodes('kreuzschmerz', 'de', 20)).toEqual([
      { code: 'M54.5', title: 'Kreuzschmerz' },
    ]);
    expect(searchDiagnosisCodes('außenknöchel', 'de', 20).map((c) => c.code)).toEqual(['S82.6']);
    expect(searchDiagnosisCodes('aussenknochel', 'de', 20).map((c) => c.code)).toEqual(['S82.6']);
  });
});

describe('name folding', () => {
  it('drops case and accents the way people type names', () => {
    expect(foldForSearch('Åsa Ångström')).toBe('asa angstrom');
    expect(foldForSearch('MÜLLER')).toBe('muller');
    expect(foldForSearch('Straße')).toBe('strasse');
    expect(foldForSearch('Søren Łukasz')).toBe('soren lukasz');
  });

  it('gives SQL the same single-letter folds as the application', () => {
    expect(SQL_FOLD.from.length).toBe(SQL_FOLD.to.length);
    for (let i = 0; i < SQL_FOLD.from.length; i++)
      expect(foldForSearch(SQL_FOLD.from[i] as string)).toBe(SQL_FOLD.to[i]);
    expect(SQL_FOLD.from).toContain('Å');
    expect(SQL_FOLD.from).toContain('ö');
  });
});
