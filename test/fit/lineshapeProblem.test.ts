import { describe, expect, test } from 'vitest';
import { polynomialBaselineColumns } from '../../src/fit/baselineColumns.js';
import { GAUSSIAN_RATE_PER_HZ2, LineshapeProblem, type LineshapeProblemSpec } from '../../src/fit/lineshapeProblem.js';
import { spectralWindowFor, windowedFid } from '../../src/fit/spectralWindow.js';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { components, dwell, first, last, points, ppm } from './helpers/threeComponentProblem.js';


function spec(data: Float64Array, windowed: boolean): LineshapeProblemSpec {
  const base = { groupOf: new Int32Array(3), groupCount: 1, ppm, phasePivotPpm: 2.2, data, extraColumns: polynomialBaselineColumns(ppm, 1) };
  if (!windowed) return { ...base, componentFids: components, points, dwellTimeS: dwell, firstIndex: first, lastIndex: last };
  const window = spectralWindowFor(points, dwell, first, last);
  return {
    ...base,
    componentFids: components.map((c) => windowedFid(c, window)),
    points: window.points,
    dwellTimeS: window.dwellTimeS,
    firstIndex: first - window.firstBin,
    lastIndex: last - window.firstBin,
    fullBand: { componentFids: components, points, dwellTimeS: dwell, firstIndex: first },
  };
}

describe('LineshapeProblem', () => {
  // θ = [shift, lorentzian, gaussian rate, φ0, φ1]
  const theta = Float64Array.of(3, 4, GAUSSIAN_RATE_PER_HZ2 * 9, 0.3, 0.05);
  const truthProblem = new LineshapeProblem(spec(new Float64Array(2 * ppm.length), false));
  truthProblem.residuals(theta, new Float64Array(truthProblem.residualCount));

  test('the windowed model with a band correction taken at θ equals the full-band model at θ', () => {
    const data = new Float64Array(2 * ppm.length).fill(1);
    const exact = new LineshapeProblem(spec(data, false));
    const fast = new LineshapeProblem(spec(data, true));
    fast.refreshBandCorrection(theta);
    const r1 = new Float64Array(exact.residualCount);
    const r2 = new Float64Array(fast.residualCount);
    exact.residuals(theta, r1);
    fast.residuals(theta, r2);
    for (let k = 0; k < exact.columns.length; k++) expect(fast.columns[k]).toBeCloseTo(exact.columns[k], 8);
  });

  test('analytic model derivatives match central differences', () => {
    const data = new Float64Array(2 * ppm.length);
    const problem = new LineshapeProblem(spec(data, false));
    const residual = new Float64Array(problem.residualCount);
    // fix the amplitudes by fitting data made with known ones, then differentiate the model at θ
    const amplitudes = [3, 1.5, 2];
    const columns = truthProblem.columns;
    const len = problem.residualCount;
    for (let j = 0; j < 3; j++) for (let i = 0; i < len; i++) data[i] += amplitudes[j] * columns[j * len + i];
    problem.residuals(theta, residual);
    problem.updateModelDerivatives();
    const steps = [1e-4, 1e-4, 1e-2, 1e-6, 1e-6];
    for (let k = 0; k < 5; k++) {
      const plus = theta.slice();
      const minus = theta.slice();
      plus[k] += steps[k];
      minus[k] -= steps[k];
      // model = Σ c_j·A_j(θ) with c held at the fitted values
      const model = (p: Float64Array): Float64Array => {
        const q = new LineshapeProblem(spec(data, false));
        q.residuals(p, new Float64Array(len));
        const out = new Float64Array(len);
        for (let j = 0; j < 3; j++) for (let i = 0; i < len; i++) out[i] += problem.amplitudes[j] * q.columns[j * len + i];
        return out;
      };
      const mp = model(plus);
      const mm = model(minus);
      let scale = 0;
      let worst = 0;
      for (let i = 0; i < len; i++) {
        const numeric = (mp[i] - mm[i]) / (2 * steps[k]);
        scale = Math.max(scale, Math.abs(numeric));
        worst = Math.max(worst, Math.abs(numeric - problem.modelDerivatives[k * len + i]));
      }
      expect(worst / scale).toBeLessThan(1e-5);
    }
    expect(problem.amplitudes[0]).toBeCloseTo(3, 8);
  });

  test('normalEquations equals JᵀJ and Jᵀr of the explicit Kaufman Jacobian', () => {
    const data = Float64Array.from({ length: 2 * ppm.length }, (_, i) => Math.sin(i / 7) * 50);
    const len = truthProblem.residualCount;
    for (let j = 0; j < 3; j++) for (let i = 0; i < len; i++) data[i] += [3, 1.5, 2][j] * truthProblem.columns[j * len + i];
    const problem = new LineshapeProblem(spec(data, false));
    const p = problem.parameterCount;
    const residual = new Float64Array(len);
    const theta2 = Float64Array.of(2, 3, GAUSSIAN_RATE_PER_HZ2 * 4, 0.2, 0.02);
    problem.residuals(theta2, residual);
    const jac = new Float64Array(len * p);
    problem.jacobian(theta2, jac);
    const jtj = new Float64Array(p * p);
    const gradient = new Float64Array(p);
    problem.normalEquations(theta2, residual, jtj, gradient);
    for (let a = 0; a < p; a++) {
      let g = 0;
      for (let i = 0; i < len; i++) g += jac[a * len + i] * residual[i];
      expect(gradient[a]).toBeCloseTo(g, 6);
      for (let b = 0; b < p; b++) {
        let v = 0;
        for (let i = 0; i < len; i++) v += jac[a * len + i] * jac[b * len + i];
        expect(Math.abs(jtj[a * p + b] - v)).toBeLessThan(1e-9 * Math.sqrt(jtj[a * p + a] * jtj[b * p + b]) + 1e-12);
      }
    }
  });
});
