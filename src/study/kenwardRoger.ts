/**
 * Kenward–Roger (1997) inference for a random-intercept REML fit: the bias-adjusted covariance
 * Φ_A = Φ + 2Φ[Σᵢⱼ Wᵢⱼ (Qᵢⱼ − PᵢΦPⱼ)]Φ over the variance parameters θ (no second-derivative term: V is linear in
 * θ = (σ_subject² [, σ_session²], σ²)), and the scaled
 * F statistic λF ~ F(ℓ, m) with λ and m from matching the first two moments. For one contrast, m equals the
 * Satterthwaite df and λ = 1; only the standard error changes.
 */
import { bilinear, invertSpd, matMul, traceOfProduct } from './denseMatrix.js';
import { fSf, studentTQuantile, studentTTwoSidedP } from './distributions.js';
import { restrictToKept, type ContrastResult, type RandomInterceptFit, type WaldFTest } from './linearMixedModel.js';

/** Φ_A over the kept columns; Φ itself when the variance parameters have no covariance (not identifiable). */
export function adjustedCovariance(fit: RandomInterceptFit): Float64Array {
  const w = fit.varianceParameterCovariance;
  const phi = fit.covariance;
  if (!w) return phi;
  const p = fit.keptColumns.length;
  const { p: pm, q: qm } = fit.krTerms;
  const k = pm.length;
  const inner = new Float64Array(p * p);
  for (let i = 0; i < k; i++) {
    const piPhi = matMul(pm[i]!, phi, p);
    for (let j = 0; j < k; j++) {
      const wij = w[i * k + j]!;
      const piPhiPj = matMul(piPhi, pm[j]!, p);
      const qij = qm[i]![j]!;
      for (let e = 0; e < p * p; e++) inner[e] += wij * (qij[e]! - piPhiPj[e]!);
    }
  }
  const correction = matMul(matMul(phi, inner, p), phi, p);
  return phi.map((v, k) => v + 2 * correction[k]!);
}

/** Denominator df m and scale λ for the hypothesis rows L (over kept columns, full row rank). */
function kenwardRogerDf(fit: RandomInterceptFit, rows: Float64Array[]): { m: number; lambda: number } | null {
  const w = fit.varianceParameterCovariance;
  const q = rows.length;
  const p = fit.keptColumns.length;
  if (!w) return { m: fit.nObservations - p, lambda: 1 };
  const phi = fit.covariance;
  const lPhiL = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) lPhiL[a * q + b] = bilinear(rows[a]!, phi, rows[b]!, p);
  const inverted = invertSpd(lPhiL, q);
  if (!inverted) return null;
  // Θ = Lᵀ (LΦLᵀ)⁻¹ L
  const theta = new Float64Array(p * p);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) {
      const c = inverted.inverse[a * q + b]!;
      for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) theta[r * p + s] += c * rows[a]![r]! * rows[b]![s]!;
    }
  const thetaPhi = matMul(theta, phi, p);
  const terms = fit.krTerms.p.map((pi) => matMul(matMul(thetaPhi, pi, p), phi, p));
  const k = terms.length;
  let a1 = 0;
  let a2 = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const wij = w[i * k + j]!;
      a1 += wij * trace(terms[i]!, p) * trace(terms[j]!, p);
      a2 += wij * traceOfProduct(terms[i]!, terms[j]!, p);
    }
  const b = (a1 + 6 * a2) / (2 * q);
  const g = ((q + 1) * a1 - (q + 4) * a2) / ((q + 2) * a2);
  const denominator = 3 * q + 2 * (1 - g);
  const c1 = g / denominator;
  const c2 = (q - g) / denominator;
  const c3 = (q + 2 - g) / denominator;
  const eStar = 1 / (1 - a2 / q);
  const vStar = ((2 / q) * (1 + c1 * b)) / ((1 - c2 * b) ** 2 * (1 - c3 * b));
  const rho = vStar / (2 * eStar * eStar);
  const m = 4 + (q + 2) / (q * rho - 1);
  const lambda = m / (eStar * (m - 2));
  if (!(m > 0 && Number.isFinite(m) && lambda > 0 && Number.isFinite(lambda))) return null;
  return { m, lambda };
}

function trace(a: Float64Array, p: number): number {
  let s = 0;
  for (let i = 0; i < p; i++) s += a[i * p + i]!;
  return s;
}

/** Joint test of L·β = 0 (rows over all design columns) by the Kenward–Roger scaled F. */
export function kenwardRogerFTest(fit: RandomInterceptFit, rows: ArrayLike<number>[]): WaldFTest | null {
  const restricted: Float64Array[] = [];
  for (const row of rows) {
    const l = restrictToKept(fit, row);
    if (!l) return null;
    restricted.push(l);
  }
  const q = restricted.length;
  if (q === 0) return null;
  const df = kenwardRogerDf(fit, restricted);
  if (!df) return null;
  const p = fit.keptColumns.length;
  const phiA = adjustedCovariance(fit);
  const lPhiAL = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) lPhiAL[a * q + b] = bilinear(restricted[a]!, phiA, restricted[b]!, p);
  const inverted = invertSpd(lPhiAL, q);
  if (!inverted) return null;
  const lb = Float64Array.from(restricted, (l) => fit.keptColumns.reduce((s, j, k) => s + l[k]! * fit.beta[j]!, 0));
  const F = (df.lambda * bilinear(lb, inverted.inverse, lb, q)) / q;
  return { numDf: q, denDf: df.m, F, p: fSf(F, q, df.m) };
}

/** One linear combination with the Kenward–Roger standard error and df. */
export function kenwardRogerContrast(fit: RandomInterceptFit, weights: ArrayLike<number>, confidence = 0.95): ContrastResult | null {
  const l = restrictToKept(fit, weights);
  if (!l) return null;
  const df = kenwardRogerDf(fit, [l]);
  if (!df) return null;
  const p = fit.keptColumns.length;
  const estimate = fit.keptColumns.reduce((s, j, k) => s + l[k]! * fit.beta[j]!, 0);
  const se = Math.sqrt(Math.max(bilinear(l, adjustedCovariance(fit), l, p), 0));
  const t = estimate / se;
  const half = studentTQuantile(0.5 + confidence / 2, df.m) * se;
  return { estimate, se, df: df.m, t, p: studentTTwoSidedP(t, df.m), ciLow: estimate - half, ciHigh: estimate + half };
}
