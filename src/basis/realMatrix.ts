/** Dense real square matrices, row-major Float64Array. Only what the spin propagation needs. */

export function multiply(a: Float64Array, b: Float64Array, n: number, out = new Float64Array(n * n)): Float64Array {
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const rowOut = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      const rowB = k * n;
      for (let j = 0; j < n; j++) out[rowOut + j] += aik * b[rowB + j];
    }
  }
  return out;
}

export function transpose(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = a[i * n + j];
  return out;
}

/** Uᵀ·A·U: A expressed in the basis of U's columns. */
export function toBasis(a: Float64Array, u: Float64Array, n: number): Float64Array {
  return multiply(transpose(u, n), multiply(a, u, n), n);
}

/** P·A·Pᵀ. */
export function conjugateBy(p: Float64Array, a: Float64Array, pTransposed: Float64Array, n: number): Float64Array {
  return multiply(multiply(p, a, n), pTransposed, n);
}
