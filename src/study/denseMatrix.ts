/** Small dense symmetric-matrix helpers (row-major Float64Array, n × n) for the mixed-model algebra. */

/** Inverse and log-determinant of a symmetric positive-definite matrix, or null when it is not. */
export function invertSpd(a: Float64Array, n: number): { inverse: Float64Array; logDet: number } | null {
  const l = new Float64Array(n * n);
  let logDet = 0;
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j]!;
    for (let k = 0; k < j; k++) diag -= l[j * n + k]! * l[j * n + k]!;
    if (!(diag > 1e-13 * Math.abs(a[j * n + j]!)) || !Number.isFinite(diag)) return null;
    const ljj = Math.sqrt(diag);
    l[j * n + j] = ljj;
    logDet += 2 * Math.log(ljj);
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / ljj;
    }
  }
  // invert L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹
  const linv = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    linv[j * n + j] = 1 / l[j * n + j]!;
    for (let i = j + 1; i < n; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= l[i * n + k]! * linv[k * n + j]!;
      linv[i * n + j] = s / l[i * n + i]!;
    }
  }
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += linv[k * n + i]! * linv[k * n + j]!;
      inverse[i * n + j] = s;
      inverse[j * n + i] = s;
    }
  }
  return { inverse, logDet };
}

/** y = A x for an n × n matrix. */
export function matVec(a: Float64Array, x: Float64Array, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += a[i * n + k]! * x[k]!;
    y[i] = s;
  }
  return y;
}

/** xᵀ A y. */
export function bilinear(x: Float64Array, a: Float64Array, y: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let k = 0; k < n; k++) row += a[i * n + k]! * y[k]!;
    s += x[i]! * row;
  }
  return s;
}

/** A B for n × n matrices. */
export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j]!;
    }
  }
  return c;
}

/** tr(A B) for n × n matrices. */
export function traceOfProduct(a: Float64Array, b: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) s += a[i * n + k]! * b[k * n + i]!;
  return s;
}
