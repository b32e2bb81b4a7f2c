/**
 * Eigenvalues of a small dense complex (non-Hermitian) matrix: Householder reduction to Hessenberg
 * form, then single-shift QR iterations with Wilkinson shifts and deflation.
 */

/** `matrix` is n×n row-major interleaved complex; returns the n eigenvalues interleaved (re, im). */
export function complexEigenvalues(matrix: Float64Array, n: number): Float64Array {
  const re = new Float64Array(n * n);
  const im = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) {
    re[i] = matrix[2 * i];
    im[i] = matrix[2 * i + 1];
  }
  reduceToHessenberg(re, im, n);
  return hessenbergQr(re, im, n);
}

function reduceToHessenberg(re: Float64Array, im: Float64Array, n: number): void {
  const vr = new Float64Array(n);
  const vi = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let norm = 0;
    for (let i = k + 1; i < n; i++) norm += re[i * n + k] ** 2 + im[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    const x0r = re[(k + 1) * n + k];
    const x0i = im[(k + 1) * n + k];
    const x0abs = Math.hypot(x0r, x0i);
    // alpha = −e^{i·arg x0}·‖x‖ so that v = x − alpha·e1 avoids cancellation
    const pr = x0abs > 0 ? x0r / x0abs : 1;
    const pi = x0abs > 0 ? x0i / x0abs : 0;
    for (let i = k + 1; i < n; i++) {
      vr[i] = re[i * n + k];
      vi[i] = im[i * n + k];
    }
    vr[k + 1] += pr * norm;
    vi[k + 1] += pi * norm;
    let vnorm = 0;
    for (let i = k + 1; i < n; i++) vnorm += vr[i] ** 2 + vi[i] ** 2;
    vnorm = Math.sqrt(vnorm);
    for (let i = k + 1; i < n; i++) {
      vr[i] /= vnorm;
      vi[i] /= vnorm;
    }
    // A ← (I − 2vvᴴ)·A on rows k+1.., then A ← A·(I − 2vvᴴ) on columns k+1..
    for (let j = 0; j < n; j++) {
      let sr = 0;
      let si = 0;
      for (let i = k + 1; i < n; i++) {
        // conj(v_i)·a_ij
        sr += vr[i] * re[i * n + j] + vi[i] * im[i * n + j];
        si += vr[i] * im[i * n + j] - vi[i] * re[i * n + j];
      }
      for (let i = k + 1; i < n; i++) {
        re[i * n + j] -= 2 * (vr[i] * sr - vi[i] * si);
        im[i * n + j] -= 2 * (vr[i] * si + vi[i] * sr);
      }
    }
    for (let i = 0; i < n; i++) {
      let sr = 0;
      let si = 0;
      for (let j = k + 1; j < n; j++) {
        // a_ij·v_j
        sr += re[i * n + j] * vr[j] - im[i * n + j] * vi[j];
        si += re[i * n + j] * vi[j] + im[i * n + j] * vr[j];
      }
      for (let j = k + 1; j < n; j++) {
        // −2·s·conj(v_j)
        re[i * n + j] -= 2 * (sr * vr[j] + si * vi[j]);
        im[i * n + j] -= 2 * (si * vr[j] - sr * vi[j]);
      }
    }
    for (let i = k + 2; i < n; i++) {
      re[i * n + k] = 0;
      im[i * n + k] = 0;
    }
  }
}

const EPS = 2.220446049250313e-16;
const MAX_ITERATIONS_PER_EIGENVALUE = 100;

function hessenbergQr(re: Float64Array, im: Float64Array, n: number): Float64Array {
  const values = new Float64Array(2 * n);
  const cs = new Float64Array(n);
  const sr = new Float64Array(n);
  const si = new Float64Array(n);
  let hi = n - 1;
  let iterations = 0;
  const abs = (i: number, j: number): number => Math.hypot(re[i * n + j], im[i * n + j]);
  while (hi >= 0) {
    if (hi === 0) {
      values[0] = re[0];
      values[1] = im[0];
      break;
    }
    let lo = hi;
    while (lo > 0 && abs(lo, lo - 1) > EPS * (abs(lo, lo) + abs(lo - 1, lo - 1))) lo--;
    if (lo === hi || iterations > MAX_ITERATIONS_PER_EIGENVALUE) {
      values[2 * hi] = re[hi * n + hi];
      values[2 * hi + 1] = im[hi * n + hi];
      hi--;
      iterations = 0;
      continue;
    }
    iterations++;
    const [mur, mui] = iterations % 11 === 10 ? exceptionalShift(re, im, n, hi) : wilkinsonShift(re, im, n, hi);
    for (let i = lo; i <= hi; i++) {
      re[i * n + i] -= mur;
      im[i * n + i] -= mui;
    }
    // QR by Givens rotations G_k = [[c, s], [−conj(s), c]] zeroing the subdiagonal
    for (let k = lo; k < hi; k++) {
      const ar = re[k * n + k];
      const ai = im[k * n + k];
      const br = re[(k + 1) * n + k];
      const bi = im[(k + 1) * n + k];
      const aAbs = Math.hypot(ar, ai);
      const r = Math.hypot(aAbs, Math.hypot(br, bi));
      if (r === 0) {
        cs[k] = 1;
        sr[k] = 0;
        si[k] = 0;
        continue;
      }
      const ur = aAbs > 0 ? ar / aAbs : 1;
      const ui = aAbs > 0 ? ai / aAbs : 0;
      cs[k] = aAbs / r;
      // s = (a/|a|)·conj(b)/r
      sr[k] = (ur * br + ui * bi) / r;
      si[k] = (ui * br - ur * bi) / r;
      for (let j = k; j <= hi; j++) {
        const xr = re[k * n + j];
        const xi = im[k * n + j];
        const yr = re[(k + 1) * n + j];
        const yi = im[(k + 1) * n + j];
        re[k * n + j] = cs[k] * xr + (sr[k] * yr - si[k] * yi);
        im[k * n + j] = cs[k] * xi + (sr[k] * yi + si[k] * yr);
        // −conj(s)·x + c·y
        re[(k + 1) * n + j] = -(sr[k] * xr + si[k] * xi) + cs[k] * yr;
        im[(k + 1) * n + j] = -(sr[k] * xi - si[k] * xr) + cs[k] * yi;
      }
    }
    // RQ: multiply by G_kᴴ = [[c, −s], [conj(s), c]] from the right
    for (let k = lo; k < hi; k++) {
      const last = Math.min(k + 2, hi);
      for (let i = lo; i <= last; i++) {
        const xr = re[i * n + k];
        const xi = im[i * n + k];
        const yr = re[i * n + k + 1];
        const yi = im[i * n + k + 1];
        // x·c + y·conj(s)
        re[i * n + k] = cs[k] * xr + (yr * sr[k] + yi * si[k]);
        im[i * n + k] = cs[k] * xi + (yi * sr[k] - yr * si[k]);
        // −x·s + y·c
        re[i * n + k + 1] = -(xr * sr[k] - xi * si[k]) + cs[k] * yr;
        im[i * n + k + 1] = -(xr * si[k] + xi * sr[k]) + cs[k] * yi;
      }
    }
    for (let i = lo; i <= hi; i++) {
      re[i * n + i] += mur;
      im[i * n + i] += mui;
    }
  }
  return values;
}

/** Eigenvalue of the trailing 2×2 block closer to its last diagonal entry. */
function wilkinsonShift(re: Float64Array, im: Float64Array, n: number, hi: number): [number, number] {
  const a: [number, number] = [re[(hi - 1) * n + hi - 1], im[(hi - 1) * n + hi - 1]];
  const b: [number, number] = [re[(hi - 1) * n + hi], im[(hi - 1) * n + hi]];
  const c: [number, number] = [re[hi * n + hi - 1], im[hi * n + hi - 1]];
  const d: [number, number] = [re[hi * n + hi], im[hi * n + hi]];
  // eigenvalues m ± sqrt(((a−d)/2)² + b·c), m = (a + d)/2
  const hr = (a[0] - d[0]) / 2;
  const hiPart = (a[1] - d[1]) / 2;
  const discR = hr * hr - hiPart * hiPart + (b[0] * c[0] - b[1] * c[1]);
  const discI = 2 * hr * hiPart + (b[0] * c[1] + b[1] * c[0]);
  const [rootR, rootI] = complexSqrt(discR, discI);
  const mr = (a[0] + d[0]) / 2;
  const mi = (a[1] + d[1]) / 2;
  const first: [number, number] = [mr + rootR, mi + rootI];
  const second: [number, number] = [mr - rootR, mi - rootI];
  const dist = (z: [number, number]) => Math.hypot(z[0] - d[0], z[1] - d[1]);
  return dist(first) < dist(second) ? first : second;
}

/** An off-beat shift that breaks the rare cycles of the plain Wilkinson shift. */
function exceptionalShift(re: Float64Array, im: Float64Array, n: number, hi: number): [number, number] {
  const scale = Math.hypot(re[hi * n + hi - 1], im[hi * n + hi - 1]);
  return [re[hi * n + hi] + 0.75 * scale, im[hi * n + hi] + 0.4375 * scale];
}

function complexSqrt(x: number, y: number): [number, number] {
  const r = Math.hypot(x, y);
  const a = Math.sqrt((r + x) / 2);
  const b = Math.sqrt(Math.max(0, (r - x) / 2));
  return [a, y < 0 ? -b : b];
}
