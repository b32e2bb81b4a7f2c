import FFT from 'fft.js';

/**
 * Forward DFT (X_k = Σ x_n e^{−2πikn/N}) of interleaved complex data of any length: fft.js for powers
 * of two, Bluestein's chirp-z (a convolution done with power-of-two FFTs) otherwise.
 */
export function dft(input: Float64Array): Float64Array {
  const n = input.length / 2;
  const out = new Float64Array(2 * n);
  if (isPowerOfTwo(n)) {
    new FFT(n).transform(out, input);
    return out;
  }
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  // chirp w_j = e^{+iπ j²/N}; j² taken mod 2N keeps the angle accurate for large j
  const chirpRe = new Float64Array(n);
  const chirpIm = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const angle = (Math.PI * ((j * j) % (2 * n))) / n;
    chirpRe[j] = Math.cos(angle);
    chirpIm[j] = Math.sin(angle);
  }
  const a = new Float64Array(2 * m);
  const b = new Float64Array(2 * m);
  for (let j = 0; j < n; j++) {
    const xr = input[2 * j];
    const xi = input[2 * j + 1];
    a[2 * j] = xr * chirpRe[j] + xi * chirpIm[j]; // x · conj(w)
    a[2 * j + 1] = xi * chirpRe[j] - xr * chirpIm[j];
    b[2 * j] = chirpRe[j];
    b[2 * j + 1] = chirpIm[j];
    if (j > 0) {
      b[2 * (m - j)] = chirpRe[j];
      b[2 * (m - j) + 1] = chirpIm[j];
    }
  }
  const fft = new FFT(m);
  const fa = new Float64Array(2 * m);
  const fb = new Float64Array(2 * m);
  fft.transform(fa, a);
  fft.transform(fb, b);
  for (let k = 0; k < m; k++) {
    const re = fa[2 * k] * fb[2 * k] - fa[2 * k + 1] * fb[2 * k + 1];
    const im = fa[2 * k] * fb[2 * k + 1] + fa[2 * k + 1] * fb[2 * k];
    fa[2 * k] = re;
    fa[2 * k + 1] = im;
  }
  const conv = new Float64Array(2 * m);
  fft.inverseTransform(conv, fa);
  for (let k = 0; k < n; k++) {
    const cr = conv[2 * k];
    const ci = conv[2 * k + 1];
    out[2 * k] = cr * chirpRe[k] + ci * chirpIm[k]; // · conj(w_k)
    out[2 * k + 1] = ci * chirpRe[k] - cr * chirpIm[k];
  }
  return out;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 2 && (n & (n - 1)) === 0;
}
