import { describe, expect, test } from 'vitest';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { fillModulation } from '../../src/fit/modulation.js';
import { spectralWindowFor, windowedFid } from '../../src/fit/spectralWindow.js';

/** A few decaying lines inside the band of interest. */
function lines(points: number, dwell: number, hz: number[]): Float64Array {
  const fid = new Float64Array(2 * points);
  const line = new Float64Array(2 * points);
  for (const f of hz) {
    fillModulation(line, points, dwell, f, 3, 0);
    for (let i = 0; i < fid.length; i++) fid[i] += line[i];
  }
  return fid;
}

describe('spectral window', () => {
  const points = 2048;
  const dwell = 2.5e-4;
  const window = spectralWindowFor(points, dwell, 700, 950);

  test('covers the range with margin, as a power of two', () => {
    expect(window.points).toBe(512);
    expect(window.firstBin).toBeLessThan(700);
    expect(window.firstBin + window.points).toBeGreaterThan(950);
    expect(window.dwellTimeS).toBeCloseTo((dwell * points) / 512, 15);
  });

  test('round-trips the band exactly', () => {
    const fid = lines(points, dwell, [-500, -300, -120]);
    const full = fidToSpectrum(fid);
    const band = fidToSpectrum(windowedFid(fid, window));
    for (let k = 0; k < window.points; k++) {
      expect(band[2 * k]).toBeCloseTo(full[2 * (window.firstBin + k)], 9);
      expect(band[2 * k + 1]).toBeCloseTo(full[2 * (window.firstBin + k) + 1], 9);
    }
  });

  test('modulating the windowed FID approximates modulating the full FID inside the fitted range', () => {
    // the surrogate drops out-of-band spectral tails: good to well under 1 % of the peak, not exact
    const hz = [-450, -320, -200];
    const fid = lines(points, dwell, hz);
    const modulate = (x: Float64Array, n: number, dt: number): Float64Array => {
      const m = new Float64Array(2 * n);
      fillModulation(m, n, dt, 4, 5, 0);
      const out = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        out[2 * i] = x[2 * i] * m[2 * i] - x[2 * i + 1] * m[2 * i + 1];
        out[2 * i + 1] = x[2 * i] * m[2 * i + 1] + x[2 * i + 1] * m[2 * i];
      }
      return out;
    };
    const full = fidToSpectrum(modulate(fid, points, dwell));
    const band = fidToSpectrum(modulate(windowedFid(fid, window), window.points, window.dwellTimeS));
    let peak = 0;
    let worst = 0;
    for (let k = 700; k <= 950; k++) {
      const j = k - window.firstBin;
      peak = Math.max(peak, Math.hypot(full[2 * k], full[2 * k + 1]));
      worst = Math.max(worst, Math.hypot(band[2 * j] - full[2 * k], band[2 * j + 1] - full[2 * k + 1]));
    }
    expect(worst / peak).toBeLessThan(1e-2);
  });
});
