import { expect, test } from 'vitest';
import { estimateNoiseSd } from '../../src/fit/noiseEstimate.js';
import { SeededRandom } from '../../src/util/rng.js';

test('noise SD from signal-free regions ignores a sloped baseline and signal elsewhere', () => {
  const grid = { points: 2048, dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.2 };
  const rng = new SeededRandom(3);
  const spectrum = new Float64Array(2 * grid.points);
  for (let k = 0; k < grid.points; k++) {
    spectrum[2 * k] = 7 * rng.normal() + 0.5 * k; // slope
    spectrum[2 * k + 1] = 7 * rng.normal() - 100;
  }
  // a huge "metabolite" region between 0 and 5 ppm must not matter
  for (let k = 1000; k < 1200; k++) spectrum[2 * k] += 1e5;
  expect(estimateNoiseSd(spectrum, grid)).toBeGreaterThan(6.3);
  expect(estimateNoiseSd(spectrum, grid)).toBeLessThan(7.7);
});
