/**
 * Linear mixed models with random intercepts for subjects and, optionally, for sessions within subjects:
 *   y = Xβ + Z_subject b + Z_session c + ε,  b ~ N(0, σ_subject² I),  c ~ N(0, σ_session² I),  ε ~ N(0, σ² I),
 * fitted by REML with σ² profiled out. The subject-only model is a 1-D search over log(σ_subject²/σ²); the nested
 * model adds a Nelder–Mead search over both ratios (parametrised as θ² so the zero boundary is reachable) and keeps
 * the subject-only fit whenever the session variance is estimated at zero, so then both give identical answers.
 * Wald tests of L·β use Satterthwaite denominator df from the expected REML information of the variance parameters.
 */
import { symmetricEigen } from '../linalg/symmetricEigen.js';
import { bilinear, invertSpd, matVec } from './denseMatrix.js';
import { fSf, studentTQuantile, studentTTwoSidedP } from './distributions.js';
import { minimiseNelderMead } from './nelderMead.js';
import { nestedSums, profileReml } from './remlProfile.js';
import { varianceInformation, type VarianceParameter } from './varianceInformation.js';
import type { CoefficientEstimate } from '../types/study.js';

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
  /** Variance of the session-within-subject intercepts; 0 when the model has none or it is estimated at zero. */
  sessionVariance: number;
  residualVariance: number;
  /** −2 × restricted log-likelihood at the optimum. */
  remlDeviance: number;
  converged: boolean;
  nObservations: number;
  nGroups: number;
  nSessions: number;
  warnings: string[];
  /**
   * The variance parameters θ the df approximations account for, in the order of the arrays below:
   * ['subject', 'residual'], or ['subject', 'session', 'residual'] when the session variance is positive.
   */
  varianceParameters: VarianceParameter[];
  /** ∂Cov(β̂)/∂θₖ (kept × kept), for Satterthwaite df. */
  covarianceGradients: Float64Array[];
  /**
   * Kenward–Roger's P and Q matrices for θ (kept × kept): pᵢ = XᵀV⁻¹VᵢV⁻¹X (the negative of their Pᵢ; signs
   * cancel wherever they are used) and qᵢⱼ = XᵀV⁻¹VᵢV⁻¹VⱼV⁻¹X.
   */
  krTerms: { p: Float64Array[]; q: Float64Array[][] };
  /** Asymptotic covariance of θ from the expected REML information (k × k); null if not identifiable. */
  varianceParameterCovariance: Float64Array | null;
}

/** A t-based estimate with its interval: a coefficient without its name. */
export type ContrastResult = Omit<CoefficientEstimate, 'name'>;

export interface WaldFTest {
  numDf: number;
  denDf: number;
  F: number;
  p: number;
}

/** Per-group sufficient statistics over the kept columns. */

const LOG_RATIO_MIN = -16;
const LOG_RATIO_MAX = 14;
const RATIO_MAX = Math.exp(LOG_RATIO_MAX);

/** Random intercept per subject: `groups[i]` labels the subject of observation i. */
export function fitRandomIntercept(
  y: ArrayLike<number>,
  design: FixedEffectsDesign,
  groups: ArrayLike<number>,
): RandomInterceptFit {
  return fitMixedModel(y, design, groups, null);
}

/**
 * Random intercepts per subject and per session within subject: `sessions[i]` labels the session of observation i
 * (labels need only be distinct within a subject).
 */
export function fitNestedRandomIntercepts(
  y: ArrayLike<number>,
  design: FixedEffectsDesign,
  subjects: ArrayLike<number>,
  sessions: ArrayLike<number>,
): RandomInterceptFit {
  return fitMixedModel(y, design, subjects, sessions);
}

function fitMixedModel(
  y: ArrayLike<number>,
  design: FixedEffectsDesign,
  subjects: ArrayLike<number>,
  sessions: ArrayLike<number> | null,
): RandomInterceptFit {
  const nObs = y.length;
  const warnings: string[] = [];
  const { kept, dropped } = independentColumns(design.columns);
  for (const j of dropped) warnings.push(`mixed model: column "${design.columnNames[j]}" is aliased with earlier terms and was dropped`);
  const p = kept.length;
  const columns = kept.map((j) => design.columns[j]!);
  // without a session level every subject is one "session" whose variance ratio stays 0
  const sessionLabels = sessions ?? subjects;
  const sums = nestedSums(y, columns, subjects, sessionLabels);
  const nGroups = sums.length;
  const nSessions = sums.reduce((s, g) => s + g.sessions.length, 0);
  const residualDf = nObs - p;
  if (residualDf < 1) throw new RangeError(`mixed model needs more observations (${nObs}) than fixed effects (${p})`);
  const deviance = (subjectRatio: number, sessionRatio: number) => profileReml(sums, p, residualDf, subjectRatio, sessionRatio).deviance;

  const identifiable = sums.some((g) => g.n > 1) && nGroups > 1;
  let subjectRatio = 0;
  let sessionRatio = 0;
  let converged = true;
  if (identifiable) {
    const search = minimiseProfile((t) => deviance(Math.exp(t), 0));
    if (deviance(0, 0) > search.value) subjectRatio = Math.exp(search.argmin);
    if (search.argmin >= LOG_RATIO_MAX - 1e-6) {
      converged = false;
      warnings.push('mixed model: subject variance ratio hit its upper search bound; residual variance is near zero');
    }
  } else {
    warnings.push('mixed model: no subject has more than one observation; fitted without the subject random intercept');
  }
  if (sessions) {
    const repeatedSessions = sums.some((g) => g.sessions.length > 1);
    const repeatedWithinSession = sums.some((g) => g.sessions.some((s) => s.n > 1));
    const missing = !identifiable
      ? 'no subject intercept to nest it in'
      : !repeatedSessions
        ? 'no subject has two sessions'
        : !repeatedWithinSession
          ? 'no session has two observations'
          : null;
    if (missing) {
      warnings.push(`mixed model: the session variance is not identifiable (${missing}); fitted without the session random intercept`);
    } else {
      const nested = nestedRatios(deviance, subjectRatio);
      const subjectOnly = deviance(subjectRatio, 0);
      if (nested.value < subjectOnly - 1e-9 * (1 + Math.abs(subjectOnly))) {
        ({ subjectRatio, sessionRatio } = nested);
        converged = nested.converged;
        if (!converged) warnings.push('mixed model: variance ratio search did not converge or hit its upper bound; residual variance is near zero');
      } else {
        warnings.push('mixed model: session variance estimated at zero (boundary fit); inference as for the subject-only model');
      }
    }
  }

  const profile = profileReml(sums, p, residualDf, subjectRatio, sessionRatio);
  const residualVariance = profile.weightedRss / residualDf;
  const subjectVariance = subjectRatio * residualVariance;
  const sessionVariance = sessionRatio * residualVariance;
  const covariance = profile.xtHinvXInverse.map((v) => v * residualVariance);
  const beta = new Float64Array(design.columns.length).fill(NaN);
  kept.forEach((j, k) => (beta[j] = profile.beta[k]!));

  const varianceParameters: VarianceParameter[] = sessionRatio > 0 ? ['subject', 'session', 'residual'] : ['subject', 'residual'];
  const structure = { subjects, sessions: sessionLabels, subjectVariance, sessionVariance, residualVariance };
  const info = varianceInformation(columns, structure, covariance, varianceParameters);
  let varianceParameterCovariance: Float64Array | null = null;
  if (identifiable) {
    const inverted = invertSpd(info.information, varianceParameters.length);
    if (inverted) varianceParameterCovariance = inverted.inverse;
    else warnings.push('mixed model: variance components are not separately identifiable; using residual df');
  }
  return {
    beta,
    keptColumns: kept,
    droppedColumns: dropped,
    covariance,
    subjectVariance,
    sessionVariance,
    residualVariance,
    remlDeviance: profile.deviance + residualDf * (1 + Math.log((2 * Math.PI) / residualDf)),
    converged,
    nObservations: nObs,
    nGroups,
    nSessions,
    warnings,
    varianceParameters,
    covarianceGradients: info.gradients,
    krTerms: { p: info.p, q: info.q },
    varianceParameterCovariance,
  };
}

/**
 * Both ratios by Nelder–Mead over θ with γ = min(θ², RATIO_MAX): the criterion is even in θ, so a zero variance is
 * an ordinary interior point. A subject ratio that ends (numerically) at zero is set to exactly zero.
 */
function nestedRatios(
  deviance: (subjectRatio: number, sessionRatio: number) => number,
  subjectOnlyRatio: number,
): { subjectRatio: number; sessionRatio: number; value: number; converged: boolean } {
  const ratio = (theta: number) => Math.min(theta * theta, RATIO_MAX);
  const start = [Math.sqrt(Math.min(subjectOnlyRatio, RATIO_MAX)), 0.5];
  const objective = (x: number[]) => {
    try {
      return deviance(ratio(x[0]!), ratio(x[1]!));
    } catch {
      // XᵀH⁻¹X can turn numerically singular at extreme ratios; such a point is simply not the optimum
      return Infinity;
    }
  };
  const search = minimiseNelderMead(objective, start, {
    steps: [Math.max(0.5 * start[0]!, 0.25), 0.25],
  });
  let subjectRatio = ratio(search.argmin[0]!);
  const sessionRatio = ratio(search.argmin[1]!);
  let value = search.value;
  const withoutSubject = deviance(0, sessionRatio);
  if (withoutSubject <= value + 1e-9 * (1 + Math.abs(value))) {
    subjectRatio = 0;
    value = Math.min(value, withoutSubject);
  }
  const atBound = Math.max(subjectRatio, sessionRatio) >= RATIO_MAX * (1 - 1e-9);
  return { subjectRatio, sessionRatio, value, converged: search.converged && !atBound };
}

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

/** ν = 2 (lᵀCl)² / (gᵀ A g), gₖ = ∂(lᵀCl)/∂θₖ, A the asymptotic covariance of the variance parameters θ. */
function satterthwaiteDf(fit: RandomInterceptFit, l: Float64Array, variance: number): number {
  const p = fit.keptColumns.length;
  const residualDf = fit.nObservations - p;
  const a = fit.varianceParameterCovariance;
  if (!a) return residualDf;
  const g = fit.covarianceGradients.map((gradient) => bilinear(l, gradient, l, p));
  const denominator = bilinear(Float64Array.from(g), a, Float64Array.from(g), g.length);
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
