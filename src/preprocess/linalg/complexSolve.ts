/** Solve a small dense complex linear system A·x = b by Gaussian elimination with partial pivoting. */
import { DataError } from '../../util/errors.js';

/** `a` is n×n row-major interleaved complex, `b` length-n interleaved; neither is modified. */
export function solveComplex(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    let best = -1;
    for (let row = col; row < n; row++) {
      const magnitude = Math.hypot(m[2 * (row * n + col)], m[2 * (row * n + col) + 1]);
      if (magnitude > best) {
        best = magnitude;
        pivot = row;
      }
    }
    if (!(best > 0)) throw new DataError('singular linear system in a small complex solve');
    if (pivot !== col) {
      for (let j = 0; j < 2 * n; j++) {
        const t = m[2 * col * n + j];
        m[2 * col * n + j] = m[2 * pivot * n + j];
        m[2 * pivot * n + j] = t;
      }
      for (let j = 0; j < 2; j++) {
        const t = x[2 * col + j];
        x[2 * col + j] = x[2 * pivot + j];
        x[2 * pivot + j] = t;
      }
    }
    const pr = m[2 * (col * n + col)];
    const pi = m[2 * (col * n + col) + 1];
    const denominator = pr * pr + pi * pi;
    for (let row = col + 1; row < n; row++) {
      const er = m[2 * (row * n + col)];
      const ei = m[2 * (row * n + col) + 1];
      // factor = e / p
      const fr = (er * pr + ei * pi) / denominator;
      const fi = (ei * pr - er * pi) / denominator;
      for (let j = col; j < n; j++) {
        const cr = m[2 * (col * n + j)];
        const ci = m[2 * (col * n + j) + 1];
        m[2 * (row * n + j)] -= fr * cr - fi * ci;
        m[2 * (row * n + j) + 1] -= fr * ci + fi * cr;
      }
      x[2 * row] -= fr * x[2 * col] - fi * x[2 * col + 1];
      x[2 * row + 1] -= fr * x[2 * col + 1] + fi * x[2 * col];
    }
  }
  for (let row = n - 1; row >= 0; row--) {
    let sr = x[2 * row];
    let si = x[2 * row + 1];
    for (let j = row + 1; j < n; j++) {
      const ar = m[2 * (row * n + j)];
      const ai = m[2 * (row * n + j) + 1];
      sr -= ar * x[2 * j] - ai * x[2 * j + 1];
      si -= ar * x[2 * j + 1] + ai * x[2 * j];
    }
    const pr = m[2 * (row * n + row)];
    const pi = m[2 * (row * n + row) + 1];
    const denominator = pr * pr + pi * pi;
    x[2 * row] = (sr * pr + si * pi) / denominator;
    x[2 * row + 1] = (si * pr - sr * pi) / denominator;
  }
  return x;
}
