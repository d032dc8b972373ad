import { describe, expect, it } from 'vitest';
import {
  checkYearOfBirth,
  parseDiagnosisCode,
  parseMobile,
} from '../../../server/modules/clients/client-fields.js';
import { parseNationalId } from '../../../server/modules/clients/national-id.js';
import clinicalDe from '../../i18n/locales/de/clinical.json' with { type: 'json' };
import clinicalEn from '../../i18n/locales/en/clinical.json' with { type: 'json' };
import { knownFieldMessage } from './fieldMessages.js';

const today = new Date('2026-06-01T00:00:00Z');
const refusal = (result: { ok: boolean; message?: string }) => (result.ok ? undefined : result.message);

describe("translating the server's client and exercise field messages", () => {
  it('recognises every message the client field rules give', () => {
    const messages = [
      checkYearOfBirth(1800, today),
      refusal(parseMobile('12', 'GB')),
      refusal(parseDiagnosisCode('back pain')),
      refusal(parseNationalId('123', 'GB', today)),
      refusal(parseNationalId('1111111111', 'GB', today)),
      refusal(parseNationalId('9434765918', 'GB', today)),
      refusal(parseNationalId('12', 'SE', today)),
      refusal(parseNationalId('811218-9875', 'SE', today)),
      refusal(parseNationalId('811232-9876', 'SE', today)),
      refusal(parseNationalId('123', 'DE', today)),
    ];
    for (const message of messages) {
      expect(message).toBeTypeOf('string');
      expect(knownFieldMessage(message as string), message).toBeDefined();
    }
  });

  it('carries the numbers of a message into its translation', () => {
    expect(knownFieldMessage('Enter a year of birth from 1900 to 2026.')).toEqual({
      key: 'yearRange',
      values: { from: '1900', to: '2026' },
    });
    expect(knownFieldMessage('Enter the sets as a whole number from 1 to 20.')).toEqual({
      key: 'numberRange',
      values: { min: '1', max: '20' },
    });
    expect(knownFieldMessage('Use at most 100 characters.')?.values).toEqual({ count: 100 });
  });

  it('leaves a message it does not know alone', () => {
    expect(knownFieldMessage('Something entirely new.')).toBeUndefined();
  });

  it('has an English and a German text for every field message', () => {
    for (const key of Object.keys(clinicalEn.errors.fields)) {
      expect(clinicalDe.errors.fields).toHaveProperty([key]);
      expect(clinicalDe.errors.fields[key as keyof typeof clinicalDe.errors.fields]).not.toBe(
        clinicalEn.errors.fields[key as keyof typeof clinicalEn.errors.fields],
      );
    }
  });
});
