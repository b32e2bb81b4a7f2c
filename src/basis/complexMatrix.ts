/**
 * Dense complex square matrices as separate real and imaginary row-major Float64Arrays: only the operations
 * the shaped-pulse propagation needs, each written for its sparsity (spin-local rotations, M blocks).
 */
export interface ComplexMatrix {
  re: Float64Array;
  im: Float64Array;
}

/** A block of a block-diagonal complex matrix: rows/columns `indices`, entries m×m row-major. */
export interface ComplexBlock {
  indices: Int32Array;
  re: Float64Array;
  im: Float64Array;
}

export function complexIdentity(n: number): ComplexMatrix {
  const re = new Float64Array(n * n);
  for (let i = 0; i < n; i++) re[i * n + i] = 1;
  return { re, im: new Float64Array(n * n) };
}

/**
 * W ← (1 ⊗ … ⊗ r_k ⊗ … ⊗ 1)·W for every spin k in turn, in place; r_k is a 2×2 complex matrix given as 8 numbers
 * at `rotations[8k]` acting on bit k of the state index (bit set = β).
 */
export function applySpinRotationsLeft(w: ComplexMatrix, rotations: Float64Array, spins: number): void {
  const n = 1 << spins;
  const { re, im } = w;
  for (let k = 0; k < spins; k++) {
    const bit = 1 << k;
    const o = 8 * k;
    const r00 = rotations[o], i00 = rotations[o + 1], r01 = rotations[o + 2], i01 = rotations[o + 3];
    const r10 = rotations[o + 4], i10 = rotations[o + 5], r11 = rotations[o + 6], i11 = rotations[o + 7];
    for (let a = 0; a < n; a++) {
      if (a & bit) continue;
      const rowA = a * n;
      const rowB = (a | bit) * n;
      for (let c = 0; c < n; c++) {
        const xr = re[rowA + c], xi = im[rowA + c];
        const yr = re[rowB + c], yi = im[rowB + c];
        re[rowA + c] = r00 * xr - i00 * xi + r01 * yr - i01 * yi;
        im[rowA + c] = r00 * xi + i00 * xr + r01 * yi + i01 * yr;
        re[rowB + c] = r10 * xr - i10 * xi + r11 * yr - i11 * yi;
        im[rowB + c] = r10 * xi + i10 * xr + r11 * yi + i11 * yr;
      }
    }
  }
}

/**
 * W ← B·W for a block-diagonal B, in place; `scratch` must hold at least (largest block)·n numbers twice.
 * Source rows are taken four at a time, which quarters the passes over the accumulating output row (the cost here).
 */
export function applyBlocksLeft(w: ComplexMatrix, blocks: readonly ComplexBlock[], n: number, scratch: ComplexMatrix): void {
  const { re, im } = w;
  const tr = scratch.re;
  const ti = scratch.im;
  for (const block of blocks) {
    const m = block.indices.length;
    for (let i = 0; i < m; i++) {
      const out = i * n;
      tr.fill(0, out, out + n);
      ti.fill(0, out, out + n);
      let j = 0;
      for (; j + 3 < m; j += 4) {
        const k = i * m + j;
        const ar = block.re[k], ai = block.im[k], br = block.re[k + 1], bi = block.im[k + 1];
        const cr = block.re[k + 2], ci = block.im[k + 2], dr = block.re[k + 3], di = block.im[k + 3];
        const rowA = block.indices[j] * n, rowB = block.indices[j + 1] * n;
        const rowC = block.indices[j + 2] * n, rowD = block.indices[j + 3] * n;
        for (let c = 0; c < n; c++) {
          const xr = re[rowA + c], xi = im[rowA + c], yr = re[rowB + c], yi = im[rowB + c];
          const ur = re[rowC + c], ui = im[rowC + c], vr = re[rowD + c], vi = im[rowD + c];
          tr[out + c] += ar * xr - ai * xi + br * yr - bi * yi + cr * ur - ci * ui + dr * vr - di * vi;
          ti[out + c] += ar * xi + ai * xr + br * yi + bi * yr + cr * ui + ci * ur + dr * vi + di * vr;
        }
      }
      for (; j + 1 < m; j += 2) {
        const ar = block.re[i * m + j], ai = block.im[i * m + j];
        const br = block.re[i * m + j + 1], bi = block.im[i * m + j + 1];
        const rowA = block.indices[j] * n;
        const rowB = block.indices[j + 1] * n;
        for (let c = 0; c < n; c++) {
          const xr = re[rowA + c], xi = im[rowA + c];
          const yr = re[rowB + c], yi = im[rowB + c];
          tr[out + c] += ar * xr - ai * xi + br * yr - bi * yi;
          ti[out + c] += ar * xi + ai * xr + br * yi + bi * yr;
        }
      }
      if (j < m) {
        const ar = block.re[i * m + j], ai = block.im[i * m + j];
        const rowA = block.indices[j] * n;
        for (let c = 0; c < n; c++) {
          const xr = re[rowA + c], xi = im[rowA + c];
          tr[out + c] += ar * xr - ai * xi;
          ti[out + c] += ar * xi + ai * xr;
        }
      }
    }
    for (let i = 0; i < m; i++) {
      const row = block.indices[i] * n;
      re.set(tr.subarray(i * n, i * n + n), row);
      im.set(ti.subarray(i * n, i * n + n), row);
    }
  }
}

/** Vᵀ·A·V for a real V (zeros skipped, so block-diagonal V is cheap). */
export function realSimilarity(a: ComplexMatrix, v: Float64Array, n: number): ComplexMatrix {
  const half = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  // half = A·V
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const ar = a.re[i * n + k];
      const ai = a.im[i * n + k];
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < n; j++) {
        const vkj = v[k * n + j];
        if (vkj === 0) continue;
        half.re[i * n + j] += ar * vkj;
        half.im[i * n + j] += ai * vkj;
      }
    }
  }
  // out = Vᵀ·half
  const out = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const vki = v[k * n + i];
      if (vki === 0) continue;
      for (let j = 0; j < n; j++) {
        out.re[i * n + j] += vki * half.re[k * n + j];
        out.im[i * n + j] += vki * half.im[k * n + j];
      }
    }
  }
  return out;
}

/** Aᵀ·B (plain transpose, not conjugate). */
export function transposeTimes(a: ComplexMatrix, b: ComplexMatrix, n: number): ComplexMatrix {
  const out = { re: new Float64Array(n * n), im: new Float64Array(n * n) };
  for (let k = 0; k < n; k++) {
    const rowK = k * n;
    for (let i = 0; i < n; i++) {
      const ar = a.re[rowK + i];
      const ai = a.im[rowK + i];
      if (ar === 0 && ai === 0) continue;
      const rowOut = i * n;
      for (let j = 0; j < n; j++) {
        const br = b.re[rowK + j];
        const bi = b.im[rowK + j];
        out.re[rowOut + j] += ar * br - ai * bi;
        out.im[rowOut + j] += ar * bi + ai * br;
      }
    }
  }
  return out;
}
