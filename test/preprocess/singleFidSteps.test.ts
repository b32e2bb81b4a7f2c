import { describe, expect, it } from 'vitest';
import { eddyCurrentCorrect } from '../../src/preprocess/eddyCurrent.js';
import { apodize, zeroFillWithStep } from '../../src/preprocess/fidFilters.js';
import { CR_REFERENCE, referencePpm } from '../../src/preprocess/ppmReferencing.js';
import { frequencyDriftRange, measureLinewidthHz, measureSnr, spectrumQc } from '../../src/preprocess/qc.js';
import { SeededRandom } from '../../src/util/rng.js';
import { GRID_3T, noiseSdForSnr, syntheticFid } from './syntheticFid.js';

/** Multiply by exp(iφ(t)) with a decaying eddy-current phase φ(t) = a·exp(−t/τ). */
function withEddyPhase(fid: Float64Array, amplitudeRad: number, tauS: number): Float64Array {
  const out = new Float64Array(fid.length);
  for (let n = 0; n < fid.length / 2; n++) {
    const phi = amplitudeRad * Math.exp((-n * GRID_3T.dwellTimeS) / tauS);
    const c = Math.cos(phi);
    const s = Math.sin(phi);
    out[2 * n] = fid[2 * n] * c - fid[2 * n + 1] * s;
    out[2 * n + 1] = fid[2 * n] * s + fid[2 * n + 1] * c;
  }
  return out;
}

describe('eddyCurrentCorrect (Klose)', () => {
  const metabolites = syntheticFid(GRID_3T, null);
  const water = syntheticFid(GRID_3T, null, { singlets: [{ ppm: 4.65, amplitude: 100, fwhmHz: 5 }] });

  it('removes an eddy-current phase shared with the water reference', () => {
    const corrected = eddyCurrentCorrect(withEddyPhase(metabolites, 1.5, 0.02), withEddyPhase(water, 1.5, 0.02), GRID_3T);
    for (let i = 0; i < metabolites.length; i++) expect(corrected.fid[i]).toBeCloseTo(metabolites[i], 9);
    expect(corrected.step.method).toBe('Eddy current correction');
  });

  it('keeps the water frequency offset on request, and removes it otherwise', () => {
    const offWater = syntheticFid(GRID_3T, null, { singlets: [{ ppm: 4.65, amplitude: 100, fwhmHz: 5 }], shiftHz: 3 });
    const kept = eddyCurrentCorrect(metabolites, offWater, GRID_3T, { keepWaterFrequency: true });
    for (let i = 0; i < 200; i++) expect(kept.fid[i]).toBeCloseTo(metabolites[i], 6);
    const classic = eddyCurrentCorrect(metabolites, offWater, GRID_3T);
    const shiftedBack = syntheticFid(GRID_3T, null, { shiftHz: -3 });
    for (let i = 0; i < 200; i++) expect(classic.fid[i]).toBeCloseTo(shiftedBack[i], 6);
  });
});

describe('referencePpm', () => {
  // neighbours' tails pull a peak maximum by a few tenths of a Hz (≈ 0.002 ppm at 3T): far below what matters
  it('moves NAA (or Cr) found off position back to its ppm within 0.3 Hz', () => {
    const fid = syntheticFid(GRID_3T, new SeededRandom(8), { shiftHz: 6, noiseSd: noiseSdForSnr(GRID_3T, 100) });
    const naa = referencePpm(fid, GRID_3T);
    expect(Math.abs(naa.shiftHz + 6)).toBeLessThan(0.3);
    expect(naa.foundPpm).toBeCloseTo(2.01 + 6 / GRID_3T.spectrometerFrequencyMHz, 2);
    const cr = referencePpm(fid, GRID_3T, { peak: CR_REFERENCE });
    expect(Math.abs(cr.shiftHz + 6)).toBeLessThan(0.3);
    expect(measureSnr(naa.fid, GRID_3T).peakPpm).toBeCloseTo(2.01, 2);
  });
});

describe('zero-filling and apodisation', () => {
  const fid = syntheticFid(GRID_3T, null);
  const naaOnly = syntheticFid(GRID_3T, null, { singlets: [{ ppm: 2.01, amplitude: 1, fwhmHz: 6 }] });
  it('zero-fills to the requested length', () => {
    const filled = zeroFillWithStep(fid, 4096);
    expect(filled.fid.length).toBe(8192);
    expect(filled.fid[4096]).toBe(0);
    expect(filled.fid[4095]).toBe(fid[4095]);
    expect(filled.step.details).toBe('2048 → 4096 points');
  });

  it('exponential apodisation adds its broadening to a Lorentzian FWHM', () => {
    expect(measureLinewidthHz(naaOnly, GRID_3T).fwhmHz).toBeCloseTo(6, 2);
    expect(measureLinewidthHz(apodize(naaOnly, GRID_3T, 'exponential', 4).fid, GRID_3T).fwhmHz).toBeCloseTo(10, 2);
  });

  it('Gaussian apodisation broadens and keeps the first point', () => {
    const broadened = apodize(fid, GRID_3T, 'gaussian', 5).fid;
    expect(broadened[0]).toBe(fid[0]);
    expect(measureLinewidthHz(broadened, GRID_3T).fwhmHz).toBeGreaterThan(8);
  });
});

describe('QC measures', () => {
  it('SNR matches the simulated noise level and FWHM the simulated linewidth', () => {
    const snrs = [0, 1, 2, 3, 4, 5].map((seed) =>
      measureSnr(syntheticFid(GRID_3T, new SeededRandom(seed), { noiseSd: noiseSdForSnr(GRID_3T, 40) }), GRID_3T).snr,
    );
    const meanSnr = snrs.reduce((a, b) => a + b) / snrs.length;
    expect(meanSnr).toBeGreaterThan(36);
    expect(meanSnr).toBeLessThan(46);
    // the full spectrum's NAA is widened a little by its neighbour at 2.35 ppm
    const qc = spectrumQc(syntheticFid(GRID_3T, null), GRID_3T, [1, -2, 3.5]);
    expect(Math.abs(qc.fwhmHz - 6)).toBeLessThan(0.15);
    expect(qc.driftRangeHz).toBe(5.5);
    expect(frequencyDriftRange([2, 7, 4])).toEqual({ rangeHz: 5, minHz: 2, maxHz: 7 });
  });
});
