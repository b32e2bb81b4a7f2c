/**
 * Leading left singular vectors of the L×M Hankel matrix H[i][j] = x[i + j] by Golub–Kahan–Lanczos
 * bidiagonalisation with full reorthogonalisation. H is never formed: H·v and Hᴴ·u are correlations
 * computed by FFT, so the cost is O(steps · N log N) instead of a dense SVD's O(N³).
 */
import { forwardFft } from '../../dsp/fft.js';
import { symmetricEigen } from '../../linalg/symmetricEigen.js';

export interface HankelSvd {
  /** Left singular vectors as columns of an L×K row-major interleaved complex matrix. */
  u: Float64Array;
  singularValues: Float64Array;
  rows: number;
  rank: number;
}

export function hankelLeadingSvd(x: Float64Array, rows: number, rank: number, steps = Math.min(rows, rank + 15)): HankelSvd {
  const n = x.length / 2;
  const cols = n - rows + 1;
  const operator = new HankelOperator(x, rows, cols);
  const k = Math.min(steps, rows, cols);
  const us: Float64Array[] = [];
  const vs: Float64Array[] = [];
  const alpha = new Float64Array(k);
  const beta = new Float64Array(k);

  // deterministic start vector: every column weighted equally
  let v: Float64Array = new Float64Array(2 * cols);
  for (let j = 0; j < cols; j++) v[2 * j] = 1 / Math.sqrt(cols);
  for (let j = 0; j < k; j++) {
    vs.push(v);
    const p = operator.apply(v);
    if (j > 0) axpy(p, -beta[j - 1], us[j - 1]);
    reorthogonalise(p, us);
    alpha[j] = norm(p);
    if (alpha[j] === 0) break;
    scale(p, 1 / alpha[j]);
    us.push(p);
    if (j === k - 1) break;
    const r = operator.applyAdjoint(p);
    axpy(r, -alpha[j], v);
    reorthogonalise(r, vs);
    beta[j] = norm(r);
    if (beta[j] === 0) break;
    scale(r, 1 / beta[j]);
    v = r;
  }

  // B (upper bidiagonal, real) = X·Σ·Yᵀ; H's left vectors ≈ U·X, from the eigenvectors of B·Bᵀ
  const m = us.length;
  const bbt = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    bbt[i * m + i] = alpha[i] ** 2 + (i < m - 1 ? beta[i] ** 2 : 0);
    if (i < m - 1) {
      bbt[i * m + i + 1] = beta[i] * alpha[i + 1];
      bbt[(i + 1) * m + i] = beta[i] * alpha[i + 1];
    }
  }
  const { values, vectors } = symmetricEigen(bbt, m);
  const kept = Math.min(rank, m);
  const u = new Float64Array(2 * rows * kept);
  for (let c = 0; c < kept; c++) {
    for (let i = 0; i < m; i++) {
      const w = vectors[i * m + c];
      const ui = us[i];
      for (let r = 0; r < rows; r++) {
        u[2 * (r * kept + c)] += w * ui[2 * r];
        u[2 * (r * kept + c) + 1] += w * ui[2 * r + 1];
      }
    }
  }
  return {
    u,
    singularValues: Float64Array.from(values.subarray(0, kept), (s) => Math.sqrt(Math.max(0, s))),
    rows,
    rank: kept,
  };
}

/** H·v and Hᴴ·u through one zero-padded FFT of x and circular correlation. */
class HankelOperator {
  private readonly size: number;
  private readonly xHat: Float64Array;
  private readonly buffer: Float64Array;
  private readonly product: Float64Array;

  constructor(
    x: Float64Array,
    private readonly rows: number,
    private readonly cols: number,
  ) {
    const n = x.length / 2;
    let size = 2;
    while (size < n + Math.max(rows, cols)) size *= 2;
    this.size = size;
    const padded = new Float64Array(2 * size);
    padded.set(x);
    this.xHat = new Float64Array(2 * size);
    forwardFft(padded, this.xHat);
    this.buffer = new Float64Array(2 * size);
    this.product = new Float64Array(2 * size);
  }

  /** y_i = Σ_j x[i + j]·v_j, i < rows. */
  apply(v: Float64Array): Float64Array {
    return this.correlate(v, this.cols, this.rows, false);
  }

  /** z_j = Σ_i conj(x[i + j])·u_i = conj(Σ_i x[i + j]·conj(u_i)), j < cols. */
  applyAdjoint(u: Float64Array): Float64Array {
    return this.correlate(u, this.rows, this.cols, true);
  }

  /** out_i = Σ_j x[i + j]·w_j (w conjugated first and the result conjugated when `adjoint`). */
  private correlate(w: Float64Array, inLength: number, outLength: number, adjoint: boolean): Float64Array {
    const { size, buffer, product, xHat } = this;
    buffer.fill(0);
    // reversed input r_k = w_{inLength−1−k}: then (x ⊛ r)[i + inLength − 1] = Σ_j x[i + j]·w_j
    for (let k = 0; k < inLength; k++) {
      const j = inLength - 1 - k;
      buffer[2 * k] = w[2 * j];
      buffer[2 * k + 1] = adjoint ? -w[2 * j + 1] : w[2 * j + 1];
    }
    forwardFft(buffer, product);
    // multiply spectra, conjugate, forward FFT again = size·conj(inverse FFT)
    for (let k = 0; k < size; k++) {
      const ar = xHat[2 * k];
      const ai = xHat[2 * k + 1];
      const br = product[2 * k];
      const bi = product[2 * k + 1];
      buffer[2 * k] = ar * br - ai * bi;
      buffer[2 * k + 1] = -(ar * bi + ai * br);
    }
    forwardFft(buffer, product);
    const out = new Float64Array(2 * outLength);
    for (let i = 0; i < outLength; i++) {
      const index = i + inLength - 1;
      out[2 * i] = product[2 * index] / size;
      const im = -product[2 * index + 1] / size;
      out[2 * i + 1] = adjoint ? -im : im;
    }
    return out;
  }
}

function norm(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

function scale(a: Float64Array, factor: number): void {
  for (let i = 0; i < a.length; i++) a[i] *= factor;
}

/** a += factor·b (real factor). */
function axpy(a: Float64Array, factor: number, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] += factor * b[i];
}

/** Remove from `a` its components along each (orthonormal) vector in `basis`. */
/** One classical Gram–Schmidt pass per step keeps the Lanczos vectors orthogonal to working precision here. */
const REORTHOGONALISATION_PASSES = 1;

function reorthogonalise(a: Float64Array, basis: readonly Float64Array[]): void {
  for (let pass = 0; pass < REORTHOGONALISATION_PASSES; pass++) {
    for (const q of basis) {
      let dr = 0;
      let di = 0;
      for (let i = 0; i < a.length; i += 2) {
        // qᴴ·a
        dr += q[i] * a[i] + q[i + 1] * a[i + 1];
        di += q[i] * a[i + 1] - q[i + 1] * a[i];
      }
      for (let i = 0; i < a.length; i += 2) {
        a[i] -= dr * q[i] - di * q[i + 1];
        a[i + 1] -= dr * q[i + 1] + di * q[i];
      }
    }
  }
}
