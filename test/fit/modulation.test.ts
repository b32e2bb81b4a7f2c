import { expect, test } from 'vitest';
import { fillModulation } from '../../src/fit/modulation.js';

test('fillModulation matches exp((−πl + i2πf)t − s t²) sample by sample', () => {
  const points = 4096;
  const dwell = 2.5e-4;
  const [shiftHz, lorentzianHz, gaussianRate] = [7.3, 4.1, 310];
  const out = new Float64Array(2 * points);
  fillModulation(out, points, dwell, shiftHz, lorentzianHz, gaussianRate);
  let worst = 0;
  for (let n = 0; n < points; n++) {
    const t = n * dwell;
    const magnitude = Math.exp(-Math.PI * lorentzianHz * t - gaussianRate * t * t);
    const angle = 2 * Math.PI * shiftHz * t;
    worst = Math.max(worst, Math.abs(out[2 * n] - magnitude * Math.cos(angle)), Math.abs(out[2 * n + 1] - magnitude * Math.sin(angle)));
  }
  expect(worst).toBeLessThan(1e-13);
});
