import { describe, expect, test } from 'vitest';
import { GAUSSIAN_RATE_PER_HZ2, LineshapeProblem, type LineshapeProblemSpec } from '../../src/fit/lineshapeProblem.js';
import { invertSymmetricPositive, leadingInverseColumns } from '../../src/fit/linearAlgebra.js';
import { NonNegativeLeastSquares } from '../../src/fit/nonNegativeLeastSquares.js';
import { splineBaseline } from '../../src/fit/splineBaseline.js';
import { spectralWindowFor, windowedFid } from '../../src/fit/spectralWindow.js';
import { SeededRandom } from '../../src/util/rng.js';
import { components, dwell, first, last, points, ppm } from './helpers/threeComponentProblem.js';

// The speed-ups of issue #5 must give what the plain computations give, bit for bit where they promise it.

const window = spectralWindowFor(points, dwell, first, last);
const windowFids = components.map((c) => windowedFid(c, window));
const baseline = splineBaseline(ppm, 1);
const penalty = new Float64Array(baseline.penalty);

function windowedSpec(data: Float64Array, extra = { columns: baseline.columns, penalty }): LineshapeProblemSpec {
  return {
    componentFids: windowFids,
    groupOf: new Int32Array(3),
    groupCount: 1,
    points: window.points,
    dwellTimeS: window.dwellTimeS,
    firstIndex: first - window.firstBin,
    lastIndex: last - window.firstBin,
    ppm,
    phasePivotPpm: 2.2,
    data,
    extraColumns: extra.columns,
    extraPenalty: extra.penalty,
    fullBand: { componentFids: components, points, dwellTimeS: dwell, firstIndex: first },
  };
}

const theta = Float64Array.of(3, 4, GAUSSIAN_RATE_PER_HZ2 * 9, 0.3, 0.05);

function dataAt(params: Float64Array): Float64Array {
  const truth = new LineshapeProblem(windowedSpec(new Float64Array(2 * ppm.length)));
  truth.buildColumns(params);
  const len = truth.residualCount;
  const data = new Float64Array(len);
  const rng = new SeededRandom(5);
  for (let j = 0; j < 3; j++) for (let i = 0; i < len; i++) data[i] += [3, 1.5, 2][j] * truth.columns[j * len + i];
  for (let i = 0; i < len; i++) data[i] += 0.2 * (rng.uniform() - 0.5) + 0.5;
  return data;
}

describe('fit shortcuts', () => {
  test('a problem on shared baseline columns solves exactly as one on its own copies', () => {
    const data = dataAt(theta);
    const shared = [new LineshapeProblem(windowedSpec(data)), new LineshapeProblem(windowedSpec(data))];
    const own = new LineshapeProblem(windowedSpec(data, { columns: baseline.columns.map((c) => c.slice()), penalty: penalty.slice() }));
    for (const problem of [...shared, own]) problem.residuals(theta, new Float64Array(problem.residualCount));
    expect(Array.from(shared[1].amplitudes)).toEqual(Array.from(own.amplitudes));
    expect(Array.from(shared[0].model)).toEqual(Array.from(own.model));
  });

  test('the template columns equal the columns a fresh problem builds at the same θ', () => {
    const data = dataAt(theta);
    const start = Float64Array.of(0, 3, GAUSSIAN_RATE_PER_HZ2 * 16, 0, 0);
    const built = new LineshapeProblem(windowedSpec(data));
    built.buildColumns(start);
    const cached = new LineshapeProblem(windowedSpec(data)).uncorrectedColumnsAt(start);
    expect(Array.from(cached)).toEqual(Array.from(built.columns.subarray(0, cached.length)));
  });

  test('a last band refresh gives the stored refresh’s columns and amplitudes, then refuses another θ', () => {
    const data = dataAt(theta);
    const stored = new LineshapeProblem(windowedSpec(data));
    const last = new LineshapeProblem(windowedSpec(data));
    stored.refreshBandCorrection(theta);
    last.refreshBandCorrection(theta, true);
    for (const problem of [stored, last]) problem.residuals(theta, new Float64Array(problem.residualCount));
    let scale = 0;
    let worst = 0;
    for (let i = 0; i < stored.columns.length; i++) {
      scale = Math.max(scale, Math.abs(stored.columns[i]));
      worst = Math.max(worst, Math.abs(stored.columns[i] - last.columns[i]));
    }
    expect(worst / scale).toBeLessThan(1e-13);
    for (let j = 0; j < 3; j++) expect(last.amplitudes[j]).toBeCloseTo(stored.amplitudes[j], 10);
    expect(() => last.buildColumns(Float64Array.of(2, 4, GAUSSIAN_RATE_PER_HZ2 * 9, 0.3, 0.05))).toThrow();
  });

  test('the leading block of the inverse equals the full inverse’s', () => {
    const n = 12;
    const rng = new SeededRandom(11);
    const a = Array.from({ length: 20 * n }, () => rng.uniform() - 0.5);
    const matrix = new Float64Array(n * n);
    for (let r = 0; r < 20; r++) for (let p = 0; p < n; p++) for (let q = 0; q < n; q++) matrix[p * n + q] += a[r * n + p] * a[r * n + q];
    const full = invertSymmetricPositive(matrix, n);
    const block = leadingInverseColumns(matrix, n, 5);
    for (let p = 0; p < 5; p++) for (let q = 0; q < 5; q++) expect(block[p * 5 + q]).toBe(full[p * n + q]);
    // and the full one is the inverse: matrix · full = I
    for (let p = 0; p < n; p++) {
      for (let q = 0; q < n; q++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += matrix[p * n + k] * full[k * n + q];
        expect(Math.abs(sum - (p === q ? 1 : 0))).toBeLessThan(1e-10);
      }
    }
  });

  test('the solver hands out its factor only for the set it factored last', () => {
    const gram = Float64Array.of(4, 1, 0, 1, 3, 1, 0, 1, 2);
    const solver = new NonNegativeLeastSquares(3);
    const x = new Float64Array(3);
    solver.solve(gram, Float64Array.of(1, 2, 1), Uint8Array.of(1, 1, 1), x);
    expect(x.every((v) => v > 0)).toBe(true);
    expect(solver.factorOf(Int32Array.of(0, 1, 2), 3)).not.toBeNull();
    expect(solver.factorOf(Int32Array.of(0, 1, 2), 2)).toBeNull();
    // a negative right-hand side for the last variable clamps it: the factor is then of {0, 1}
    solver.solve(gram, Float64Array.of(1, 2, -5), Uint8Array.of(1, 1, 1), x);
    expect(x[2]).toBe(0);
    expect(solver.factorOf(Int32Array.of(0, 1, 2), 3)).toBeNull();
    expect(solver.factorOf(Int32Array.of(0, 1), 2)).not.toBeNull();
  });
});
