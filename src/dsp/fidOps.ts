/** Elementary operations on one interleaved complex FID. All return new arrays unless named `InPlace`. */

/** Multiply by exp(i·(phase0Rad + 2π·shiftHz·t)): a zero-order phase and a frequency shift. */
export function shiftAndPhaseInPlace(fid: Float64Array, dwellTimeS: number, shiftHz: number, phase0Rad: number): void {
  const points = fid.length / 2;
  const step = 2 * Math.PI * shiftHz * dwellTimeS;
  // rotate by recurrence, re-seeding every 64 points to keep rounding error negligible
  let c = Math.cos(phase0Rad);
  let s = Math.sin(phase0Rad);
  const dc = Math.cos(step);
  const ds = Math.sin(step);
  for (let n = 0; n < points; n++) {
    if ((n & 63) === 0) {
      c = Math.cos(phase0Rad + step * n);
      s = Math.sin(phase0Rad + step * n);
    }
    const re = fid[2 * n];
    const im = fid[2 * n + 1];
    fid[2 * n] = re * c - im * s;
    fid[2 * n + 1] = re * s + im * c;
    const c2 = c * dc - s * ds;
    s = c * ds + s * dc;
    c = c2;
  }
}

/** Exponential (Lorentzian) line broadening by `broadeningHz` (FWHM added). */
export function apodizeExponentialInPlace(fid: Float64Array, dwellTimeS: number, broadeningHz: number): void {
  const points = fid.length / 2;
  const k = Math.PI * broadeningHz * dwellTimeS;
  for (let n = 0; n < points; n++) {
    const w = Math.exp(-k * n);
    fid[2 * n] *= w;
    fid[2 * n + 1] *= w;
  }
}

/** Mean of several FIDs of equal length. */
export function averageFids(fids: readonly Float64Array[]): Float64Array {
  if (fids.length === 0) throw new RangeError('averageFids needs at least one FID');
  const out = new Float64Array(fids[0].length);
  for (const fid of fids) for (let i = 0; i < out.length; i++) out[i] += fid[i];
  for (let i = 0; i < out.length; i++) out[i] /= fids.length;
  return out;
}

/** Zero-fill to `points` complex points. */
/** The smallest power of two ≥ n (the FFT's lengths). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

export function zeroFill(fid: Float64Array, points: number): Float64Array {
  const out = new Float64Array(2 * points);
  out.set(fid.subarray(0, Math.min(fid.length, 2 * points)));
  return out;
}

/** Phase of the first `count` points (default all), unwrapped along time. */
export function unwrappedPhase(fid: Float64Array, count = fid.length / 2): Float64Array {
  const phase = new Float64Array(count);
  let previous = 0;
  let offset = 0;
  for (let n = 0; n < count; n++) {
    const raw = Math.atan2(fid[2 * n + 1], fid[2 * n]);
    if (n > 0) offset -= 2 * Math.PI * Math.round((raw + offset - previous) / (2 * Math.PI));
    phase[n] = raw + offset;
    previous = phase[n];
  }
  return phase;
}
