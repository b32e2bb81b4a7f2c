import { describe, expect, test } from 'vitest';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { basisFidsOnGrid } from '../../src/fit/basisOnGrid.js';
import type { FitGrid } from '../../src/fit/fitOptions.js';
import type { Basis } from '../../src/types/basis.js';
import { DataError } from '../../src/util/errors.js';

const grid: FitGrid = { points: 4096, dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.2, echoTimeS: 0.03 };

/** A decaying singlet at `ppm` as a basis made at `frequencyMHz` would hold it (Hz from 4.65 ppm at that field). */
function singletBasis(ppm: number, frequencyMHz: number): Basis {
  const fid = new Float64Array(2 * grid.points);
  const omega = 2 * Math.PI * (ppm - 4.65) * frequencyMHz * grid.dwellTimeS;
  for (let n = 0; n < grid.points; n++) {
    const decay = Math.exp(-Math.PI * 2 * n * grid.dwellTimeS);
    fid[2 * n] = decay * Math.cos(omega * n);
    fid[2 * n + 1] = decay * Math.sin(omega * n);
  }
  return { names: ['S'], fids: [fid], points: grid.points, dwellTimeS: grid.dwellTimeS, spectrometerFrequencyMHz: frequencyMHz, echoTimeS: 0.03, source: `singlet at ${frequencyMHz} MHz` };
}

/** ppm of the tallest magnitude bin of an FID on `grid`, refined by a parabola through its neighbours. */
function peakPpm(fid: Float64Array): number {
  const spectrum = fidToSpectrum(fid);
  const magnitude = (k: number): number => Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]);
  let top = 1;
  for (let k = 1; k < grid.points - 1; k++) if (magnitude(k) > magnitude(top)) top = k;
  const [a, b, c] = [magnitude(top - 1), magnitude(top), magnitude(top + 1)];
  const offset = (0.5 * (a - c)) / (a - 2 * b + c);
  const hz = (top + offset - grid.points / 2) / (grid.points * grid.dwellTimeS);
  return 4.65 + hz / grid.spectrometerFrequencyMHz;
}

describe('basis on the data grid when the spectrometer frequencies differ', () => {
  test('within 1 %: lines land at their ppm on the data axis, first point kept', () => {
    // 0.9 % higher field: moved in Hz, NAA would sit at 4.65 − 2.64·124.3/123.2 = 1.986 ppm instead of 2.01
    const basis = singletBasis(2.01, 124.3);
    const [fid] = basisFidsOnGrid(basis, grid);
    expect(Math.abs(peakPpm(fid) - 2.01)).toBeLessThan(0.002);
    expect(Math.abs(peakPpm(basis.fids[0]) - 1.986)).toBeLessThan(0.002);
    expect(Math.hypot(fid[0], fid[1])).toBeCloseTo(1, 2);
  });

  test('the same frequency leaves the FIDs untouched', () => {
    const basis = singletBasis(3.03, grid.spectrometerFrequencyMHz);
    expect(Array.from(basisFidsOnGrid(basis, grid)[0])).toEqual(Array.from(basis.fids[0]));
  });

  test('more than 1 % apart (3 T basis at 127.7 MHz for 123.2 MHz data): a one-line DataError naming both', () => {
    const basis = singletBasis(2.01, 127.73);
    expect(() => basisFidsOnGrid(basis, grid)).toThrow(DataError);
    let message = '';
    try {
      basisFidsOnGrid(basis, grid);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('singlet at 127.73 MHz');
    expect(message).toContain('127.730 MHz');
    expect(message).toContain('123.200 MHz');
    expect(message).toContain('glutrace basis --frequency 123.200');
    expect(message).not.toContain('\n');
  });
});
