import { METABOLITE_COMBINATIONS } from '../combinations.js';

/**
 * A reported measure as a weighted sum of fitted components (a component itself, or a combination such as
 * Glx = Glu + Gln); its betas are Σ_j w_j·β_j and its covariances follow from the component covariance.
 */
export interface Measure {
  name: string;
  weights: Map<number, number>;
}

/** Every component, then each combination with at least one part present (unless a component has its name). */
export function measuresOf(componentNames: string[]): Measure[] {
  const measures: Measure[] = componentNames.map((name, j) => ({ name, weights: new Map([[j, 1]]) }));
  for (const { name, parts } of METABOLITE_COMBINATIONS) {
    if (componentNames.includes(name)) continue;
    const indices = parts.map((part) => componentNames.indexOf(part)).filter((j) => j >= 0);
    if (indices.length > 0) measures.push({ name, weights: new Map(indices.map((j) => [j, 1])) });
  }
  return measures;
}

/** Betas and covariance of the component betas (index j·p + r), for measure arithmetic. */
export class BetaAlgebra {
  constructor(
    private readonly betas: Float64Array,
    private readonly covariance: Float64Array,
    private readonly componentCount: number,
    readonly regressorCount: number,
  ) {}

  /** β of a measure (p values). */
  betasOf(measure: Measure): Float64Array {
    const p = this.regressorCount;
    const out = new Float64Array(p);
    for (const [j, w] of measure.weights) for (let r = 0; r < p; r++) out[r] += w * this.betas[j * p + r];
    return out;
  }

  /** Cov(β_a, β_b), p×p row-major. */
  crossCovariance(a: Measure, b: Measure): Float64Array {
    const p = this.regressorCount;
    const size = this.componentCount * p;
    const out = new Float64Array(p * p);
    for (const [j, wj] of a.weights) {
      for (const [k, wk] of b.weights) {
        for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) out[r * p + s] += wj * wk * this.covariance[(j * p + r) * size + k * p + s];
      }
    }
    return out;
  }

  /** The blocks of the joint covariance of a ratio a/b's numerator and denominator betas. */
  ratioCovariance(a: Measure, b: Measure): RatioCovariance {
    return { numerator: this.crossCovariance(a, a), denominator: this.crossCovariance(b, b), cross: this.crossCovariance(a, b) };
  }
}

/** gᵀ·C·h for p-vectors g, h and p×p C. */
export function quadraticForm(g: Float64Array, c: Float64Array, h: Float64Array): number {
  const p = g.length;
  let s = 0;
  for (let r = 0; r < p; r++) {
    if (g[r] === 0) continue;
    for (let q = 0; q < p; q++) s += g[r] * c[r * p + q] * h[q];
  }
  return s;
}

export function dotVectors(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

/** A value with its delta-method SD. */
export interface Estimate {
  value: number;
  sd: number;
}

/**
 * Level of a measure at design row x (xᵀβ), and its % change from the level at row x0:
 * 100·(xᵀβ / x0ᵀβ − 1), SD by the delta method.
 */
export function levelAndChange(
  beta: Float64Array,
  covariance: Float64Array,
  x: Float64Array,
  x0: Float64Array,
): { level: Estimate; percentChange: Estimate } {
  const level = dotVectors(x, beta);
  const reference = dotVectors(x0, beta);
  const gradient = new Float64Array(beta.length);
  for (let r = 0; r < beta.length; r++) gradient[r] = (100 * (x[r] - (level / reference) * x0[r])) / reference;
  return {
    level: { value: level, sd: Math.sqrt(Math.max(quadraticForm(x, covariance, x), 0)) },
    percentChange: { value: 100 * (level / reference - 1), sd: Math.sqrt(Math.max(quadraticForm(gradient, covariance, gradient), 0)) },
  };
}

/** The blocks of the joint covariance of a ratio's numerator and denominator betas. */
export interface RatioCovariance {
  numerator: Float64Array;
  denominator: Float64Array;
  cross: Float64Array;
}

function jointVariance(ga: Float64Array, gb: Float64Array, c: RatioCovariance): number {
  return Math.max(quadraticForm(ga, c.numerator, ga) + 2 * quadraticForm(ga, c.cross, gb) + quadraticForm(gb, c.denominator, gb), 0);
}

/**
 * A ratio of two measures at design row x, R(x) = xᵀβa / xᵀβb; its difference from R(x0) and its % change
 * 100·(R(x)/R(x0) − 1), all with delta-method SDs from the joint covariance.
 */
export function ratioAndChange(
  betaA: Float64Array,
  betaB: Float64Array,
  covariance: RatioCovariance,
  x: Float64Array,
  x0: Float64Array,
): { ratio: Estimate; difference: Estimate; percentChange: Estimate } {
  const p = betaA.length;
  const a = dotVectors(x, betaA);
  const b = dotVectors(x, betaB);
  const a0 = dotVectors(x0, betaA);
  const b0 = dotVectors(x0, betaB);
  const ratio = a / b;
  const ratio0 = a0 / b0;
  // ∂R/∂βa = x/b, ∂R/∂βb = −a·x/b²
  const ratioGradient = (row: Float64Array, num: number, den: number): [Float64Array, Float64Array] => [
    Float64Array.from(row, (v) => v / den),
    Float64Array.from(row, (v) => (-num * v) / (den * den)),
  ];
  const [ga, gb] = ratioGradient(x, a, b);
  const [ga0, gb0] = ratioGradient(x0, a0, b0);
  const dA = Float64Array.from({ length: p }, (_, r) => ga[r] - ga0[r]);
  const dB = Float64Array.from({ length: p }, (_, r) => gb[r] - gb0[r]);
  // % change through its logarithm: ∂/∂βa = x/a − x0/a0, ∂/∂βb = −x/b + x0/b0, times 100·R/R0
  const factor = (100 * ratio) / ratio0;
  const pA = Float64Array.from({ length: p }, (_, r) => factor * (x[r] / a - x0[r] / a0));
  const pB = Float64Array.from({ length: p }, (_, r) => factor * (-x[r] / b + x0[r] / b0));
  return {
    ratio: { value: ratio, sd: Math.sqrt(jointVariance(ga, gb, covariance)) },
    difference: { value: ratio - ratio0, sd: Math.sqrt(jointVariance(dA, dB, covariance)) },
    percentChange: { value: 100 * (ratio / ratio0 - 1), sd: Math.sqrt(jointVariance(pA, pB, covariance)) },
  };
}
