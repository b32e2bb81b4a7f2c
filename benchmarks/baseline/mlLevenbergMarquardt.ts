import { levenbergMarquardt as mlLevenbergMarquardt } from 'ml-levenberg-marquardt';
import type { PeakFitProblem } from './peakFitProblem.js';

export interface MlSolution {
  params: Float64Array;
  cost: number;
  iterations: number;
}

/**
 * Per-parameter scales that give JᵀJ a unit diagonal at the starting point. ml-levenberg-marquardt damps
 * with λ·I, so without them a shift in Hz and a Gaussian rate in s⁻² would be damped alike; with them its
 * first steps match Marquardt's diagonal scaling, which glutrace's solver uses.
 */
export function parameterScales(setup: PeakFitProblem): Float64Array {
  const { problem, initial } = setup;
  const m = problem.residualCount;
  const p = problem.parameterCount;
  const jacobian = new Float64Array(m * p);
  problem.residuals(initial, new Float64Array(m));
  problem.jacobian(initial, jacobian);
  return Float64Array.from({ length: p }, (_, k) => {
    let diagonal = 0;
    for (let i = 0; i < m; i++) diagonal += jacobian[k * m + i] ** 2;
    return diagonal > 0 ? 1 / Math.sqrt(diagonal) : 1;
  });
}

/**
 * Solves the same problem with ml-levenberg-marquardt: the same model function (variable projection with
 * non-negative amplitudes), data, start and bounds, and its analytic-Jacobian option fed the same Jacobian
 * glutrace's solver uses. Its only stopping rules are an absolute error tolerance and the iteration count.
 */
export function solveWithMl(setup: PeakFitProblem, scales: Float64Array, maxIterations: number): MlSolution {
  const { problem, data } = setup;
  const m = problem.residualCount;
  const p = problem.parameterCount;
  const theta = new Float64Array(p);
  const residual = new Float64Array(m);
  const jacobian = new Float64Array(m * p);
  const evaluatedAt = new Float64Array(p).fill(Number.NaN);
  const evaluate = (scaled: number[]): void => {
    if (scaled.every((u, k) => u === evaluatedAt[k])) return;
    for (let k = 0; k < p; k++) theta[k] = scaled[k] * scales[k];
    problem.residuals(theta, residual);
    evaluatedAt.set(scaled);
  };
  const modelAt = (scaled: number[]): ((x: number) => number) => {
    evaluate(scaled);
    const model = Float64Array.from(data, (y, i) => y - residual[i]);
    return (x) => model[x];
  };
  const jacobianAt = (scaled: number[]): ((x: number) => number[]) => {
    evaluate(scaled);
    problem.jacobian(theta, jacobian);
    // the model is data − residual, so ∂model/∂u_k = −∂r/∂θ_k · scale_k
    return (x) => Array.from({ length: p }, (_, k) => -jacobian[k * m + x] * scales[k]);
  };
  const result = mlLevenbergMarquardt(
    { x: Array.from({ length: m }, (_, i) => i), y: data },
    modelAt,
    {
      initialValues: Array.from(setup.initial, (v, k) => v / scales[k]),
      minValues: Array.from(setup.lower, (v, k) => v / scales[k]),
      maxValues: Array.from(setup.upper, (v, k) => v / scales[k]),
      jacobianFunction: jacobianAt,
      maxIterations,
    },
  );
  return {
    params: Float64Array.from(result.parameterValues, (u, k) => u * scales[k]),
    cost: result.parameterError,
    iterations: result.iterations,
  };
}
