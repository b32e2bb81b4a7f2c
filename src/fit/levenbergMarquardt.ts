import { choleskyFactor, choleskySolve, invertSymmetricPositive } from './linearAlgebra.js';

/** A nonlinear least-squares problem min Σ r_i(θ)² with an analytic Jacobian. */
export interface LeastSquaresProblem {
  readonly parameterCount: number;
  readonly residualCount: number;
  /** Fill `residual` at `params`. */
  residuals(params: Float64Array, residual: Float64Array): void;
  /**
   * ∂r/∂θ at the parameters of the most recent `residuals` call, column-major
   * (column k occupies [k·residualCount, (k+1)·residualCount)).
   */
  jacobian(params: Float64Array, jacobianOut: Float64Array): void;
  /**
   * Optional shortcut: JᵀJ (row-major p×p) and Jᵀr at the latest `residuals` call, for problems that can
   * form them more cheaply than the Jacobian itself.
   */
  normalEquations?(params: Float64Array, residual: Float64Array, jtj: Float64Array, gradient: Float64Array): void;
}

export interface LevenbergMarquardtOptions {
  lower: Float64Array;
  upper: Float64Array;
  maxIterations?: number;
  /**
   * Stop when an accepted step lowers the cost by less than this fraction, or when the undamped Gauss–Newton
   * step is predicted to (so is the absolute tolerance).
   */
  relativeCostTolerance?: number;
  /**
   * Stop when an accepted step lowers the cost by less than this amount (e.g. a small fraction of the noise
   * variance, below which parameter changes are far inside their uncertainty). Default 0.
   */
  absoluteCostTolerance?: number;
  /** Stop when the scaled gradient (cosine between residual and Jacobian columns) is below this. */
  gradientTolerance?: number;
}

export interface LevenbergMarquardtResult {
  params: Float64Array;
  /** Σ r² at the solution. */
  cost: number;
  iterations: number;
  converged: boolean;
  /** JᵀJ at the solution (row-major p×p); fixed parameters have zero rows/columns. */
  jtj: Float64Array;
  /** (JᵀJ)⁻¹ over the free parameters (fixed ones 0); multiply by σ² for the covariance. */
  unscaledCovariance: Float64Array;
}

/**
 * Levenberg–Marquardt with Marquardt's diagonal scaling and bound constraints by projection.
 * Parameters whose lower and upper bounds coincide are held fixed. Buffers are allocated once per call.
 */
export function levenbergMarquardt(
  problem: LeastSquaresProblem,
  initial: Float64Array,
  options: LevenbergMarquardtOptions,
): LevenbergMarquardtResult {
  const p = problem.parameterCount;
  const m = problem.residualCount;
  const maxIterations = options.maxIterations ?? 100;
  const costTolerance = options.relativeCostTolerance ?? 1e-6;
  const absoluteTolerance = options.absoluteCostTolerance ?? 0;
  const gradientTolerance = options.gradientTolerance ?? 1e-8;
  const { lower, upper } = options;

  const free = new Uint8Array(p);
  for (let k = 0; k < p; k++) free[k] = upper[k] > lower[k] ? 1 : 0;
  const params = new Float64Array(p);
  for (let k = 0; k < p; k++) params[k] = clamp(initial[k], lower[k], upper[k]);
  const trial = new Float64Array(p);
  const residual = new Float64Array(m);
  const trialResidual = new Float64Array(m);
  const jac = problem.normalEquations ? new Float64Array(0) : new Float64Array(m * p);
  const jtj = new Float64Array(p * p);
  const gradient = new Float64Array(p);
  const damped = new Float64Array(p * p);
  const factor = new Float64Array(p * p);
  const step = new Float64Array(p);
  const moving = new Uint8Array(p);

  problem.residuals(params, residual);
  // whether the problem's latest evaluation is at `params` (not at a rejected trial)
  let evaluatedAtParams = true;
  let cost = sumOfSquares(residual);
  const refreshNormalEquations = (): void => {
    if (problem.normalEquations) {
      problem.normalEquations(params, residual, jtj, gradient);
      for (let a = 0; a < p; a++) {
        if (!free[a]) gradient[a] = 0;
        for (let b = 0; b < p; b++) if (!free[a] || !free[b]) jtj[a * p + b] = 0;
      }
    } else {
      problem.jacobian(params, jac);
      normalEquations(jac, residual, m, p, free, jtj, gradient);
    }
  };
  refreshNormalEquations();

  let lambda = 1e-3;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations++;
    if (scaledGradient(jtj, gradient, cost, p, params, lower, upper) < gradientTolerance || cost === 0) {
      converged = true;
      break;
    }
    // parameters on a bound that the descent direction pushes outward are held for this step, so the
    // others get an unconstrained Gauss–Newton step instead of a clipped one
    for (let k = 0; k < p; k++) {
      const pushedDown = params[k] <= lower[k] && gradient[k] > 0;
      const pushedUp = params[k] >= upper[k] && gradient[k] < 0;
      moving[k] = free[k] && !pushedDown && !pushedUp ? 1 : 0;
    }
    // the Gauss–Newton model promises less than an accepted step must gain: stop without trial steps
    // (near the minimum of a surrogate they tend to be rejected several times for a negligible gain)
    const promised = gaussNewtonDecrease(jtj, gradient, moving, p, damped, factor, step);
    if (promised < absoluteTolerance || promised < costTolerance * cost) {
      converged = true;
      break;
    }
    let accepted = false;
    while (!accepted) {
      let maxDiagonal = 0;
      for (let k = 0; k < p; k++) maxDiagonal = Math.max(maxDiagonal, jtj[k * p + k]);
      for (let a = 0; a < p; a++) {
        for (let b = 0; b < p; b++) damped[a * p + b] = moving[a] && moving[b] ? jtj[a * p + b] : 0;
      }
      for (let k = 0; k < p; k++) {
        const d = Math.max(jtj[k * p + k], 1e-9 * maxDiagonal, 1e-300);
        damped[k * p + k] = moving[k] ? jtj[k * p + k] + lambda * d : 1;
        step[k] = moving[k] ? -gradient[k] : 0;
      }
      choleskyFactor(damped, p, factor);
      choleskySolve(factor, p, step, step);
      let moved = false;
      for (let k = 0; k < p; k++) {
        trial[k] = moving[k] ? clamp(params[k] + step[k], lower[k], upper[k]) : params[k];
        if (trial[k] !== params[k]) moved = true;
      }
      if (!moved) {
        converged = true;
        break;
      }
      problem.residuals(trial, trialResidual);
      evaluatedAtParams = false;
      const trialCost = sumOfSquares(trialResidual);
      if (trialCost < cost) {
        accepted = true;
        const decrease = cost - trialCost;
        params.set(trial);
        residual.set(trialResidual);
        evaluatedAtParams = true;
        cost = trialCost;
        lambda = Math.max(lambda / 10, 1e-12);
        refreshNormalEquations();
        if (decrease < costTolerance * cost || decrease < absoluteTolerance) converged = true;
      } else {
        lambda *= 10;
        // no downhill step even with tiny steps: a (bounded) minimum to working precision
        if (lambda > 1e12) {
          converged = true;
          break;
        }
      }
    }
  }

  // callers read the problem's state at the solution, so undo a final rejected trial
  if (!evaluatedAtParams) problem.residuals(params, residual);
  return { params, cost, iterations, converged, jtj, unscaledCovariance: freeInverse(jtj, free, p) };
}

/**
 * Cost decrease predicted by the linearised model for the undamped Gauss–Newton step over the `moving`
 * parameters, gᵀ(JᵀJ)⁻¹g; Infinity when JᵀJ is singular there (no prediction). Uses the scratch buffers.
 */
function gaussNewtonDecrease(
  jtj: Float64Array,
  gradient: Float64Array,
  moving: Uint8Array,
  p: number,
  matrix: Float64Array,
  factor: Float64Array,
  step: Float64Array,
): number {
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) matrix[a * p + b] = moving[a] && moving[b] ? jtj[a * p + b] : 0;
    if (!moving[a]) matrix[a * p + a] = 1;
    step[a] = moving[a] ? gradient[a] : 0;
  }
  if (choleskyFactor(matrix, p, factor) > 0) return Infinity;
  choleskySolve(factor, p, step, step);
  let decrease = 0;
  for (let k = 0; k < p; k++) decrease += gradient[k] * step[k];
  return decrease;
}

function normalEquations(
  jac: Float64Array,
  residual: Float64Array,
  m: number,
  p: number,
  free: Uint8Array,
  jtj: Float64Array,
  gradient: Float64Array,
): void {
  for (let a = 0; a < p; a++) {
    const colA = a * m;
    let g = 0;
    for (let i = 0; i < m; i++) g += jac[colA + i] * residual[i];
    gradient[a] = free[a] ? g : 0;
    for (let b = a; b < p; b++) {
      const colB = b * m;
      let s = 0;
      for (let i = 0; i < m; i++) s += jac[colA + i] * jac[colB + i];
      const v = free[a] && free[b] ? s : 0;
      jtj[a * p + b] = v;
      jtj[b * p + a] = v;
    }
  }
}

/**
 * max_k |gₖ| / sqrt((JᵀJ)ₖₖ · cost) over parameters free to move downhill: 0 at a (bounded) stationary
 * point, scale-free.
 */
function scaledGradient(
  jtj: Float64Array,
  gradient: Float64Array,
  cost: number,
  p: number,
  params: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): number {
  let worst = 0;
  for (let k = 0; k < p; k++) {
    const d = jtj[k * p + k];
    if (d <= 0) continue;
    if ((params[k] <= lower[k] && gradient[k] > 0) || (params[k] >= upper[k] && gradient[k] < 0)) continue;
    worst = Math.max(worst, Math.abs(gradient[k]) / Math.sqrt(d * cost));
  }
  return worst;
}

function freeInverse(jtj: Float64Array, free: Uint8Array, p: number): Float64Array {
  const index: number[] = [];
  for (let k = 0; k < p; k++) if (free[k]) index.push(k);
  const q = index.length;
  const sub = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) sub[a * q + b] = jtj[index[a] * p + index[b]];
  const inverse = invertSymmetricPositive(sub, q);
  const out = new Float64Array(p * p);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) out[index[a] * p + index[b]] = inverse[a * q + b];
  return out;
}

function sumOfSquares(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
