import { describe, expect, it } from 'vitest';
import { dft } from '../../src/io/dft.js';

/** Direct O(N²) DFT as the reference. */
function naiveDft(x: Float64Array): Float64Array {
  const n = x.length / 2;
  const out = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const angle = (-2 * Math.PI * ((k * j) % n)) / n;
      out[2 * k] += x[2 * j] * Math.cos(angle) - x[2 * j + 1] * Math.sin(angle);
      out[2 * k + 1] += x[2 * j] * Math.sin(angle) + x[2 * j + 1] * Math.cos(angle);
    }
  }
  return out;
}

describe('dft', () => {
  for (const n of [8, 12, 103, 309]) {
    it(`matches the direct sum for N = ${n}`, () => {
      const x = Float64Array.from({ length: 2 * n }, (_, i) => Math.sin(1.7 * i) + Math.cos(0.3 * i * i));
      const fast = dft(x);
      const slow = naiveDft(x);
      const scale = Math.max(...slow.map(Math.abs));
      for (let i = 0; i < x.length; i++) expect(Math.abs(fast[i] - slow[i]) / scale).toBeLessThan(1e-10);
    });
  }
});
