import FFT from 'fft.js';
import { describe, expect, test } from 'vitest';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import { DataError } from '../../src/util/errors.js';
import { CHALLENGE_GRID, readChallengeBasis } from './helpers/ismrmChallenge.js';
import { BRAIN_LIKE_AMPLITUDES, syntheticFid } from './helpers/syntheticSpectrum.js';

const basis = readChallengeBasis();
const truth = { ...BRAIN_LIKE_AMPLITUDES };
const spec = { amplitudes: truth, shiftHz: 4, lorentzianHz: 3, gaussianHz: 4, phase0Deg: 25, noiseSd: 0.5, seed: 1 };
const fid = syntheticFid(basis, spec);

describe('fitSpectrum, lcm model', () => {
  const result = fitSpectrum(fid, CHALLENGE_GRID, { model: 'lcm', basis });

  test('recovers the main amplitudes, lineshape and phase of a simulated spectrum', () => {
    expect(result.qc.converged).toBe(true);
    for (const name of ['NAA', 'Glu', 'Ins']) {
      expect(Math.abs(result.amplitudes[name] / truth[name] - 1)).toBeLessThan(0.05);
    }
    expect(Math.abs(result.amplitudes.tCr / (truth.Cr + truth.PCr) - 1)).toBeLessThan(0.03);
    expect(Math.abs(result.amplitudes.tCho / (truth.GPC + truth.PCho) - 1)).toBeLessThan(0.08);
    expect(result.shiftHz).toBeCloseTo(spec.shiftHz, 0);
    expect(result.phase0Deg).toBeCloseTo(spec.phase0Deg, 0);
    expect(result.phase1DegPerPpm).toBeCloseTo(0, 0);
    expect(result.lorentzianHz).toBeGreaterThan(2);
    expect(result.lorentzianHz).toBeLessThan(4);
    expect(result.gaussianHz).toBeGreaterThan(3);
    expect(result.gaussianHz).toBeLessThan(5);
  });

  test('each amplitude error is within a few CRLBs, and the residual is noise-like', () => {
    for (const name of ['NAA', 'Glu', 'Gln', 'Ins', 'GPC']) {
      const error = result.amplitudes[name] - truth[name];
      expect(Math.abs(error)).toBeLessThan(4 * result.crlbSd[name]);
    }
    expect(result.qc.residualToNoise).toBeGreaterThan(0.9);
    expect(result.qc.residualToNoise).toBeLessThan(1.1);
  });

  test('reports combinations with SDs from the covariance', () => {
    const { amplitudes: a, crlbSd: sd, covariance, covarianceNames: names } = result;
    expect(a.Glx).toBeCloseTo(a.Glu + a.Gln, 10);
    expect(a.tNAA).toBeCloseTo(a.NAA + a.NAAG, 10);
    const n = names.length;
    const [glu, gln] = [names.indexOf('Glu'), names.indexOf('Gln')];
    const variance = covariance[glu * n + glu] + covariance[gln * n + gln] + 2 * covariance[glu * n + gln];
    expect(sd.Glx).toBeCloseTo(Math.sqrt(variance), 10);
    // Glu and Gln overlap, so their estimates are anti-correlated and Glx is better defined than the sum of SDs
    expect(covariance[glu * n + gln]).toBeLessThan(0);
    expect(sd.Glx).toBeLessThan(sd.Glu + sd.Gln);
  });

  test('QC: NAA linewidth and SNR match the simulation', () => {
    // basis NAA is already a few Hz wide; the simulated broadening adds to it
    expect(result.qc.fwhmHz).toBeGreaterThan(5);
    expect(result.qc.fwhmHz).toBeLessThan(12);
    expect(result.qc.snr).toBeGreaterThan(10);
    expect(result.curves.ppm.length).toBe(result.curves.fit.length);
    const m = result.curves.ppm.length;
    for (let i = 0; i < m; i += 17) expect(result.curves.residual[i]).toBeCloseTo(result.curves.data[i] - result.curves.fit[i], 8);
  });

  test('is deterministic', () => {
    const again = fitSpectrum(fid, CHALLENGE_GRID, { model: 'lcm', basis });
    expect(again.amplitudes).toEqual(result.amplitudes);
  });

  test('works without a baseline and on a basis stored with a different dwell time and length', () => {
    const noBaseline = fitSpectrum(fid, CHALLENGE_GRID, { model: 'lcm', basis, baseline: { polynomialOrder: -1 } });
    expect(Math.abs(noBaseline.amplitudes.NAA / truth.NAA - 1)).toBeLessThan(0.05);
    // the same basis sampled twice as fast (band-limited: every basis line is inside both bandwidths)
    const fineGrid = { ...CHALLENGE_GRID, points: 4096, dwellTimeS: CHALLENGE_GRID.dwellTimeS / 2 };
    const fineFid = syntheticFid(
      { ...basis, ...resampledBasis(basis) },
      { ...spec, noiseSd: 0.05 },
    );
    const fine = fitSpectrum(fineFid, fineGrid, { model: 'lcm', basis });
    expect(Math.abs(fine.amplitudes.NAA / truth.NAA - 1)).toBeLessThan(0.03);
    expect(Math.abs(fine.amplitudes.Glu / truth.Glu - 1)).toBeLessThan(0.05);
  });
});

describe('fitSpectrum, peak model', () => {
  const result = fitSpectrum(fid, CHALLENGE_GRID, { model: 'peaks' });
  test('reports NAA, Cr, Cho, Glx and the totals, with ratios close to the simulated ones', () => {
    for (const name of ['NAA', 'Cr', 'Cho', 'Glu', 'Glx', 'tNAA', 'tCr', 'tCho']) expect(result.amplitudes[name]).toBeGreaterThan(0);
    // peak amplitudes are per molecule; NAA/tCr should be near the simulated (NAA + NAAG)/(Cr + PCr)
    const simulated = (truth.NAA + truth.NAAG) / (truth.Cr + truth.PCr);
    expect(Math.abs(result.amplitudes.NAA / result.amplitudes.Cr / simulated - 1)).toBeLessThan(0.2);
    expect(result.qc.converged).toBe(true);
  });
});

describe('fitSpectrum macromolecules', () => {
  test('adds the built-in MM component only when the basis has no macromolecule spectrum', () => {
    const withMac = fitSpectrum(fid, CHALLENGE_GRID, { model: 'lcm', basis });
    expect(withMac.covarianceNames).not.toContain('MM');
    const noMacBasis = { ...basis, names: basis.names.filter((n) => n !== 'Mac'), fids: basis.fids.filter((_, j) => basis.names[j] !== 'Mac') };
    const added = fitSpectrum(fid, CHALLENGE_GRID, { model: 'lcm', basis: noMacBasis });
    expect(added.covarianceNames).toContain('MM');
    expect(added.amplitudes.MM).toBeGreaterThan(0);
    const notAdded = fitSpectrum(fid, CHALLENGE_GRID, { model: 'lcm', basis: noMacBasis, addMacromolecules: false });
    expect(notAdded.covarianceNames).not.toContain('MM');
    // the broad component stands in for the missing measured Mac better than the baseline alone
    expect(added.qc.residualToNoise).toBeLessThan(notAdded.qc.residualToNoise);
  });
});

describe('fitSpectrum input checks', () => {
  test('zero-fills a grid that is not a power of two (e.g. 4095-point FSL-MRS output)', () => {
    const short = fitSpectrum(fid.subarray(0, 2 * 2047), { ...CHALLENGE_GRID, points: 2047 }, { model: 'lcm', basis });
    expect(Math.abs(short.amplitudes.NAA / truth.NAA - 1)).toBeLessThan(0.05);
  });

  test('rejects a missing basis, a wrong length, NaNs and an empty FID', () => {
    expect(() => fitSpectrum(fid, CHALLENGE_GRID, { model: 'lcm' })).toThrow(DataError);
    expect(() => fitSpectrum(fid.subarray(0, 100), CHALLENGE_GRID, { model: 'peaks' })).toThrow(DataError);
    const bad = fid.slice();
    bad[10] = NaN;
    expect(() => fitSpectrum(bad, CHALLENGE_GRID, { model: 'peaks' })).toThrow(DataError);
    expect(() => fitSpectrum(new Float64Array(fid.length), CHALLENGE_GRID, { model: 'peaks' })).toThrow(/all zeros/);
  });
});

/** The basis FIDs at half the dwell time and twice the points, by spectral zero-padding (exact band-limited interpolation). */
function resampledBasis(source: typeof basis): { fids: Float64Array[]; points: number; dwellTimeS: number } {
  return {
    fids: source.fids.map((f) => zeroPadSpectrum(f)),
    points: source.points * 2,
    dwellTimeS: source.dwellTimeS / 2,
  };
}

function zeroPadSpectrum(fid: Float64Array): Float64Array {
  // DFT-domain zero padding with fft.js directly, independent of the code under test
  const n = fid.length / 2;
  const spectrum = new Float64Array(2 * n);
  new FFT(n).transform(spectrum, fid);
  const padded = new Float64Array(4 * n);
  for (let k = -n / 2; k < n / 2; k++) {
    const from = (k + n) % n;
    const to = (k + 2 * n) % (2 * n);
    padded[2 * to] = spectrum[2 * from];
    padded[2 * to + 1] = spectrum[2 * from + 1];
  }
  const out = new Float64Array(4 * n);
  new FFT(2 * n).inverseTransform(out, padded);
  // inverseTransform divides by 2n; the interpolated FID keeps the original sample values
  for (let i = 0; i < out.length; i++) out[i] *= 2;
  return out;
}

describe('fitSpectrum residual water tail', () => {
  test('the optional water-tail terms absorb a residual water peak outside the range', () => {
    // add a strong Lorentzian water line (50× NAA, 15 Hz wide, 40° off phase) at 4.65 ppm
    const wet = fid.slice();
    for (let n = 0; n < CHALLENGE_GRID.points; n++) {
      const t = n * CHALLENGE_GRID.dwellTimeS;
      const a = 50 * 12 * 3 * Math.exp(-Math.PI * 15 * t);
      wet[2 * n] += a * Math.cos(0.7);
      wet[2 * n + 1] += a * Math.sin(0.7);
    }
    const plain = fitSpectrum(wet, CHALLENGE_GRID, { model: 'lcm', basis });
    const withTail = fitSpectrum(wet, CHALLENGE_GRID, { model: 'lcm', basis, baseline: { waterTail: true } });
    expect(withTail.qc.residualToNoise).toBeLessThan(plain.qc.residualToNoise);
    expect(Math.abs(withTail.amplitudes.Glu / truth.Glu - 1)).toBeLessThan(0.05);
    expect(Math.abs(withTail.amplitudes.NAA / truth.NAA - 1)).toBeLessThan(0.05);
  });
});
