import { describe, expect, it } from 'vitest';
import { changeFromBaseline } from './change.js';
import { groc } from './definitions/groc.js';
import { koos } from './definitions/koos-hoos.js';
import { lefs } from './definitions/lefs.js';
import { phq9 } from './definitions/phq9.js';
import { psfs } from './definitions/psfs.js';

describe('change from baseline', () => {
  it('counts a fall of 5 on PHQ-9 (lower is better) as an important improvement', () => {
    expect(changeFromBaseline(phq9, 15, 10)).toEqual({
      delta: -5,
      improved: true,
      worsened: false,
      clinicallyImportant: true,
    });
  });

  it('counts a fall of 4 on PHQ-9 as an improvement below the MCID', () => {
    expect(changeFromBaseline(phq9, 15, 11)).toMatchObject({ improved: true, clinicallyImportant: false });
  });

  it('marks a rise of 9 on LEFS (higher is better) important, and a fall of 9 an important worsening', () => {
    expect(changeFromBaseline(lefs, 40, 49)).toMatchObject({
      delta: 9,
      improved: true,
      clinicallyImportant: true,
    });
    expect(changeFromBaseline(lefs, 49, 40)).toMatchObject({ worsened: true, clinicallyImportant: true });
  });

  it('reaches the MCID despite binary fractions in means (PSFS 5.1 → 7.1)', () => {
    expect(changeFromBaseline(psfs, 5.1, 7.1)).toMatchObject({ improved: true, clinicallyImportant: true });
  });

  it('accepts scores as well as totals', () => {
    expect(changeFromBaseline(phq9, { total: 20, flags: [] }, { total: 20, flags: [] })).toEqual({
      delta: 0,
      improved: false,
      worsened: false,
      clinicallyImportant: false,
    });
  });

  it('is never clinically important without an MCID', () => {
    expect(changeFromBaseline(groc, -7, 7).clinicallyImportant).toBe(false);
  });

  it('refuses a score without a total', () => {
    expect(() => changeFromBaseline(koos, { total: null, flags: [] }, { total: null, flags: [] })).toThrow(
      TypeError,
    );
  });
});
