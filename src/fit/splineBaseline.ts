import { choleskyFactor, choleskySolve } from './linearAlgebra.js';

/**
 * A regularised smooth baseline in the style of LCModel: cubic B-splines on equally spaced knots over the
 * fitted range (P-splines, Eilers & Marx 1996), with a second-difference penalty λ·Σ(Δ²d)² on their
 * coefficients. λ is set from a target effective dimension (ED = trace of the penalised hat matrix), so the
 * baseline's stiffness is stated in degrees of freedom per ppm rather than in arbitrary penalty units.
 */
export interface SplineBaseline {
  /** Complex columns (each 2·ppm.length), real then imaginary per B-spline, like the polynomial columns. */
  columns: Float64Array[];
  /** Penalty added to the Gram matrix of `columns` (row-major, columns.length²). */
  penalty: Float64Array;
  /** Effective dimension reached (real and imaginary parts together). */
  effectiveDimension: number;
}

/**
 * Knot spacing of the spline basis, ppm: fine enough for the stiffness the penalty then sets (up to ~2 ED per
 * ppm), coarse enough to keep the linear problem small.
 */
export const SPLINE_KNOT_SPACING_PPM = 0.4;

/**
 * B-spline columns over `ppm` and the penalty that gives them `edPerPpm` effective degrees of freedom per
 * ppm for each of the real and imaginary parts (at least 2: a straight line is never penalised).
 */
export function splineBaseline(ppm: Float64Array, edPerPpm: number, knotSpacingPpm = SPLINE_KNOT_SPACING_PPM): SplineBaseline {
  const key = `${ppm.length}:${ppm[0]}:${ppm[ppm.length - 1]}:${edPerPpm}:${knotSpacingPpm}`;
  let baseline = cache.get(key);
  if (!baseline) {
    baseline = buildSplineBaseline(ppm, edPerPpm, knotSpacingPpm);
    if (cache.size > 32) cache.clear();
    cache.set(key, baseline);
  }
  return baseline;
}

/** Spline baselines per fitted axis and stiffness: fits of a session's windows share one (never mutated). */
const cache = new Map<string, SplineBaseline>();

function buildSplineBaseline(ppm: Float64Array, edPerPpm: number, knotSpacingPpm: number): SplineBaseline {
  const m = ppm.length;
  const lo = Math.min(ppm[0], ppm[m - 1]);
  const hi = Math.max(ppm[0], ppm[m - 1]);
  const intervals = Math.max(1, Math.round((hi - lo) / knotSpacingPpm));
  const k = intervals + 3;
  const values = bSplineValues(ppm, lo, hi, intervals);
  const penalty = secondDifferencePenalty(k);
  const gram = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += values[a * m + i] * values[b * m + i];
      gram[a * k + b] = s;
      gram[b * k + a] = s;
    }
  }
  const target = Math.min(k, Math.max(2, edPerPpm * (hi - lo)));
  const lambda = lambdaForDimension(gram, penalty, k, target);
  const columns: Float64Array[] = [];
  for (let a = 0; a < k; a++) {
    const real = new Float64Array(2 * m);
    const imaginary = new Float64Array(2 * m);
    for (let i = 0; i < m; i++) {
      real[2 * i] = values[a * m + i];
      imaginary[2 * i + 1] = values[a * m + i];
    }
    columns.push(real, imaginary);
  }
  const full = new Float64Array(4 * k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const v = lambda * penalty[a * k + b];
      full[2 * a * 2 * k + 2 * b] = v;
      full[(2 * a + 1) * 2 * k + 2 * b + 1] = v;
    }
  }
  return { columns, penalty: full, effectiveDimension: 2 * effectiveDimension(gram, penalty, k, lambda) };
}

/** Cubic B-spline values (k × m, row-major) on `intervals` equal intervals spanning [lo, hi]. */
function bSplineValues(ppm: Float64Array, lo: number, hi: number, intervals: number): Float64Array {
  const m = ppm.length;
  const k = intervals + 3;
  const values = new Float64Array(k * m);
  const width = (hi - lo) / intervals;
  for (let i = 0; i < m; i++) {
    const x = hi > lo ? (ppm[i] - lo) / width : 0;
    const cell = Math.min(intervals - 1, Math.max(0, Math.floor(x)));
    const u = x - cell;
    // the four cubic pieces that are non-zero in this interval (uniform knots)
    const w = [(1 - u) ** 3 / 6, (3 * u ** 3 - 6 * u ** 2 + 4) / 6, (-3 * u ** 3 + 3 * u ** 2 + 3 * u + 1) / 6, u ** 3 / 6];
    for (let j = 0; j < 4; j++) values[(cell + j) * m + i] = w[j];
  }
  return values;
}

/** DᵀD for the second-difference operator D on k coefficients. */
function secondDifferencePenalty(k: number): Float64Array {
  const p = new Float64Array(k * k);
  for (let r = 0; r + 2 < k; r++) {
    const row = [1, -2, 1];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) p[(r + a) * k + r + b] += row[a] * row[b];
  }
  return p;
}

/** trace((G + λP)⁻¹·G): the degrees of freedom the penalised fit uses. */
function effectiveDimension(gram: Float64Array, penalty: Float64Array, k: number, lambda: number): number {
  const system = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) system[i] = gram[i] + lambda * penalty[i];
  const factor = new Float64Array(k * k);
  choleskyFactor(system, k, factor);
  const column = new Float64Array(k);
  const solved = new Float64Array(k);
  let trace = 0;
  for (let j = 0; j < k; j++) {
    for (let i = 0; i < k; i++) column[i] = gram[i * k + j];
    choleskySolve(factor, k, column, solved);
    trace += solved[j];
  }
  return trace;
}

/** λ giving effective dimension `target` (ED falls monotonically with λ), by bisection on log λ. */
function lambdaForDimension(gram: Float64Array, penalty: Float64Array, k: number, target: number): number {
  if (target >= k - 1e-9) return 0;
  let scale = 0;
  for (let i = 0; i < k; i++) scale += gram[i * k + i];
  let logLow = Math.log(scale / k) - 25;
  let logHigh = Math.log(scale / k) + 25;
  for (let iteration = 0; iteration < 60; iteration++) {
    const mid = (logLow + logHigh) / 2;
    if (effectiveDimension(gram, penalty, k, Math.exp(mid)) > target) logLow = mid;
    else logHigh = mid;
  }
  return Math.exp((logLow + logHigh) / 2);
}
