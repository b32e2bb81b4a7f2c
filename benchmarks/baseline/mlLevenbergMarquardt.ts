import { levenbergMarquardt as mlLevenbergMarquardt } from 'ml-levenberg-marquardt';
import type { PeakFitProblem } from './peakFitProblem.js';

export interface MlSolution {
  params: Float64Array;
  cost: number;
  iterations: number;
}

/**
 * Solves the same problem with ml-levenberg-marquardt: the same model function (variable projection with
 * non-negative amplitudes), data, start and bounds, and its analytic-Jacobian option fed the Jacobian
 * glutrace's solver uses. Parameters stay in their natural units (Hz, s⁻², rad): rescaling them to a unit
 * JᵀJ diagonal made its λ·I damping stall against the Gaussian-width bound on this problem. Its only
 * stopping rules are an absolute error tolerance and the iteration count.
 */
export function solveWithMl(setup: PeakFitProblem, maxIterations: number): MlSolution {
  const { problem, data } = setup;
  const m = problem.residualCount;
  const p = problem.parameterCount;
  const theta = new Float64Array(p).fill(Number.NaN);
  const residual = new Float64Array(m);
  const jacobian = new Float64Array(m * p);
  const evaluate = (params: number[]): void => {
    if (params.every((value, k) => value === theta[k])) return;
    theta.set(params);
    problem.residuals(theta, residual);
  };
  const modelAt = (params: number[]): ((x: number) => number) => {
    evaluate(params);
    const model = Float64Array.from(data, (y, i) => y - residual[i]);
    return (x) => model[x];
  };
  const jacobianAt = (params: number[]): ((x: number) => number[]) => {
    evaluate(params);
    problem.jacobian(theta, jacobian);
    // the model is data − residual, so ∂model/∂θ_k = −∂r/∂θ_k
    return (x) => Array.from({ length: p }, (_, k) => -jacobian[k * m + x]);
  };
  const result = mlLevenbergMarquardt(
    { x: Array.from({ length: m }, (_, i) => i), y: data },
    modelAt,
    {
      initialValues: Array.from(setup.initial),
      minValues: Array.from(setup.lower),
      maxValues: Array.from(setup.upper),
      jacobianFunction: jacobianAt,
      maxIterations,
    },
  );
  return { params: Float64Array.from(result.parameterValues), cost: result.parameterError, iterations: result.iterations };
}
