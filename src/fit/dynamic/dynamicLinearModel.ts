import { DataError } from '../../util/errors.js';
import { choleskyFactor, invertSymmetricPositive } from '../linearAlgebra.js';
import { type ModelColumns, modelDerivatives } from './modelColumns.js';
import type { SharedLineshape } from './sharedLineshape.js';

/** What the linear spectro-temporal solve needs: range spectra and design rows of the transients used. */
export interface DynamicLinearInput {
  /** Range spectra of the transients used, row-major (n × 2·range length), interleaved complex. */
  spectra: Float64Array;
  /** Design rows of the same transients, row-major (n × p). */
  designRows: Float64Array;
  regressorNames: string[];
  model: ModelColumns;
  shared: SharedLineshape;
}

export interface DynamicLinearSolution {
  /** β, row-major (K columns × p regressors), components then baseline columns. */
  betas: Float64Array;
  /**
   * Covariance of the component and lineshape-column betas, index j·p + r (j < components + lineshape
   * columns), from the full Fisher information.
   */
  covariance: Float64Array;
  /** Residual variance per real number of the spectra (the σ² of the covariance). */
  residualVariance: number;
  degreesOfFreedom: number;
  /** Residual sum of squares per transient used. */
  transientResidualSumSquares: Float64Array;
}

/**
 * Least squares for Y (m × n: range spectra of n transients) ≈ A·β·Xᵀ with A the model columns at fixed θ
 * and X the design (n × p). The solution separates (Kronecker structure): β = (AᵀA)⁻¹·AᵀY·X·(XᵀX)⁻¹, with
 * complex spectra and real β handled as real-stacked vectors. The covariance comes from the Fisher
 * information of the joint model (β and the shared θ, whose uncertainty matters for the baseline levels):
 * blocks (XᵀX ⊗ AᵀA), Σ_s (XᵀX)_rs·A_jᵀD_s and Σ_rs (XᵀX)_rs·D_rᵀD_s, where D_r = ∂(A·β_r)/∂θ,
 * scaled by the residual variance.
 */
export function solveDynamicLinear(input: DynamicLinearInput): DynamicLinearSolution {
  const { spectra, designRows, regressorNames, model, shared } = input;
  const p = regressorNames.length;
  const columns = model.columns;
  const k = columns.length;
  const kc = model.componentCount;
  const len = columns[0].length;
  const n = designRows.length / p;

  const designGram = designGramChecked(designRows, n, regressorNames);
  const gram = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const v = dot(columns[a], 0, columns[b], 0, len);
      gram[a * k + b] = v;
      gram[b * k + a] = v;
    }
  }
  // AᵀY·X accumulated transient by transient (AᵀY itself is never stored)
  const projectedDesign = new Float64Array(k * p);
  const projection = new Float64Array(k);
  for (let t = 0; t < n; t++) {
    for (let a = 0; a < k; a++) projection[a] = dot(columns[a], 0, spectra, t * len, len);
    for (let a = 0; a < k; a++) for (let r = 0; r < p; r++) projectedDesign[a * p + r] += projection[a] * designRows[t * p + r];
  }
  const betas = solveBothSides(gram, k, projectedDesign, designGram, p);

  const { transientResidualSumSquares, residualSumSquares } = residuals(spectra, designRows, columns, betas, n, p);

  // θ that were free and influence the model enter the Fisher information
  const derivativesPerRegressor = Array.from({ length: p }, (_, r) =>
    modelDerivatives(model, shared, Float64Array.from({ length: kc }, (_, j) => betas[j * p + r])),
  );
  const thetaUsed: number[] = [];
  for (let q = 0; q < shared.theta.length; q++) {
    // a θ with its own lineshape column is already linear in the model (that column's baseline beta)
    if (!shared.free[q] || model.lineshapeTheta.includes(q)) continue;
    if (derivativesPerRegressor.some((d) => dot(d[q], 0, d[q], 0, len) > 0)) thetaUsed.push(q);
  }
  const size = k * p + thetaUsed.length;
  const fisher = new Float64Array(size * size);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) fisher[(a * p + r) * size + b * p + s] = designGram[r * p + s] * gram[a * k + b];
    }
  }
  thetaUsed.forEach((q, u) => {
    const column = k * p + u;
    for (let a = 0; a < k; a++) {
      const crossPerRegressor = derivativesPerRegressor.map((d) => dot(columns[a], 0, d[q], 0, len));
      for (let r = 0; r < p; r++) {
        let v = 0;
        for (let s = 0; s < p; s++) v += designGram[r * p + s] * crossPerRegressor[s];
        fisher[(a * p + r) * size + column] = v;
        fisher[column * size + a * p + r] = v;
      }
    }
    thetaUsed.forEach((q2, u2) => {
      let v = 0;
      for (let r = 0; r < p; r++) {
        for (let s = 0; s < p; s++) v += designGram[r * p + s] * dot(derivativesPerRegressor[r][q], 0, derivativesPerRegressor[s][q2], 0, len);
      }
      fisher[column * size + k * p + u2] = v;
    });
  });
  const degreesOfFreedom = n * len - size;
  if (degreesOfFreedom <= 0) throw new DataError(`dynamic fit: ${size} parameters for ${n * len} data values`);
  const residualVariance = residualSumSquares / degreesOfFreedom;
  const inverse = equilibratedInverse(fisher, size);
  const betaCount = (kc + model.lineshapeTheta.length) * p;
  const covariance = new Float64Array(betaCount * betaCount);
  for (let a = 0; a < betaCount; a++) {
    for (let b = 0; b < betaCount; b++) covariance[a * betaCount + b] = residualVariance * inverse[a * size + b];
  }
  return { betas, covariance, residualVariance, degreesOfFreedom, transientResidualSumSquares };
}

/** XᵀX, after checking every regressor varies over the transients used and X has full column rank. */
function designGramChecked(rows: Float64Array, n: number, names: string[]): Float64Array {
  const p = names.length;
  if (n < p) throw new DataError(`dynamic fit: ${n} transients for ${p} regressors`);
  const gram = new Float64Array(p * p);
  for (let t = 0; t < n; t++) {
    for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) gram[r * p + s] += rows[t * p + r] * rows[t * p + s];
  }
  for (let r = 0; r < p; r++) {
    if (!(gram[r * p + r] > 0)) throw new DataError(`dynamic fit: regressor "${names[r]}" is zero for every transient used`);
  }
  const scaled = new Float64Array(p * p);
  for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) scaled[r * p + s] = gram[r * p + s] / Math.sqrt(gram[r * p + r] * gram[s * p + s]);
  // a pivot below 1e-10 of the unit diagonal means one regressor is (almost) a combination of the others
  const factor = new Float64Array(p * p);
  choleskyFactor(scaled, p, factor);
  for (let r = 0; r < p; r++) {
    if (!(factor[r * p + r] ** 2 > 1e-10)) throw new DataError(`dynamic fit: regressor "${names[r]}" is a combination of the ones before it`);
  }
  return gram;
}

/** β = G⁻¹·M·H⁻¹ for symmetric positive-definite G (k×k) and H (p×p), M row-major k×p. */
function solveBothSides(g: Float64Array, k: number, m: Float64Array, h: Float64Array, p: number): Float64Array {
  const gInverse = equilibratedInverse(g, k);
  const hInverse = equilibratedInverse(h, p);
  const left = new Float64Array(k * p);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) {
    const w = gInverse[a * k + b];
    if (w === 0) continue;
    for (let r = 0; r < p; r++) left[a * p + r] += w * m[b * p + r];
  }
  const out = new Float64Array(k * p);
  for (let a = 0; a < k; a++) for (let r = 0; r < p; r++) {
    let v = 0;
    for (let s = 0; s < p; s++) v += left[a * p + s] * hInverse[s * p + r];
    out[a * p + r] = v;
  }
  return out;
}

/** Inverse of a symmetric positive-definite matrix scaled to unit diagonal first (columns differ by orders of magnitude). */
function equilibratedInverse(matrix: Float64Array, n: number): Float64Array {
  const scale = Float64Array.from({ length: n }, (_, a) => (matrix[a * n + a] > 0 ? 1 / Math.sqrt(matrix[a * n + a]) : 1));
  const scaled = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) scaled[a * n + b] = matrix[a * n + b] * scale[a] * scale[b];
  const inverse = invertSymmetricPositive(scaled, n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) inverse[a * n + b] *= scale[a] * scale[b];
  return inverse;
}

function residuals(
  spectra: Float64Array,
  designRows: Float64Array,
  columns: Float64Array[],
  betas: Float64Array,
  n: number,
  p: number,
): { transientResidualSumSquares: Float64Array; residualSumSquares: number } {
  const k = columns.length;
  const len = columns[0].length;
  const coefficients = new Float64Array(k);
  const residual = new Float64Array(len);
  const transientResidualSumSquares = new Float64Array(n);
  let residualSumSquares = 0;
  for (let t = 0; t < n; t++) {
    for (let a = 0; a < k; a++) {
      let v = 0;
      for (let r = 0; r < p; r++) v += betas[a * p + r] * designRows[t * p + r];
      coefficients[a] = v;
    }
    residual.set(spectra.subarray(t * len, (t + 1) * len));
    for (let a = 0; a < k; a++) {
      const c = coefficients[a];
      const column = columns[a];
      for (let i = 0; i < len; i++) residual[i] -= c * column[i];
    }
    const rss = dot(residual, 0, residual, 0, len);
    transientResidualSumSquares[t] = rss;
    residualSumSquares += rss;
  }
  return { transientResidualSumSquares, residualSumSquares };
}

function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[xo + i] * y[yo + i];
  return s;
}
