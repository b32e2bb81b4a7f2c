import { describe, expect, test } from 'vitest';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { fitSpectrum } from '../../src/fit/fitSpectrum.js';
import type { FitResult } from '../../src/types/fit.js';
import { eddyCurrentCorrect } from '../../src/preprocess/eddyCurrent.js';
import {
  applyLineshapeCorrection,
  lineshapeCorrection,
  referenceDeconvolution,
  type TimeSignal,
} from '../../src/preprocess/referenceDeconvolution.js';
import { DataError } from '../../src/util/errors.js';
import { SeededRandom } from '../../src/util/rng.js';
import { CHALLENGE_GRID, readChallengeBasis } from '../fit/helpers/ismrmChallenge.js';
import { BRAIN_LIKE_AMPLITUDES, syntheticFid } from '../fit/helpers/syntheticSpectrum.js';

/**
 * A brain-like spectrum and its water reference share one voxel lineshape distortion: a second component
 * 20 % strong, 7 Hz downfield (a second tissue compartment), and an eddy-current frequency offset of 12 Hz
 * decaying with a 40 ms time constant. Reference deconvolution with the water should give back Voigt lines.
 */
const grid = CHALLENGE_GRID;
const points = grid.points;
const dt = grid.dwellTimeS;
const basis = readChallengeBasis();
const truth = { ...BRAIN_LIKE_AMPLITUDES };
const METABOLITE_NOISE_SD = 0.3;
const WATER = { amplitude: 3000, lorentzianHz: 4, offsetHz: 1.5, noiseSd: 2 };

function distortion(n: number): [number, number] {
  const t = n * dt;
  const eddyPhase = 2 * Math.PI * 12 * 0.04 * (1 - Math.exp(-t / 0.04));
  const shoulderAngle = 2 * Math.PI * 7 * t;
  const re = 0.8 + 0.2 * Math.cos(shoulderAngle);
  const im = 0.2 * Math.sin(shoulderAngle);
  return [re * Math.cos(eddyPhase) - im * Math.sin(eddyPhase), re * Math.sin(eddyPhase) + im * Math.cos(eddyPhase)];
}

function distorted(fid: Float64Array, distort: boolean, noiseSd: number, seed: number): Float64Array {
  const rng = new SeededRandom(seed);
  const out = new Float64Array(fid.length);
  for (let n = 0; n < points; n++) {
    const [dr, di] = distort ? distortion(n) : [1, 0];
    out[2 * n] = fid[2 * n] * dr - fid[2 * n + 1] * di + noiseSd * rng.normal();
    out[2 * n + 1] = fid[2 * n] * di + fid[2 * n + 1] * dr + noiseSd * rng.normal();
  }
  return out;
}

function waterFid(): Float64Array {
  const fid = new Float64Array(2 * points);
  for (let n = 0; n < points; n++) {
    const t = n * dt;
    const envelope = WATER.amplitude * Math.exp(-Math.PI * WATER.lorentzianHz * t);
    fid[2 * n] = envelope * Math.cos(2 * Math.PI * WATER.offsetHz * t);
    fid[2 * n + 1] = envelope * Math.sin(2 * Math.PI * WATER.offsetHz * t);
  }
  return fid;
}

const clean = syntheticFid(basis, { amplitudes: truth, shiftHz: 2, lorentzianHz: 3, gaussianHz: 4, phase0Deg: 0, noiseSd: 0, seed: 1 });
const signal = (fid: Float64Array): TimeSignal => ({ fid, dwellTimeS: dt });
const fit = (fid: Float64Array): FitResult => fitSpectrum(fid, grid, { model: 'lcm', basis });
const relativeError = (result: FitResult, name: string): number => {
  const sums: Record<string, number> = { tCr: truth.Cr + truth.PCr, tCho: truth.GPC + truth.PCho };
  const expected = sums[name] ?? truth[name];
  return result.amplitudes[name] / expected - 1;
};

describe('reference deconvolution on a simulated spectrum with an asymmetric voxel lineshape', () => {
  const metabolite = distorted(clean, true, METABOLITE_NOISE_SD, 2);
  const water = distorted(waterFid(), true, WATER.noiseSd, 3);
  const corrected = referenceDeconvolution(signal(metabolite), signal(water));
  const uncorrected = fit(metabolite);
  const before = fit(eddyCurrentCorrect(metabolite, water, grid).fid);
  const after = fit(corrected.fid);

  test('the fit residual falls to the noise and the Glu, NAA and tCr errors shrink', () => {
    const rows = ['NAA', 'Glu', 'tCr', 'Ins', 'tCho'].map((name) =>
      `| ${name} | ${[uncorrected, before, after].map((r) => `${(100 * relativeError(r, name)).toFixed(1)} %`).join(' | ')} |`);
    console.log(['| | uncorrected | Klose eddy-current correction | reference deconvolution |', '|---|---|---|---|',
      `| residual/noise | ${[uncorrected, before, after].map((r) => r.qc.residualToNoise.toFixed(2)).join(' | ')} |`, ...rows].join('\n'));
    expect(uncorrected.qc.residualToNoise).toBeGreaterThan(2);
    expect(before.qc.residualToNoise).toBeGreaterThan(2);
    expect(after.qc.residualToNoise).toBeGreaterThan(0.9);
    expect(after.qc.residualToNoise).toBeLessThan(1.15);
    for (const name of ['Glu', 'NAA', 'tCr']) {
      expect(Math.abs(relativeError(after, name)), name).toBeLessThan(Math.abs(relativeError(uncorrected, name)));
      expect(Math.abs(relativeError(after, name)), name).toBeLessThan(Math.abs(relativeError(before, name)));
      expect(Math.abs(relativeError(after, name)), name).toBeLessThan(0.03);
    }
  });

  test('QC: the water line is made symmetric, its width kept, noise hardly changed', () => {
    const { qc } = corrected;
    console.log(JSON.stringify(qc));
    expect(qc.asymmetryBefore).toBeGreaterThan(0.1);
    expect(qc.asymmetryAfter).toBeLessThan(0.1 * qc.asymmetryBefore);
    expect(qc.waterOffsetHz).toBeGreaterThan(WATER.offsetHz);
    // the target keeps the distorted line's own decay: at least the water's Lorentzian, not much more
    expect(qc.targetFwhmHz).toBeGreaterThan(WATER.lorentzianHz);
    expect(qc.targetFwhmHz).toBeLessThan(WATER.lorentzianHz + 4);
    expect(qc.noiseGain).toBeGreaterThan(0.9);
    expect(qc.noiseGain).toBeLessThan(1.25);
  });
});

/** SD of the real spectrum over bins far from every line (the outer quarters of the band). */
function spectralNoiseSd(fid: Float64Array): number {
  const spectrum = fidToSpectrum(fid);
  let sum = 0;
  let count = 0;
  for (let k = 0; k < points; k++) {
    if (k > points / 8 && k < (7 * points) / 8) continue;
    sum += spectrum[2 * k] ** 2;
    count++;
  }
  return Math.sqrt(sum / count);
}

describe('reference deconvolution of an undistorted spectrum', () => {
  const metabolite = distorted(clean, false, METABOLITE_NOISE_SD, 4);
  const water = distorted(waterFid(), false, WATER.noiseSd, 5);
  const corrected = referenceDeconvolution(signal(metabolite), signal(water));

  test('changes amplitudes by less than 1 %', () => {
    const before = fit(metabolite);
    const after = fit(corrected.fid);
    for (const name of ['NAA', 'Glu', 'tCr', 'Ins', 'tCho']) {
      expect(Math.abs(after.amplitudes[name] / before.amplitudes[name] - 1), name).toBeLessThan(0.01);
    }
    expect(corrected.qc.waterLorentzianHz).toBeCloseTo(WATER.lorentzianHz, 0);
    expect(corrected.qc.waterGaussianHz).toBeLessThan(1);
    expect(corrected.qc.asymmetryBefore).toBeLessThan(0.01);
  });

  test('changes the noise SD by less than 5 %, as its reported noise gain says', () => {
    const noise = distorted(new Float64Array(2 * points), false, 1, 6);
    const gain = spectralNoiseSd(referenceDeconvolution(signal(noise), signal(water)).fid) / spectralNoiseSd(noise);
    expect(Math.abs(gain - 1)).toBeLessThan(0.05);
    expect(Math.abs(corrected.qc.noiseGain - 1)).toBeLessThan(0.05);
  });
});

describe('a noise-free, undistorted water reference', () => {
  test('with its frequency kept, the correction is 1 at every point', () => {
    const { factor, qc } = lineshapeCorrection(signal(waterFid()), { keepWaterFrequency: true });
    for (let n = 0; n < points; n++) {
      expect(factor[2 * n]).toBeCloseTo(1, 6);
      expect(factor[2 * n + 1]).toBeCloseTo(0, 6);
    }
    expect(qc.waterOffsetHz).toBeCloseTo(WATER.offsetHz, 6);
    expect(qc.noiseGain).toBeCloseTo(1, 6);
  });
});

describe('one correction for many transients', () => {
  test('correcting each transient and averaging equals correcting the average', () => {
    const water = distorted(waterFid(), true, WATER.noiseSd, 7);
    const transients = [8, 9, 10].map((seed) => distorted(clean, true, 3 * METABOLITE_NOISE_SD, seed));
    const average = transients[0].map((_, i) => (transients[0][i] + transients[1][i] + transients[2][i]) / 3);
    const correction = lineshapeCorrection(signal(water));
    const corrected = transients.map((fid) => applyLineshapeCorrection(fid, correction));
    const direct = referenceDeconvolution(signal(average), signal(water)).fid;
    for (let i = 0; i < 200; i++) expect((corrected[0][i] + corrected[1][i] + corrected[2][i]) / 3).toBeCloseTo(direct[i], 9);
  });
});

describe('bad water references give a one-line DataError naming the problem', () => {
  const metabolite = distorted(clean, false, METABOLITE_NOISE_SD, 11);
  const water = distorted(waterFid(), false, WATER.noiseSd, 12);
  const cases: [string, TimeSignal, RegExp][] = [
    ['another length', { fid: water.subarray(0, points), dwellTimeS: dt }, /water reference has 1024 points, the metabolite data 2048/],
    ['another dwell time', { fid: water, dwellTimeS: 2 * dt }, /water reference dwell time 0\.0005 s differs/],
    ['all zero', { fid: new Float64Array(2 * points), dwellTimeS: dt }, /water reference is all zero/],
    ['a NaN', { fid: water.map((v, i) => (i === 40 ? Number.NaN : v)), dwellTimeS: dt }, /water reference contains NaN .* complex point 20/],
    ['only noise', { fid: distorted(new Float64Array(2 * points), false, 1, 13), dwellTimeS: dt }, /water reference has no water line above the noise/],
  ];
  for (const [label, bad, message] of cases) {
    test(label, () => {
      let error: unknown;
      try {
        referenceDeconvolution(signal(metabolite), bad);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(DataError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    });
  }
});
