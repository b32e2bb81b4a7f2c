/**
 * Everything the df approximations need about the variance parameters θ of a random-intercept model, where
 * V = Σₖ θₖ Dₖ with Dₖ one of 11ᵀ within subject, 11ᵀ within session, or I (residual):
 *   Pₖ = XᵀV⁻¹DₖV⁻¹X,  Qⱼₖ = XᵀV⁻¹DⱼV⁻¹DₖV⁻¹X,  ∂C/∂θₖ = C Pₖ C  (C = Cov β̂ = (XᵀV⁻¹X)⁻¹),
 * and the expected REML information ½ tr(P Dⱼ P Dₖ) = ½ [tr(V⁻¹DⱼV⁻¹Dₖ) − 2 tr(C Qⱼₖ) + tr(C Pⱼ C Pₖ)]
 * (P here the REML projection). V is block-diagonal by subject, so each term is a sum of small dense
 * per-subject products; this runs once per fit.
 */
import { matMul, traceOfProduct } from './denseMatrix.js';

export type VarianceParameter = 'subject' | 'session' | 'residual';

export interface VarianceInformation {
  /** ∂C/∂θₖ (p × p), one per parameter. */
  gradients: Float64Array[];
  /** Expected REML information of θ (k × k). */
  information: Float64Array;
  p: Float64Array[];
  q: Float64Array[][];
}

export interface RandomStructure {
  subjects: ArrayLike<number>;
  sessions: ArrayLike<number>;
  subjectVariance: number;
  sessionVariance: number;
  residualVariance: number;
}

export function varianceInformation(
  columns: Float64Array[],
  structure: RandomStructure,
  covariance: Float64Array,
  parameters: VarianceParameter[],
): VarianceInformation {
  const p = columns.length;
  const k = parameters.length;
  const pm = parameters.map(() => new Float64Array(p * p));
  const qm = parameters.map(() => parameters.map(() => new Float64Array(p * p)));
  const t = new Float64Array(k * k);
  for (const rows of rowsBySubject(structure.subjects)) {
    const n = rows.length;
    const sessionOf = rows.map((i) => structure.sessions[i]!);
    const w = inverseBlock(sessionOf, structure);
    const x = new Float64Array(n * p);
    rows.forEach((i, a) => columns.forEach((c, b) => (x[a * p + b] = c[i]!)));
    const r = rectangularProduct(w, x, n, n, p);
    const m = parameters.map((kind) => applyStructure(kind, sessionOf, r, p));
    const wm = m.map((mk) => rectangularProduct(w, mk, n, n, p));
    // W Dₖ = (Dₖ W)ᵀ; only traces of products are needed, so keep Dₖ W and transpose inside the trace
    const dw = parameters.map((kind) => applyStructure(kind, sessionOf, w, n));
    for (let a = 0; a < k; a++) {
      accumulate(pm[a]!, transposeProduct(r, m[a]!, n, p, p));
      for (let b = 0; b < k; b++) {
        accumulate(qm[a]![b]!, transposeProduct(m[a]!, wm[b]!, n, p, p));
        t[a * k + b] += traceOfProduct(dw[a]!, dw[b]!, n);
      }
    }
  }
  const cp = pm.map((pk) => matMul(covariance, pk, p));
  const gradients = cp.map((cpk) => matMul(cpk, covariance, p));
  const information = new Float64Array(k * k);
  for (let a = 0; a < k; a++)
    for (let b = 0; b < k; b++) {
      information[a * k + b] =
        0.5 * (t[a * k + b]! - 2 * traceOfProduct(covariance, qm[a]![b]!, p) + traceOfProduct(cp[a]!, cp[b]!, p));
    }
  return { gradients, information, p: pm, q: qm };
}

function rowsBySubject(subjects: ArrayLike<number>): number[][] {
  const map = new Map<number, number[]>();
  for (let i = 0; i < subjects.length; i++) {
    const list = map.get(subjects[i]!) ?? [];
    list.push(i);
    map.set(subjects[i]!, list);
  }
  return [...map.values()];
}

/** Vᵢ⁻¹ for one subject from the closed form of Hᵢ⁻¹ (see remlProfile.ts), divided by σ². */
function inverseBlock(sessionOf: number[], s: RandomStructure): Float64Array {
  const n = sessionOf.length;
  const gammaSubject = s.subjectVariance / s.residualVariance;
  const gammaSession = s.sessionVariance / s.residualVariance;
  const counts = new Map<number, number>();
  for (const j of sessionOf) counts.set(j, (counts.get(j) ?? 0) + 1);
  const e = sessionOf.map((j) => 1 / (1 + counts.get(j)! * gammaSession));
  const total = [...counts.values()].reduce((acc, nj) => acc + nj / (1 + nj * gammaSession), 0);
  const d = gammaSubject / (1 + gammaSubject * total);
  const w = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const sameSession = sessionOf[a] === sessionOf[b] ? gammaSession * e[a]! : 0;
      w[a * n + b] = ((a === b ? 1 : 0) - sameSession - d * e[a]! * e[b]!) / s.residualVariance;
    }
  return w;
}

/** Dₖ B for an n × m matrix B: column sums over the subject, over each row's session, or B itself. */
function applyStructure(kind: VarianceParameter, sessionOf: number[], b: Float64Array, m: number): Float64Array {
  if (kind === 'residual') return b;
  const n = sessionOf.length;
  const out = new Float64Array(n * m);
  for (let a = 0; a < n; a++)
    for (let c = 0; c < n; c++) {
      if (kind === 'session' && sessionOf[a] !== sessionOf[c]) continue;
      for (let col = 0; col < m; col++) out[a * m + col] += b[c * m + col]!;
    }
  return out;
}

/** A B for A (r × s) and B (s × m). */
function rectangularProduct(a: Float64Array, b: Float64Array, r: number, s: number, m: number): Float64Array {
  const out = new Float64Array(r * m);
  for (let i = 0; i < r; i++)
    for (let k = 0; k < s; k++) {
      const aik = a[i * s + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aik * b[k * m + j]!;
    }
  return out;
}

/** Aᵀ B for A (n × r) and B (n × m). */
function transposeProduct(a: Float64Array, b: Float64Array, n: number, r: number, m: number): Float64Array {
  const out = new Float64Array(r * m);
  for (let k = 0; k < n; k++)
    for (let i = 0; i < r; i++) {
      const aki = a[k * r + i]!;
      if (aki === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aki * b[k * m + j]!;
    }
  return out;
}

function accumulate(target: Float64Array, add: Float64Array): void {
  for (let i = 0; i < target.length; i++) target[i] += add[i]!;
}
