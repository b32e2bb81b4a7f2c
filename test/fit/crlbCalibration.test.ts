import { describe, expect, test } from 'vitest';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import { CHALLENGE_GRID, readChallengeBasis } from './helpers/ismrmChallenge.js';
import { BRAIN_LIKE_AMPLITUDES, syntheticFid } from './helpers/syntheticSpectrum.js';

const REALISATIONS = 200;

describe('Cramér–Rao lower bounds', () => {
  const basis = readChallengeBasis();
  const measures = ['Glu', 'Glx', 'NAA', 'tCr', 'Ins'];
  const values = new Map(measures.map((m) => [m, [] as number[]]));
  const crlbs = new Map(measures.map((m) => [m, [] as number[]]));
  for (let seed = 1; seed <= REALISATIONS; seed++) {
    // one spectrum (brain-like amplitudes, 3T PRESS TE 30, SNR like the challenge data), new noise each time
    const fid = syntheticFid(basis, {
      amplitudes: BRAIN_LIKE_AMPLITUDES,
      shiftHz: 1.5,
      lorentzianHz: 3,
      gaussianHz: 3,
      phase0Deg: 10,
      noiseSd: 4,
      seed,
    });
    const fit = fitSpectrum(fid, CHALLENGE_GRID, { model: 'lcm', basis });
    for (const m of measures) {
      values.get(m)!.push(fit.amplitudes[m]);
      crlbs.get(m)!.push(fit.crlbSd[m]);
    }
  }
  const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
  const sd = (x: number[]): number => {
    const m = mean(x);
    return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
  };

  test(`SD of fitted Glu over ${REALISATIONS} noise realisations is within 20 % of the mean CRLB`, () => {
    const lines = measures.map((m) => {
      const ratio = sd(values.get(m)!) / mean(crlbs.get(m)!);
      return `| ${m} | ${mean(values.get(m)!).toFixed(3)} | ${sd(values.get(m)!).toFixed(4)} | ${mean(crlbs.get(m)!).toFixed(4)} | ${ratio.toFixed(2)} |`;
    });
    console.log(['| measure | mean | SD over realisations | mean CRLB | SD/CRLB |', '|---|---|---|---|---|', ...lines].join('\n'));
    const ratio = sd(values.get('Glu')!) / mean(crlbs.get('Glu')!);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.2);
  });

  test('the combinations are calibrated as well (their SDs use the covariances)', () => {
    for (const m of ['Glx', 'NAA', 'tCr']) {
      const ratio = sd(values.get(m)!) / mean(crlbs.get(m)!);
      expect(ratio).toBeGreaterThan(0.75);
      expect(ratio).toBeLessThan(1.25);
    }
  });

  test('estimates are unbiased at this SNR', () => {
    expect(Math.abs(mean(values.get('Glu')!) / BRAIN_LIKE_AMPLITUDES.Glu - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean(values.get('NAA')!) / BRAIN_LIKE_AMPLITUDES.NAA - 1)).toBeLessThan(0.02);
  });
});
