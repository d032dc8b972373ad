import { describe, expect, it } from 'vitest';
import { luhnValid, parseNationalId, parseNhsNumber, parseSwedishId } from './national-id.js';

const today = new Date('2026-03-02T09:00:00Z');

/** The first nine digits given, the NHS check digit that completes them (10 when none does). */
function nhsCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  return (11 - (sum % 11)) % 11;
}

describe('NHS numbers', () => {
  it.each(['943 476 5919', '9434765919', '401 023 2137', '943-476-5919'])('accepts %s', (input) => {
    const result = parseNhsNumber(input);
    expect(result).toEqual({
      ok: true,
      id: expect.objectContaining({ kind: 'nhs_number', value: input.replace(/\D/g, '') }),
    });
  });

  it('shows an accepted number in groups of 3, 3 and 4 digits', () => {
    expect(parseNhsNumber('9434765919')).toMatchObject({ id: { display: '943 476 5919' } });
  });

  it.each([
    ['943 476 5918', 'a wrong check digit'],
    ['943 476 591', 'nine digits'],
    ['943 476 59190', 'eleven digits'],
    ['943 476 591A', 'a letter'],
    ['', 'nothing'],
  ])('refuses %s (%s)', (input) => {
    expect(parseNhsNumber(input).ok).toBe(false);
  });

  it.each(['0000000000', '1111111111', '2222222222', '9999999999'])(
    'refuses %s, whose digits are all the same, though some pass the check digit',
    (input) => {
      const result = parseNhsNumber(input);
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/all its digits are the same/) });
    },
  );

  it('refuses every number whose first nine digits give the check digit 10', () => {
    let nine = 100000000;
    while (nhsCheckDigit(String(nine)) !== 10) nine++;
    for (let last = 0; last <= 9; last++) expect(parseNhsNumber(`${nine}${last}`).ok).toBe(false);
  });
});

describe('Swedish personnummer and samordningsnummer', () => {
  it('runs the Luhn check over the ten digits', () => {
    expect(luhnValid('8112189876')).toBe(true);
    expect(luhnValid('8112189875')).toBe(false);
  });

  it.each([
    ['811218-9876', '198112189876', '19811218-9876'],
    ['8112189876', '198112189876', '19811218-9876'],
    ['19811218-9876', '198112189876', '19811218-9876'],
    ['198112189876', '198112189876', '19811218-9876'],
    ['121212-1212', '201212121212', '20121212-1212'],
    ['191212121212', '191212121212', '19121212-1212'],
  ])('accepts the personnummer %s as %s', (input, value, display) => {
    expect(parseSwedishId(input, today)).toEqual({
      ok: true,
      id: { kind: 'personnummer', value, display },
    });
  });

  it('reads the + separator as a person of 100 or more', () => {
    expect(parseSwedishId('121212+1212', today)).toMatchObject({ id: { value: '191212121212' } });
  });

  it('reads a ten-digit number whose birthday this century is still to come as last century', () => {
    // 12 December 2026 is after "today": someone under 100 with this number was born in 1926.
    expect(parseSwedishId('261212-1216', today)).toMatchObject({ ok: true, id: { value: '192612121216' } });
    expect(parseSwedishId('20261212-1216', today)).toMatchObject({ ok: false });
  });

  it('accepts the samordningsnummer 701063-2391 (day of birth plus 60)', () => {
    expect(parseSwedishId('701063-2391', today)).toEqual({
      ok: true,
      id: { kind: 'samordningsnummer', value: '197010632391', display: '19701063-2391' },
    });
  });

  it.each([
    ['811218-9875', /check digit/],
    ['811318-9876', /real date/],
    ['810230-9876', /real date/],
    ['810100-9876', /real date/],
    ['701093-2391', /real date/],
    ['20811218-9876', /future/],
    ['811218 987', /YYMMDD-NNNN/],
    ['81121-89876', /YYMMDD-NNNN/],
    ['19811218+9876', /\+ separator/],
    ['abcdef-ghij', /YYMMDD-NNNN/],
  ])('refuses %s', (input, message) => {
    const result = parseSwedishId(input, today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('names a samordningsnummer as such when it is refused', () => {
    expect(parseSwedishId('701063-2392', today)).toEqual({
      ok: false,
      message: expect.stringContaining('samordningsnummer'),
    });
  });
});

describe('national identifiers by the practice country', () => {
  it('reads an NHS number in GB and a personnummer in SE', () => {
    expect(parseNationalId('943 476 5919', 'GB', today)).toMatchObject({ id: { kind: 'nhs_number' } });
    expect(parseNationalId('811218-9876', 'SE', today)).toMatchObject({ id: { kind: 'personnummer' } });
  });

  it('refuses a personnummer in a GB practice and an NHS number in a Swedish one', () => {
    expect(parseNationalId('811218-9876', 'GB', today).ok).toBe(false);
    expect(parseNationalId('943 476 5919', 'SE', today).ok).toBe(false);
  });

  it('refuses any identifier in other countries, saying it is not used there', () => {
    expect(parseNationalId('943 476 5919', 'DE', today)).toEqual({
      ok: false,
      message: 'A national identifier is not used for practices in Germany; leave this field empty.',
    });
  });
});
