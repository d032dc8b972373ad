import { describe, expect, it } from 'vitest';
import { AnswersRejected } from './errors.js';
import { scoreMeasure } from './measure.js';
import { instrumentByCode, listInstruments } from './registry.js';

describe('instrument registry', () => {
  it('holds every measure code of API.md', () => {
    for (const code of ['NPRS', 'PSFS', 'PHQ-9', 'GAD-7', 'GROC', 'LEFS', 'FABQ'])
      expect(instrumentByCode(code)?.code).toBe(code);
  });

  it('knows no code twice', () => {
    const codes = listInstruments().map((instrument) => instrument.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives every instrument a licence, an attribution, ascending bands and items that fit its options', () => {
    for (const instrument of listInstruments()) {
      expect(instrument.attribution.length).toBeGreaterThan(0);
      expect(instrument.licence.holder).toBeTruthy();
      instrument.bands.forEach((band, index) => {
        expect(band.to).toBeGreaterThanOrEqual(band.from);
        const next = instrument.bands[index + 1];
        if (next) expect(next.from).toBe(band.to + 1);
      });
      for (const item of instrument.items)
        if (item.options)
          expect(item.options.map((option) => option.value)).toEqual(
            Array.from({ length: item.max - item.min + 1 }, (_, index) => item.min + index),
          );
    }
  });

  it('ships German text only where the instrument says so', () => {
    for (const instrument of listInstruments()) {
      const anyGerman = instrument.items.some((item) => item.text?.de);
      expect(anyGerman).toBe(instrument.languages.includes('de'));
    }
  });

  it('scores by code and refuses an unknown code on the measure field', () => {
    expect(scoreMeasure('NPRS', [4]).total).toBe(4);
    expect(() => scoreMeasure('PHQ-10', [])).toThrow(AnswersRejected);
  });
});
