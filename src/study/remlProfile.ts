/**
 * The REML criterion of the random-intercept models, with σ² profiled out, evaluated from per-session sufficient
 * statistics. With ratios γ = (σ_subject²/σ², σ_session²/σ²), subject i's block of V/σ² is
 *   Hᵢ = Aᵢ + γ_subject 11ᵀ,  Aᵢ = blockdiag_j(I + γ_session 11ᵀ),
 * so Aᵢ⁻¹ = blockdiag(I − c_j 11ᵀ) with c_j = γ_session/(1 + n_j γ_session), Aᵢ⁻¹1 = e_j 1 with
 * e_j = 1/(1 + n_j γ_session), and Sherman–Morrison gives Hᵢ⁻¹ = Aᵢ⁻¹ − dᵢ Aᵢ⁻¹11ᵀAᵢ⁻¹, dᵢ = γ_subject/(1 + γ_subject sᵢ),
 * sᵢ = Σ_j n_j e_j; |Hᵢ| = Π_j(1 + n_j γ_session) · (1 + γ_subject sᵢ). One evaluation costs O(sessions · p²).
 * The subject-only model is γ_session = 0.
 */
import { invertSpd, matVec } from './denseMatrix.js';

/** Sums over one session's observations of the kept design columns x and the response y. */
export interface SessionSums {
  n: number;
  xtx: Float64Array;
  xt1: Float64Array;
  xty: Float64Array;
  sumY: number;
  sumY2: number;
}

export interface SubjectSums {
  sessions: SessionSums[];
  n: number;
}

export interface ProfiledReml {
  /** Σ log|Hᵢ| + log|XᵀH⁻¹X| + (N − p) log(rᵀH⁻¹r), i.e. −2 log REML likelihood up to a constant. */
  deviance: number;
  beta: Float64Array;
  /** rᵀH⁻¹r; σ̂² = weightedRss / (N − p). */
  weightedRss: number;
  xtHinvXInverse: Float64Array;
}

/** Groups observations by subject, then by session within subject (a subject's sessions are its distinct labels). */
export function nestedSums(
  y: ArrayLike<number>,
  columns: Float64Array[],
  subjects: ArrayLike<number>,
  sessions: ArrayLike<number>,
): SubjectSums[] {
  const p = columns.length;
  const bySubject = new Map<number, Map<number, SessionSums>>();
  for (let i = 0; i < y.length; i++) {
    const subject = bySubject.get(subjects[i]!) ?? new Map<number, SessionSums>();
    bySubject.set(subjects[i]!, subject);
    let g = subject.get(sessions[i]!);
    if (!g) {
      g = { n: 0, xtx: new Float64Array(p * p), xt1: new Float64Array(p), xty: new Float64Array(p), sumY: 0, sumY2: 0 };
      subject.set(sessions[i]!, g);
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
  return [...bySubject.values()].map((m) => {
    const list = [...m.values()];
    return { sessions: list, n: list.reduce((s, g) => s + g.n, 0) };
  });
}

export function profileReml(
  sums: SubjectSums[],
  p: number,
  residualDf: number,
  subjectRatio: number,
  sessionRatio: number,
): ProfiledReml {
  const xtHx = new Float64Array(p * p);
  const xtHy = new Float64Array(p);
  const ux = new Float64Array(p);
  let ytHy = 0;
  let logDetH = 0;
  for (const subject of sums) {
    let s = 0;
    let uy = 0;
    ux.fill(0);
    for (const g of subject.sessions) {
      const e = 1 / (1 + g.n * sessionRatio);
      const c = sessionRatio * e;
      logDetH += Math.log1p(g.n * sessionRatio);
      ytHy += g.sumY2 - c * g.sumY * g.sumY;
      s += g.n * e;
      uy += e * g.sumY;
      for (let a = 0; a < p; a++) {
        xtHy[a] += g.xty[a]! - c * g.xt1[a]! * g.sumY;
        ux[a] += e * g.xt1[a]!;
        const cxa = c * g.xt1[a]!;
        for (let b = a; b < p; b++) xtHx[a * p + b] += g.xtx[a * p + b]! - cxa * g.xt1[b]!;
      }
    }
    const d = subjectRatio / (1 + subjectRatio * s);
    logDetH += Math.log1p(subjectRatio * s);
    ytHy -= d * uy * uy;
    for (let a = 0; a < p; a++) {
      xtHy[a] -= d * ux[a]! * uy;
      const dxa = d * ux[a]!;
      for (let b = a; b < p; b++) xtHx[a * p + b] -= dxa * ux[b]!;
    }
  }
  // only the upper triangle was accumulated
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtHx[a * p + b] = xtHx[b * p + a]!;
  const inverted = invertSpd(xtHx, p);
  if (!inverted) throw new RangeError('mixed model: fixed-effects matrix is singular');
  const beta = matVec(inverted.inverse, xtHy, p);
  let fitted = 0;
  for (let a = 0; a < p; a++) fitted += beta[a]! * xtHy[a]!;
  const weightedRss = Math.max(ytHy - fitted, 1e-300 * Math.max(ytHy, 1));
  const deviance = logDetH + inverted.logDet + residualDf * Math.log(weightedRss);
  return { deviance, beta, weightedRss, xtHinvXInverse: inverted.inverse };
}
