/**
 * Linear mixed model with one random intercept per group (subject):
 *   y = Xβ + Zb + ε,  b ~ N(0, σ_b² I),  ε ~ N(0, σ² I),
 * fitted by REML with σ² profiled out and the variance ratio γ = σ_b²/σ² found by a 1-D search.
 * Because V is block-diagonal with blocks σ²(I + γ11ᵀ), every quantity reduces to per-group sums
 * (XᵢᵀXᵢ, Xᵢᵀ1, Xᵢᵀyᵢ, 1ᵀyᵢ, yᵢᵀyᵢ, nᵢ), so a fit costs O(groups · p²) per likelihood evaluation.
 * Wald tests of L·β use Satterthwaite denominator df from the expected REML information of (σ_b², σ²).
 */
import { bilinear, invertSpd, matMul, matVec, symmetricEigen, traceOfProduct } from './denseMatrix.js';
import { fSf, studentTQuantile, studentTTwoSidedP } from './distributions.js';

export interface FixedEffectsDesign {
  /** One array per column (length = number of observations). */
  columns: Float64Array[];
  columnNames: string[];
}

export interface RandomInterceptFit {
  /** Estimates for every design column; NaN for columns dropped as aliased. */
  beta: Float64Array;
  /** Indices of the design columns kept in the fit (linearly independent), in design order. */
  keptColumns: number[];
  droppedColumns: number[];
  /** Covariance of the kept estimates (kept × kept, row-major). */
  covariance: Float64Array;
  subjectVariance: number;
  residualVariance: number;
  /** −2 × restricted log-likelihood at the optimum. */
  remlDeviance: number;
  converged: boolean;
  nObservations: number;
  nGroups: number;
  warnings: string[];
  /** ∂Cov(β̂)/∂σ_b² and ∂Cov(β̂)/∂σ² (kept × kept), for Satterthwaite df. */
  covarianceGradients: [Float64Array, Float64Array];
  /**
   * Kenward–Roger's P and Q matrices for θ = (σ_b², σ²) (kept × kept): pᵢ = XᵀV⁻¹VᵢV⁻¹X (the negative of
   * their Pᵢ; signs cancel wherever they are used) and qᵢⱼ = XᵀV⁻¹VᵢV⁻¹VⱼV⁻¹X.
   */
  krTerms: { p: [Float64Array, Float64Array]; q: [[Float64Array, Float64Array], [Float64Array, Float64Array]] };
  /** Asymptotic covariance of (σ_b², σ²) from the expected REML information; null if not identifiable. */
  varianceParameterCovariance: Float64Array | null;
}

export interface ContrastResult {
  estimate: number;
  se: number;
  df: number;
  t: number;
  p: number;
  ciLow: number;
  ciHigh: number;
}

export interface WaldFTest {
  numDf: number;
  denDf: number;
  F: number;
  p: number;
}

/** Per-group sufficient statistics over the kept columns. */
interface GroupSums {
  n: number;
  xtx: Float64Array;
  xt1: Float64Array;
  xty: Float64Array;
  sumY: number;
  sumY2: number;
}

const LOG_RATIO_MIN = -16;
const LOG_RATIO_MAX = 14;

export function fitRandomIntercept(
  y: ArrayLike<number>,
  design: FixedEffectsDesign,
  groups: ArrayLike<number>,
): RandomInterceptFit {
  const nObs = y.length;
  const warnings: string[] = [];
  const { kept, dropped } = independentColumns(design.columns);
  for (const j of dropped) warnings.push(`mixed model: column "${design.columnNames[j]}" is aliased with earlier terms and was dropped`);
  const p = kept.length;
  const columns = kept.map((j) => design.columns[j]!);
  const sums = groupSums(y, columns, groups);
  const nGroups = sums.length;
  const residualDf = nObs - p;
  if (residualDf < 1) throw new RangeError(`mixed model needs more observations (${nObs}) than fixed effects (${p})`);

  const identifiable = sums.some((g) => g.n > 1) && nGroups > 1;
  let logRatio = -Infinity;
  let converged = true;
  if (identifiable) {
    const search = minimiseProfile((t) => profileDeviance(sums, p, residualDf, Math.exp(t)).deviance);
    const atZero = profileDeviance(sums, p, residualDf, 0).deviance;
    if (atZero <= search.value) logRatio = -Infinity;
    else logRatio = search.argmin;
    if (search.argmin >= LOG_RATIO_MAX - 1e-6) {
      converged = false;
      warnings.push('mixed model: subject variance ratio hit its upper search bound; residual variance is near zero');
    }
  } else {
    warnings.push('mixed model: no subject has more than one observation; fitted without the subject random intercept');
  }
  const ratio = Math.exp(logRatio);
  const profile = profileDeviance(sums, p, residualDf, ratio);
  const residualVariance = profile.weightedRss / residualDf;
  const subjectVariance = ratio * residualVariance;

  const covariance = profile.xtHinvXInverse.map((v) => v * residualVariance);
  const beta = new Float64Array(design.columns.length).fill(NaN);
  kept.forEach((j, k) => (beta[j] = profile.beta[k]!));

  const { gradients, information, krTerms } = varianceDerivatives(sums, p, covariance, subjectVariance, residualVariance);
  let varianceParameterCovariance: Float64Array | null = null;
  if (identifiable) {
    const inverted = invertSpd(information, 2);
    if (inverted) varianceParameterCovariance = inverted.inverse;
    else warnings.push('mixed model: variance components are not separately identifiable; using residual df');
  }
  return {
    beta,
    keptColumns: kept,
    droppedColumns: dropped,
    covariance,
    subjectVariance,
    residualVariance,
    remlDeviance: profile.deviance + residualDf * (1 + Math.log((2 * Math.PI) / residualDf)),
    converged,
    nObservations: nObs,
    nGroups,
    warnings,
    covarianceGradients: gradients,
    krTerms,
    varianceParameterCovariance,
  };
}

/** Estimate, SE and Satterthwaite t interval of one linear combination lᵀβ (l over all design columns). */
export function contrastEstimate(fit: RandomInterceptFit, weights: ArrayLike<number>, confidence = 0.95): ContrastResult | null {
  const l = restrictToKept(fit, weights);
  if (!l) return null;
  const p = fit.keptColumns.length;
  const estimate = fit.keptColumns.reduce((s, j, k) => s + l[k]! * fit.beta[j]!, 0);
  const variance = bilinear(l, fit.covariance, l, p);
  const se = Math.sqrt(Math.max(variance, 0));
  const df = satterthwaiteDf(fit, l, variance);
  const t = estimate / se;
  const half = studentTQuantile(0.5 + confidence / 2, df) * se;
  return { estimate, se, df, t, p: studentTTwoSidedP(t, df), ciLow: estimate - half, ciHigh: estimate + half };
}

/** Joint Wald F test of L·β = 0 (rows of L over all design columns) with Satterthwaite denominator df. */
export function waldFTest(fit: RandomInterceptFit, rows: ArrayLike<number>[]): WaldFTest | null {
  const p = fit.keptColumns.length;
  const restricted: Float64Array[] = [];
  for (const row of rows) {
    const l = restrictToKept(fit, row);
    if (!l) return null;
    restricted.push(l);
  }
  const q0 = restricted.length;
  if (q0 === 0) return null;
  const lb = restricted.map((l) => fit.keptColumns.reduce((s, j, k) => s + l[k]! * fit.beta[j]!, 0));
  const lcl = new Float64Array(q0 * q0);
  const cl = restricted.map((l) => matVec(fit.covariance, l, p));
  for (let a = 0; a < q0; a++) for (let b = 0; b < q0; b++) lcl[a * q0 + b] = dot(restricted[a]!, cl[b]!);
  const { values, vectors } = symmetricEigen(lcl, q0);
  const maxValue = Math.max(...values);
  let F = 0;
  let q = 0;
  const directionDfs: number[] = [];
  for (let m = 0; m < q0; m++) {
    const d = values[m]!;
    // directions with (near) zero variance are redundant rows of L
    if (!(d > 1e-10 * maxValue)) continue;
    q += 1;
    const direction = new Float64Array(p);
    let projected = 0;
    for (let a = 0; a < q0; a++) {
      const w = vectors[a * q0 + m]!;
      projected += w * lb[a]!;
      for (let k = 0; k < p; k++) direction[k] += w * restricted[a]![k]!;
    }
    F += (projected * projected) / d;
    directionDfs.push(satterthwaiteDf(fit, direction, d));
  }
  if (q === 0) return null;
  F /= q;
  const denDf = combineDirectionDfs(directionDfs);
  return { numDf: q, denDf, F, p: fSf(F, q, denDf) };
}

/** Satterthwaite's combination over the eigen-directions of L C Lᵀ: E = Σ ν/(ν−2), df = 2E/(E−q). */
function combineDirectionDfs(dfs: number[]): number {
  const q = dfs.length;
  if (q === 1) return dfs[0]!;
  const E = dfs.filter((nu) => nu > 2).reduce((s, nu) => s + nu / (nu - 2), 0);
  // when the expectation is undefined the most conservative direction df is the honest answer
  return E > q ? (2 * E) / (E - q) : Math.min(...dfs);
}

/** ν = 2 (lᵀCl)² / (gᵀ A g), g = ∂(lᵀCl)/∂(σ_b², σ²), A the asymptotic covariance of (σ_b², σ²). */
function satterthwaiteDf(fit: RandomInterceptFit, l: Float64Array, variance: number): number {
  const p = fit.keptColumns.length;
  const residualDf = fit.nObservations - p;
  const a = fit.varianceParameterCovariance;
  if (!a) return residualDf;
  const g0 = bilinear(l, fit.covarianceGradients[0], l, p);
  const g1 = bilinear(l, fit.covarianceGradients[1], l, p);
  const denominator = g0 * g0 * a[0]! + 2 * g0 * g1 * a[1]! + g1 * g1 * a[3]!;
  if (!(denominator > 0)) return residualDf;
  return (2 * variance * variance) / denominator;
}

/** The weights of the kept columns, or null when the combination puts weight on a dropped (aliased) column. */
export function restrictToKept(fit: RandomInterceptFit, weights: ArrayLike<number>): Float64Array | null {
  for (const j of fit.droppedColumns) if (weights[j] !== 0) return null;
  return Float64Array.from(fit.keptColumns, (j) => weights[j]!);
}

/** Greedy selection of linearly independent columns, in order (modified Gram–Schmidt). */
function independentColumns(columns: Float64Array[]): { kept: number[]; dropped: number[] } {
  const basis: Float64Array[] = [];
  const kept: number[] = [];
  const dropped: number[] = [];
  columns.forEach((column, j) => {
    const r = Float64Array.from(column);
    const norm0 = Math.sqrt(dot(r, r));
    for (const u of basis) {
      const c = dot(r, u);
      for (let i = 0; i < r.length; i++) r[i] -= c * u[i]!;
    }
    const norm = Math.sqrt(dot(r, r));
    if (norm0 > 0 && norm > 1e-9 * norm0) {
      for (let i = 0; i < r.length; i++) r[i] /= norm;
      basis.push(r);
      kept.push(j);
    } else {
      dropped.push(j);
    }
  });
  return { kept, dropped };
}

function groupSums(y: ArrayLike<number>, columns: Float64Array[], groups: ArrayLike<number>): GroupSums[] {
  const p = columns.length;
  const byGroup = new Map<number, GroupSums>();
  for (let i = 0; i < y.length; i++) {
    const key = groups[i]!;
    let g = byGroup.get(key);
    if (!g) {
      g = { n: 0, xtx: new Float64Array(p * p), xt1: new Float64Array(p), xty: new Float64Array(p), sumY: 0, sumY2: 0 };
      byGroup.set(key, g);
    }
    const yi = y[i]!;
    g.n += 1;
    g.sumY += yi;
    g.sumY2 += yi * yi;
    for (let a = 0; a < p; a++) {
      const xa = columns[a]![i]!;
      g.xt1[a] += xa;
      g.xty[a] += xa * yi;
      for (let b = 0; b < p; b++) g.xtx[a * p + b] += xa * columns[b]![i]!;
    }
  }
  return [...byGroup.values()];
}

/**
 * REML deviance with σ² profiled out, up to a constant, at variance ratio γ:
 * Σ log(1 + nᵢγ) + log|XᵀH⁻¹X| + (N − p) log(rᵀH⁻¹r), with H = I + γZZᵀ and Hᵢ⁻¹ = I − cᵢ11ᵀ.
 */
function profileDeviance(sums: GroupSums[], p: number, residualDf: number, ratio: number) {
  const xtHx = new Float64Array(p * p);
  const xtHy = new Float64Array(p);
  let ytHy = 0;
  let logDetH = 0;
  for (const g of sums) {
    const c = ratio / (1 + g.n * ratio);
    logDetH += Math.log1p(g.n * ratio);
    ytHy += g.sumY2 - c * g.sumY * g.sumY;
    for (let a = 0; a < p; a++) {
      xtHy[a] += g.xty[a]! - c * g.xt1[a]! * g.sumY;
      for (let b = 0; b < p; b++) xtHx[a * p + b] += g.xtx[a * p + b]! - c * g.xt1[a]! * g.xt1[b]!;
    }
  }
  const inverted = invertSpd(xtHx, p);
  if (!inverted) throw new RangeError('mixed model: fixed-effects matrix is singular');
  const beta = matVec(inverted.inverse, xtHy, p);
  const weightedRss = Math.max(ytHy - dot(beta, xtHy), 1e-300 * Math.max(ytHy, 1));
  const deviance = logDetH + inverted.logDet + residualDf * Math.log(weightedRss);
  return { deviance, beta, weightedRss, xtHinvXInverse: inverted.inverse };
}

/**
 * ∂C/∂θ (C = Cov β̂) and the expected REML information ½ tr(P Vⱼ P Vₖ) for θ = (σ_b², σ²),
 * written with the per-group identity Wᵢᵏ = σ⁻²ᵏ (I − (1 − eᵢᵏ)/nᵢ · 11ᵀ), eᵢ = 1/(1 + nᵢγ).
 */
function varianceDerivatives(
  sums: GroupSums[],
  p: number,
  covariance: Float64Array,
  subjectVariance: number,
  residualVariance: number,
) {
  const s2 = residualVariance;
  const ratio = subjectVariance / residualVariance;
  // M_b = RᵀJR, M_e = RᵀR; N_xx = Rᵀ A W B R; T_xx = tr(W A W B)  (R = WX)
  const mb = new Float64Array(p * p);
  const me = new Float64Array(p * p);
  const nbb = new Float64Array(p * p);
  const nbe = new Float64Array(p * p);
  const nee = new Float64Array(p * p);
  let tbb = 0;
  let tbe = 0;
  let tee = 0;
  for (const g of sums) {
    const n = g.n;
    const e = 1 / (1 + n * ratio);
    tbb += (n * n * e * e) / (s2 * s2);
    tbe += (n * e * e) / (s2 * s2);
    tee += (n - 1 + e * e) / (s2 * s2);
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < p; b++) {
        const ss = g.xt1[a]! * g.xt1[b]!;
        const xx = g.xtx[a * p + b]!;
        const k = a * p + b;
        mb[k] += (e * e * ss) / (s2 * s2);
        me[k] += (xx - ((1 - e * e) / n) * ss) / (s2 * s2);
        nbb[k] += (n * e * e * e * ss) / (s2 * s2 * s2);
        nbe[k] += (e * e * e * ss) / (s2 * s2 * s2);
        nee[k] += (xx - ((1 - e * e * e) / n) * ss) / (s2 * s2 * s2);
      }
    }
  }
  const cmb = matMul(covariance, mb, p);
  const cme = matMul(covariance, me, p);
  const gradients: [Float64Array, Float64Array] = [matMul(cmb, covariance, p), matMul(cme, covariance, p)];
  const info = (t: number, nMatrix: Float64Array, cmj: Float64Array, cmk: Float64Array) =>
    0.5 * (t - 2 * traceOfProduct(covariance, nMatrix, p) + traceOfProduct(cmj, cmk, p));
  const ibb = info(tbb, nbb, cmb, cmb);
  const ibe = info(tbe, nbe, cmb, cme);
  const iee = info(tee, nee, cme, cme);
  return {
    gradients,
    information: Float64Array.of(ibb, ibe, ibe, iee),
    krTerms: { p: [mb, me], q: [[nbb, nbe], [nbe, nee]] } as RandomInterceptFit['krTerms'],
  };
}

/** Grid over log γ, then golden-section refinement around the best grid point. */
function minimiseProfile(f: (logRatio: number) => number): { argmin: number; value: number } {
  const step = 0.5;
  let bestT = LOG_RATIO_MIN;
  let bestValue = Infinity;
  for (let t = LOG_RATIO_MIN; t <= LOG_RATIO_MAX + 1e-9; t += step) {
    const v = f(t);
    if (v < bestValue) {
      bestValue = v;
      bestT = t;
    }
  }
  let lo = Math.max(LOG_RATIO_MIN, bestT - step);
  let hi = Math.min(LOG_RATIO_MAX, bestT + step);
  const golden = (Math.sqrt(5) - 1) / 2;
  let x1 = hi - golden * (hi - lo);
  let x2 = lo + golden * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  while (hi - lo > 1e-11) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - golden * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + golden * (hi - lo);
      f2 = f(x2);
    }
  }
  const candidates = [
    { argmin: bestT, value: bestValue },
    { argmin: x1, value: f1 },
    { argmin: x2, value: f2 },
  ];
  return candidates.reduce((best, c) => (c.value < best.value ? c : best));
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
