import { choleskyFactor, choleskySolve } from './linearAlgebra.js';

/**
 * Lawson–Hanson active-set solver for min ½‖A·x − y‖² with x_j ≥ 0 where `nonNegative[j]` is 1 and x_j
 * free otherwise, working on the normal equations (gram = AᵀA, rhs = Aᵀy). One instance per problem size:
 * all buffers are allocated once so the nonlinear fitting loop that calls `solve` allocates nothing.
 */
export class NonNegativeLeastSquares {
  readonly n: number;
  /** 1 where the variable is in the passive (non-clamped) set after `solve`. */
  readonly passive: Uint8Array;
  private readonly subGram: Float64Array;
  private readonly subFactor: Float64Array;
  private readonly subRhs: Float64Array;
  private readonly candidate: Float64Array;
  private readonly index: Int32Array;
  /** Variables in the latest `solvePassive` (its set: index[0…factoredCount−1], factor: subFactor). */
  private factoredCount = 0;
  private solvedBefore = false;

  constructor(n: number) {
    this.n = n;
    this.passive = new Uint8Array(n);
    this.subGram = new Float64Array(n * n);
    this.subFactor = new Float64Array(n * n);
    this.subRhs = new Float64Array(n);
    this.candidate = new Float64Array(n);
    this.index = new Int32Array(n);
  }

  /** Solve into `x`; returns the number of outer iterations used. */
  solve(gram: Float64Array, rhs: Float64Array, nonNegative: Uint8Array, x: Float64Array): number {
    const { n, passive, candidate } = this;
    let scale = 0;
    for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(rhs[j]), Math.abs(gram[j * n + j]));
    const tolerance = 1e-12 * Math.max(scale, 1e-300);
    // warm start: inside a nonlinear fit the passive set rarely changes between calls, and when the
    // previous set still gives a feasible solution the active-set loop below only has to confirm it
    let warm = this.solvedBefore;
    if (warm) {
      for (let j = 0; j < n; j++) if (!nonNegative[j]) passive[j] = 1;
      this.solvePassive(gram, rhs, candidate);
      for (let j = 0; j < n; j++) if (passive[j] && nonNegative[j] && !(candidate[j] > 0)) warm = false;
    }
    if (!warm) {
      // cold: when the unconstrained solution is already feasible it is the answer (the loop below would add
      // the variables one by one and end with that same passive set and solve), else start from all clamped
      passive.fill(1);
      this.solvePassive(gram, rhs, candidate);
      let feasible = true;
      for (let j = 0; j < n; j++) if (nonNegative[j] && !(candidate[j] > 0)) feasible = false;
      if (!feasible) {
        for (let j = 0; j < n; j++) passive[j] = nonNegative[j] ? 0 : 1;
        this.solvePassive(gram, rhs, candidate);
      }
    }
    this.solvedBefore = true;
    for (let j = 0; j < n; j++) x[j] = candidate[j];

    const maxOuter = 3 * n + 10;
    let outer = 0;
    for (; outer < maxOuter; outer++) {
      // most positive gradient component among clamped variables
      let best = -1;
      let bestGradient = tolerance;
      for (let j = 0; j < n; j++) {
        if (passive[j]) continue;
        let gradient = rhs[j];
        for (let k = 0; k < n; k++) gradient -= gram[j * n + k] * x[k];
        if (gradient > bestGradient) {
          bestGradient = gradient;
          best = j;
        }
      }
      if (best < 0) break;
      passive[best] = 1;
      for (let inner = 0; inner < 3 * n + 10; inner++) {
        this.solvePassive(gram, rhs, candidate);
        let alpha = 1;
        let blocked = false;
        for (let j = 0; j < n; j++) {
          if (passive[j] && nonNegative[j] && candidate[j] <= 0) {
            blocked = true;
            const denominator = x[j] - candidate[j];
            const a = denominator > 0 ? x[j] / denominator : 0;
            if (a < alpha) alpha = a;
          }
        }
        if (!blocked) {
          for (let j = 0; j < n; j++) x[j] = candidate[j];
          break;
        }
        for (let j = 0; j < n; j++) {
          x[j] += alpha * (candidate[j] - x[j]);
          if (passive[j] && nonNegative[j] && x[j] <= tolerance * 1e-3) {
            passive[j] = 0;
            x[j] = 0;
          }
        }
      }
    }
    return outer;
  }

  /**
   * Cholesky factor (row-major m×m) of `gram` restricted to `indices` (ascending, m of them) from the latest
   * solve, when its last factorisation was of exactly that set; else null. Callers projecting onto the
   * passive columns at the solution reuse it instead of factoring the same matrix again.
   */
  factorOf(indices: Int32Array, m: number): Float64Array | null {
    if (m === 0 || m !== this.factoredCount) return null;
    for (let a = 0; a < m; a++) if (indices[a] !== this.index[a]) return null;
    return this.subFactor;
  }

  /** Least-squares solution restricted to the passive set (zero elsewhere). */
  private solvePassive(gram: Float64Array, rhs: Float64Array, out: Float64Array): void {
    const { n, passive, index, subGram, subFactor, subRhs } = this;
    let m = 0;
    for (let j = 0; j < n; j++) if (passive[j]) index[m++] = j;
    for (let a = 0; a < m; a++) {
      subRhs[a] = rhs[index[a]];
      for (let b = 0; b < m; b++) subGram[a * m + b] = gram[index[a] * n + index[b]];
    }
    out.fill(0);
    this.factoredCount = m;
    if (m === 0) return;
    choleskyFactor(subGram, m, subFactor);
    choleskySolve(subFactor, m, subRhs, subRhs);
    for (let a = 0; a < m; a++) out[index[a]] = subRhs[a];
  }
}
