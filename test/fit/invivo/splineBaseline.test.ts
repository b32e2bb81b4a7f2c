import { describe, expect, test } from 'vitest';
import { estimateNoiseSd } from '../../../src/fit/noiseEstimate.js';
import { splineBaseline } from '../../../src/fit/splineBaseline.js';
import { fidToSpectrum } from '../../../src/dsp/fft.js';
import { invertSymmetricPositive } from '../../../src/fit/linearAlgebra.js';
import { SeededRandom } from '../../../src/util/rng.js';

const ppm = Float64Array.from({ length: 300 }, (_, i) => 0.2 + (4 * i) / 299);

/** Penalised least-squares fit of the real parts of the spline columns to y: (BᵀB + P)⁻¹Bᵀy evaluated on the grid. */
function penalisedFit(y: Float64Array, edPerPpm: number): Float64Array {
  const { columns, penalty } = splineBaseline(ppm, edPerPpm);
  const real = columns.filter((_, j) => j % 2 === 0);
  const k = real.length;
  const system = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    for (let i = 0; i < ppm.length; i++) rhs[a] += real[a][2 * i] * y[i];
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let i = 0; i < ppm.length; i++) s += real[a][2 * i] * real[b][2 * i];
      system[a * k + b] = s + penalty[2 * a * 2 * k + 2 * b];
    }
  }
  const inverse = invertSymmetricPositive(system, k);
  const fit = new Float64Array(ppm.length);
  for (let a = 0; a < k; a++) {
    let c = 0;
    for (let b = 0; b < k; b++) c += inverse[a * k + b] * rhs[b];
    for (let i = 0; i < ppm.length; i++) fit[i] += c * real[a][2 * i];
  }
  return fit;
}

describe('regularised spline baseline', () => {
  test('reaches the requested effective dimension, real and imaginary parts kept apart', () => {
    for (const edPerPpm of [0.5, 1, 3]) {
      const baseline = splineBaseline(ppm, edPerPpm);
      expect(baseline.effectiveDimension).toBeCloseTo(2 * edPerPpm * 4, 1);
      for (const [j, column] of baseline.columns.entries()) {
        for (let i = 0; i < ppm.length; i++) expect(column[2 * i + ((j + 1) % 2)]).toBe(0);
      }
    }
  });

  test('leaves a straight line alone and follows a broad hump, but not a metabolite-wide line', () => {
    const line = Float64Array.from(ppm, (p) => 3 - 0.7 * p);
    const lineFit = penalisedFit(line, 0.5);
    for (let i = 0; i < ppm.length; i++) expect(lineFit[i]).toBeCloseTo(line[i], 4);

    const gaussian = (centre: number, widthPpm: number): Float64Array =>
      Float64Array.from(ppm, (p) => Math.exp(-(((p - centre) / widthPpm) ** 2)));
    const peakRecovered = (y: Float64Array): number => {
      const fit = penalisedFit(y, 1);
      const i = y.indexOf(Math.max(...y));
      return fit[i] / y[i];
    };
    // at 1 ED/ppm a hump 1.7 ppm wide (FWHM) is baseline; a 0.08-ppm line is signal the baseline leaves to the basis
    expect(peakRecovered(gaussian(2.5, 1))).toBeGreaterThan(0.8);
    expect(peakRecovered(gaussian(2.0, 0.05))).toBeLessThan(0.2);
  });
});

describe('noise SD when the default signal-free ranges are outside a narrow spectral width', () => {
  test('comes from the FID and matches the simulated noise despite strong signal and a water residue', () => {
    const grid = { points: 1024, dwellTimeS: 1 / 1200, spectrometerFrequencyMHz: 123.2 };
    const rng = new SeededRandom(11);
    const noiseSd = 40;
    const fid = new Float64Array(2 * grid.points);
    for (let n = 0; n < grid.points; n++) {
      const t = n * grid.dwellTimeS;
      // metabolite-like lines decaying in ~50 ms and slowly decaying residual water near 0 Hz
      const signal = 1e5 * Math.exp(-t / 0.05);
      const water = 3e3 * Math.exp(-t / 2);
      fid[2 * n] = signal * Math.cos(2 * Math.PI * -330 * t) + water * Math.cos(2 * Math.PI * 3 * t) + noiseSd * rng.normal();
      fid[2 * n + 1] = signal * Math.sin(2 * Math.PI * -330 * t) + water * Math.sin(2 * Math.PI * 3 * t) + noiseSd * rng.normal();
    }
    const expected = noiseSd * Math.sqrt(grid.points);
    const estimate = estimateNoiseSd(fidToSpectrum(fid), grid);
    expect(estimate / expected).toBeGreaterThan(0.9);
    expect(estimate / expected).toBeLessThan(1.1);
  });
});
