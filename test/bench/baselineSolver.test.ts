import { describe, expect, it } from 'vitest';
import { compareWithMlLevenbergMarquardt } from '../../benchmarks/baseline/compareSolvers.js';
import type { FitGrid } from '../../src/fit/fitOptions.js';
import { PEAK_COMPONENTS, peakComponentFid } from '../../src/fit/peakModel.js';
import { SeededRandom } from '../../src/util/rng.js';

const grid: FitGrid = { points: 2048, dwellTimeS: 1 / 4000, spectrometerFrequencyMHz: 123.2, echoTimeS: 0.03 };

/** The peak model itself with 5 Hz Lorentzian lines, a 2 Hz offset, a 20° phase and white noise. */
function peakModelSpectrum(): Float64Array {
  const random = new SeededRandom(7);
  const fid = new Float64Array(2 * grid.points);
  PEAK_COMPONENTS.forEach((component, j) => {
    const amplitude = 1 + j / 2;
    const lines = peakComponentFid(component, grid);
    for (let i = 0; i < fid.length; i++) fid[i] += amplitude * lines[i];
  });
  for (let n = 0; n < grid.points; n++) {
    const t = n * grid.dwellTimeS;
    const decay = Math.exp(-Math.PI * 5 * t);
    const angle = 2 * Math.PI * 2 * t + (20 * Math.PI) / 180;
    const [re, im] = [fid[2 * n], fid[2 * n + 1]];
    fid[2 * n] = decay * (re * Math.cos(angle) - im * Math.sin(angle)) + 0.05 * random.normal();
    fid[2 * n + 1] = decay * (re * Math.sin(angle) + im * Math.cos(angle)) + 0.05 * random.normal();
  }
  return fid;
}

describe('ml-levenberg-marquardt baseline', () => {
  it('solves the same peak-model problem to the same solution as glutrace', () => {
    const { cases, comparison } = compareWithMlLevenbergMarquardt(peakModelSpectrum(), grid, 1, { warmup: 0, repeats: 1 });
    expect(comparison.mlIterationsToSameCost).not.toBeNull();
    expect(comparison.sameSolution).toBe(true);
    expect(Math.abs(comparison.costRelativeDifference)).toBeLessThan(1e-3);
    expect(cases.map((c) => c.id)).toEqual(['peak-solver-glutrace', 'peak-solver-ml-tuned', 'peak-solver-ml-default']);
  }, 60_000);
});
