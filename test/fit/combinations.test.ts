import { expect, test } from 'vitest';
import { addCombinations } from '../../src/fit/combinations.js';

test('combinations sum the parts present, with variance from the covariance block', () => {
  const names = ['Cr', 'PCr', 'NAA', 'GPC'];
  // covariance with a negative Cr–PCr term
  const cov = Float64Array.from([4, -1, 0, 0, -1, 9, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0.25]);
  const amplitudes: Record<string, number> = { Cr: 5, PCr: 3, NAA: 10, GPC: 1 };
  const crlbSd: Record<string, number> = { Cr: 2, PCr: 3, NAA: 1, GPC: 0.5 };
  addCombinations(names, cov, amplitudes, crlbSd);
  expect(amplitudes.tCr).toBe(8);
  expect(crlbSd.tCr).toBeCloseTo(Math.sqrt(4 + 9 - 2), 12);
  expect(amplitudes.tNAA).toBe(10);
  expect(crlbSd.tNAA).toBe(1);
  expect(amplitudes.tCho).toBe(1);
  expect('Glx' in amplitudes).toBe(false);
});
