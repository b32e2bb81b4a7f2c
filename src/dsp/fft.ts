import FFT from 'fft.js';

/** One fft.js instance and scratch buffer per size: the hot path allocates nothing but its output. */
const transforms = new Map<number, { fft: FFT; scratch: Float64Array }>();

function transformFor(points: number): { fft: FFT; scratch: Float64Array } {
  let entry = transforms.get(points);
  if (!entry) {
    if (points < 2 || (points & (points - 1)) !== 0) {
      throw new RangeError(`FFT size must be a power of two, got ${points}`);
    }
    entry = { fft: new FFT(points), scratch: new Float64Array(2 * points) };
    transforms.set(points, entry);
  }
  return entry;
}

/**
 * Spectrum of an FID: forward FFT then fftshift, so index 0 is −SW/2 and frequency rises with index
 * (ppm rises with index too, NIfTI-MRS convention). The first point is halved to avoid a baseline offset.
 */
export function fidToSpectrum(fid: Float64Array, out = new Float64Array(fid.length)): Float64Array {
  const points = fid.length / 2;
  const { fft, scratch } = transformFor(points);
  scratch.set(fid);
  scratch[0] *= 0.5;
  scratch[1] *= 0.5;
  fft.transform(out, scratch);
  fftShiftInPlace(out);
  return out;
}

/** Inverse of `fidToSpectrum` (undoes the shift, the transform and the halved first point). */
export function spectrumToFid(spectrum: Float64Array, out = new Float64Array(spectrum.length)): Float64Array {
  const points = spectrum.length / 2;
  const { fft, scratch } = transformFor(points);
  scratch.set(spectrum);
  fftShiftInPlace(scratch);
  fft.inverseTransform(out, scratch);
  out[0] *= 2;
  out[1] *= 2;
  return out;
}

/** Plain forward DFT of interleaved complex data into `out` (no shift, no first-point scaling). */
export function forwardFft(data: Float64Array, out: Float64Array): void {
  transformFor(data.length / 2).fft.transform(out, data);
}

/** Swap halves of an interleaved complex array (fftshift and ifftshift coincide for even sizes). */
export function fftShiftInPlace(x: Float64Array): void {
  const half = x.length / 2;
  for (let i = 0; i < half; i++) {
    const t = x[i];
    x[i] = x[i + half];
    x[i + half] = t;
  }
}
