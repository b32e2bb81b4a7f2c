import { DataError } from '../../util/errors.js';
import { choleskyFactor, invertSymmetricPositive } from '../linearAlgebra.js';
import { type ModelColumns, modelDerivatives } from './modelColumns.js';
import type { SharedLineshape } from './sharedLineshape.js';

/**
 * Per-transient nuisance directions projected out of the model: with J_t (len × count) the first-order
 * effect of transient t's own zero-order phase and frequency offsets on its prediction, each transient's
 * fit is made insensitive to those offsets (they are fitted jointly with β, to first order).
 */
export interface TransientNuisance {
  /** Directions per transient (count of them), each 2·range length, row-major n × count × len. */
  directions: Float64Array;
  count: number;
  /** θ indices the nuisance makes redundant (their sum over transients), left out of the Fisher information. */
  replacesTheta: number[];
}

/** What the linear spectro-temporal solve needs: range spectra and design rows of the transients used. */
export interface DynamicLinearInput {
  /** Range spectra of the transients used, row-major (n × 2·range length), interleaved complex. */
  spectra: Float64Array;
  /** Design rows of the same transients, row-major (n × p). */
  designRows: Float64Array;
  regressorNames: string[];
  model: ModelColumns;
  shared: SharedLineshape;
  nuisance?: TransientNuisance;
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
 * and X the design (n × p), complex spectra and real β handled as real-stacked vectors. Without nuisance
 * the normal matrix is XᵀX ⊗ AᵀA; each transient's nuisance directions J_t are eliminated (Schur
 * complement), subtracting x_t·x_tᵀ ⊗ AᵀJ_t·(J_tᵀJ_t)⁻¹·J_tᵀA. The covariance comes from the Fisher
 * information of the joint model (β and the shared θ, whose uncertainty matters for the baseline levels),
 * with the θ derivatives D_r = ∂(A·β_r)/∂θ treated the same way, scaled by the residual variance.
 */
export function solveDynamicLinear(input: DynamicLinearInput): DynamicLinearSolution {
  const { spectra, designRows, regressorNames, model, shared, nuisance } = input;
  const p = regressorNames.length;
  const columns = model.columns;
  const k = columns.length;
  const kc = model.componentCount;
  const len = columns[0].length;
  const n = designRows.length / p;
  const kp = k * p;

  const designGram = designGramChecked(designRows, n, regressorNames);
  const gram = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const v = dot(columns[a], 0, columns[b], 0, len);
      gram[a * k + b] = v;
      gram[b * k + a] = v;
    }
  }
  const normal = new Float64Array(kp * kp);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) normal[(a * p + r) * kp + b * p + s] = designGram[r * p + s] * gram[a * k + b];
    }
  }
  // AᵀY·X accumulated transient by transient (AᵀY itself is never stored), minus the nuisance parts
  const rhs = new Float64Array(kp);
  const projection = new Float64Array(k);
  const eliminations = nuisance ? transientEliminations(nuisance, columns, n, len) : null;
  for (let t = 0; t < n; t++) {
    for (let a = 0; a < k; a++) projection[a] = dot(columns[a], 0, spectra, t * len, len);
    if (eliminations) {
      const e = eliminations[t];
      const weights = e.apply(nuisanceDots(nuisance!, t, spectra, t * len, len));
      for (let a = 0; a < k; a++) for (let c = 0; c < weights.length; c++) projection[a] -= e.columnDots[a * weights.length + c] * weights[c];
      subtractKronecker(normal, designRows, t, p, k, e.columnCorrection);
    }
    for (let a = 0; a < k; a++) for (let r = 0; r < p; r++) rhs[a * p + r] += projection[a] * designRows[t * p + r];
  }
  const normalInverse = equilibratedInverse(normal, kp);
  const betas = new Float64Array(kp);
  for (let a = 0; a < kp; a++) {
    let v = 0;
    for (let b = 0; b < kp; b++) v += normalInverse[a * kp + b] * rhs[b];
    betas[a] = v;
  }

  const transientResidualSumSquares = residuals(spectra, designRows, columns, betas, n, p, nuisance, eliminations);
  const residualSumSquares = transientResidualSumSquares.reduce((sum, v) => sum + v, 0);

  // θ that were free and influence the model enter the Fisher information
  const derivativesPerRegressor = Array.from({ length: p }, (_, r) =>
    modelDerivatives(model, shared, Float64Array.from({ length: kc }, (_, j) => betas[j * p + r])),
  );
  const thetaUsed: number[] = [];
  for (let q = 0; q < shared.theta.length; q++) {
    // a θ with its own lineshape column is already linear in the model (that column's baseline beta)
    if (!shared.free[q] || model.linearisedTheta.includes(q) || nuisance?.replacesTheta.includes(q)) continue;
    if (derivativesPerRegressor.some((d) => dot(d[q], 0, d[q], 0, len) > 0)) thetaUsed.push(q);
  }
  const size = kp + thetaUsed.length;
  const fisher = new Float64Array(size * size);
  for (let a = 0; a < kp; a++) fisher.set(normal.subarray(a * kp, (a + 1) * kp), a * size);
  thetaUsed.forEach((q, u) => {
    const column = kp + u;
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
      fisher[column * size + kp + u2] = v;
    });
  });
  if (nuisance && eliminations && thetaUsed.length > 0) {
    subtractThetaEliminations(fisher, size, kp, p, k, thetaUsed, derivativesPerRegressor, designRows, nuisance, eliminations, len);
  }
  const degreesOfFreedom = n * len - size - (nuisance ? n * nuisance.count : 0);
  if (degreesOfFreedom <= 0) throw new DataError(`dynamic fit: ${size} parameters for ${n * len} data values`);
  const residualVariance = residualSumSquares / degreesOfFreedom;
  const inverse = equilibratedInverse(fisher, size);
  const betaCount = (kc + model.lineshapeColumnCount) * p;
  const covariance = new Float64Array(betaCount * betaCount);
  for (let a = 0; a < betaCount; a++) {
    for (let b = 0; b < betaCount; b++) covariance[a * betaCount + b] = residualVariance * inverse[a * size + b];
  }
  return { betas, covariance, residualVariance, degreesOfFreedom, transientResidualSumSquares };
}

/** One transient's elimination of its nuisance directions J (count c): W = (JᵀJ)⁻¹ and the model columns' share. */
interface TransientElimination {
  /** AᵀJ, k × c row-major. */
  columnDots: Float64Array;
  /** AᵀJ·W·JᵀA, k × k. */
  columnCorrection: Float64Array;
  /** W·v for a vector v = Jᵀx of length c. */
  apply: (v: Float64Array) => Float64Array;
}

function transientEliminations(nuisance: TransientNuisance, columns: Float64Array[], n: number, len: number): TransientElimination[] {
  const c = nuisance.count;
  const k = columns.length;
  return Array.from({ length: n }, (_, t) => {
    const base = t * c * len;
    const jGram = new Float64Array(c * c);
    for (let a = 0; a < c; a++) for (let b = 0; b < c; b++) jGram[a * c + b] = dot(nuisance.directions, base + a * len, nuisance.directions, base + b * len, len);
    const w = equilibratedInverse(jGram, c);
    const columnDots = new Float64Array(k * c);
    for (let a = 0; a < k; a++) for (let d = 0; d < c; d++) columnDots[a * c + d] = dot(columns[a], 0, nuisance.directions, base + d * len, len);
    const apply = (v: Float64Array): Float64Array => {
      const out = new Float64Array(c);
      for (let a = 0; a < c; a++) for (let b = 0; b < c; b++) out[a] += w[a * c + b] * v[b];
      return out;
    };
    const columnCorrection = new Float64Array(k * k);
    for (let a = 0; a < k; a++) {
      const weighted = apply(columnDots.subarray(a * c, (a + 1) * c));
      for (let b = 0; b < k; b++) {
        let v = 0;
        for (let d = 0; d < c; d++) v += weighted[d] * columnDots[b * c + d];
        columnCorrection[a * k + b] = v;
      }
    }
    return { columnDots, columnCorrection, apply };
  });
}

/** Jᵀx for transient t's nuisance directions and a vector x (at `offset` in `values`). */
function nuisanceDots(nuisance: TransientNuisance, t: number, values: Float64Array, offset: number, len: number): Float64Array {
  const c = nuisance.count;
  return Float64Array.from({ length: c }, (_, d) => dot(nuisance.directions, (t * c + d) * len, values, offset, len));
}

/** normal −= x_t·x_tᵀ ⊗ correction (β index a·p + r). */
function subtractKronecker(normal: Float64Array, designRows: Float64Array, t: number, p: number, k: number, correction: Float64Array): void {
  const kp = k * p;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const v = correction[a * k + b];
      if (v === 0) continue;
      for (let r = 0; r < p; r++) {
        const xr = designRows[t * p + r] * v;
        if (xr === 0) continue;
        for (let s = 0; s < p; s++) normal[(a * p + r) * kp + b * p + s] -= xr * designRows[t * p + s];
      }
    }
  }
}

/** The nuisance's share of the β–θ and θ–θ Fisher blocks, transient by transient (D(t) = Σ_r x_tr·D_r). */
function subtractThetaEliminations(
  fisher: Float64Array,
  size: number,
  kp: number,
  p: number,
  k: number,
  thetaUsed: number[],
  derivativesPerRegressor: Float64Array[][],
  designRows: Float64Array,
  nuisance: TransientNuisance,
  eliminations: TransientElimination[],
  len: number,
): void {
  const c = nuisance.count;
  const n = eliminations.length;
  const derivative = new Float64Array(len);
  for (let t = 0; t < n; t++) {
    const e = eliminations[t];
    // W·JᵀD(t) for each θ used
    const weighted = thetaUsed.map((q) => {
      derivative.fill(0);
      for (let r = 0; r < p; r++) {
        const x = designRows[t * p + r];
        if (x === 0) continue;
        const d = derivativesPerRegressor[r][q];
        for (let i = 0; i < len; i++) derivative[i] += x * d[i];
      }
      const jd = nuisanceDots(nuisance, t, derivative, 0, len);
      return { jd, wjd: e.apply(jd) };
    });
    weighted.forEach(({ wjd }, u) => {
      const column = kp + u;
      for (let a = 0; a < k; a++) {
        let v = 0;
        for (let d = 0; d < c; d++) v += e.columnDots[a * c + d] * wjd[d];
        for (let r = 0; r < p; r++) {
          const share = v * designRows[t * p + r];
          fisher[(a * p + r) * size + column] -= share;
          fisher[column * size + a * p + r] -= share;
        }
      }
      weighted.forEach(({ jd }, u2) => {
        let v = 0;
        for (let d = 0; d < c; d++) v += jd[d] * wjd[d];
        fisher[column * size + kp + u2] -= v;
      });
    });
  }
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
  nuisance: TransientNuisance | undefined,
  eliminations: TransientElimination[] | null,
): Float64Array {
  const k = columns.length;
  const len = columns[0].length;
  const coefficients = new Float64Array(k);
  const residual = new Float64Array(len);
  const transientResidualSumSquares = new Float64Array(n);
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
    let rss = dot(residual, 0, residual, 0, len);
    if (nuisance && eliminations) {
      // the part of the residual the transient's own offsets explain is fitted, not residual
      const jr = nuisanceDots(nuisance, t, residual, 0, len);
      const wjr = eliminations[t].apply(jr);
      for (let d = 0; d < jr.length; d++) rss -= jr[d] * wjr[d];
    }
    transientResidualSumSquares[t] = rss;
  }
  return transientResidualSumSquares;
}

function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[xo + i] * y[yo + i];
  return s;
}
