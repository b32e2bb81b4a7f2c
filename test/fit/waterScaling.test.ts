import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import { quantifyWaterScaled, relaxationAttenuation, visibleWaterConcentrationMM, waterAmplitude } from '../../src/fit/waterScaling.js';
import { CHALLENGE_DIR, CHALLENGE_GRID, readChallengeBasis, readTextFid } from './helpers/ismrmChallenge.js';

const CHALLENGE_SCALING = { echoTimeS: 0.03, repetitionTimeS: null, tissue: { gm: 0.6, wm: 0.4, csf: 0 } };

describe('quantifyWaterScaled', () => {
  test('reproduces the ISMRM 2016 challenge constants (29697 mM visible water, metabolite factor 1.206)', () => {
    const { waterMM, csfCorrection } = visibleWaterConcentrationMM({ ...CHALLENGE_SCALING, waterAmplitude: 1 });
    expect(waterMM).toBeCloseTo(29697, -1);
    expect(csfCorrection).toBe(1);
    expect(1 / relaxationAttenuation({ t1S: 1.2, t2S: 0.16 }, 0.03, null)).toBeCloseTo(1.206, 3);
  });

  test('scales amplitudes linearly: c = a · 2/W · [H2O] / R_met', () => {
    const out = quantifyWaterScaled({ Cr: 2, NAA: 4 }, { ...CHALLENGE_SCALING, waterAmplitude: 1000 });
    const expected = ((2 * 2) / 1000) * visibleWaterConcentrationMM({ ...CHALLENGE_SCALING, waterAmplitude: 1000 }).waterMM * 1.2062;
    expect(out.Cr).toBeCloseTo(expected, 1);
    expect(out.NAA / out.Cr).toBeCloseTo(2, 12);
  });

  test('CSF only dilutes: same tissue water per non-CSF volume gives the same concentration', () => {
    const pure = quantifyWaterScaled({ X: 1 }, { ...CHALLENGE_SCALING, waterAmplitude: 100, tissue: { gm: 1, wm: 0, csf: 0 } });
    // with 20 % CSF (no CSF water relaxation/contents differences: same parameters as GM), the water signal is
    // unchanged per volume but metabolites fill only 80 % of it
    const mixed = quantifyWaterScaled(
      { X: 0.8 },
      {
        ...CHALLENGE_SCALING,
        waterAmplitude: 100,
        tissue: { gm: 0.8, wm: 0, csf: 0.2 },
        waterContent: { gm: 0.78, wm: 0.65, csf: 0.78 },
        waterRelaxation: { gm: { t1S: 1.8, t2S: 0.11 }, wm: { t1S: 1.1, t2S: 0.08 }, csf: { t1S: 1.8, t2S: 0.11 } },
      },
    );
    expect(mixed.X).toBeCloseTo(pure.X, 10);
  });

  test('T1 saturation at short TR raises the concentration, per-metabolite relaxation is honoured', () => {
    const long = quantifyWaterScaled({ A: 1 }, { ...CHALLENGE_SCALING, waterAmplitude: 100 });
    const short = quantifyWaterScaled(
      { A: 1, B: 1 },
      { ...CHALLENGE_SCALING, waterAmplitude: 100, repetitionTimeS: 2, metaboliteRelaxation: { B: { t1S: 3, t2S: 0.16 } } },
    );
    expect(short.B).toBeGreaterThan(short.A);
    expect(Number.isFinite(long.A) && long.A > 0).toBe(true);
    expect(() => quantifyWaterScaled({ A: 1 }, { ...CHALLENGE_SCALING, waterAmplitude: 0 })).toThrow(RangeError);
  });

  test('waterAmplitude extrapolates a decaying FID to t = 0 and ignores a halved first point', () => {
    const fid = new Float64Array(2 * 256);
    for (let n = 0; n < 256; n++) {
      const m = 5000 * Math.exp(-0.01 * n - 1e-4 * n * n);
      fid[2 * n] = m * Math.cos(0.3 + 0.05 * n);
      fid[2 * n + 1] = m * Math.sin(0.3 + 0.05 * n);
    }
    fid[0] /= 2;
    fid[1] /= 2;
    expect(waterAmplitude(fid)).toBeCloseTo(5000, 6);
  });

  test('Cr 10 mM water-scaling test spectrum of the challenge', () => {
    const path = join(CHALLENGE_DIR, 'Cr_water_scaling_text/Cr_10mM_test_water_scaling.txt');
    const fit = fitSpectrum(readTextFid(path, 0), CHALLENGE_GRID, { model: 'lcm', basis: readChallengeBasis() });
    const concentration = quantifyWaterScaled(fit.amplitudes, { ...CHALLENGE_SCALING, waterAmplitude: waterAmplitude(readTextFid(path, 2)) });
    console.log(`Cr water-scaling test: ${concentration.tCr.toFixed(2)} mM (expected 10 mM)`);
    // the datasets' water references agree with this scaling to ~2 % (see ismrmChallenge.test.ts); this
    // spectrum's own water reference comes out 8 % higher, which is reported, not hidden
    expect(Math.abs(concentration.tCr / 10 - 1)).toBeLessThan(0.1);
  });
});
