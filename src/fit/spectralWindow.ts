import { fidToSpectrum, spectrumToFid } from '../dsp/fft.js';

/**
 * A band of spectrum bins around the fitted range, turned back into a shorter FID. Multiplying that FID by
 * a lineshape/shift modulation and transforming it gives the same bins as doing so at full bandwidth
 * (up to circular wrap within the band, negligible with the margin chosen here), at a fraction of the FFT
 * cost: the fitting loop transforms `points` samples instead of the full FID.
 */
export interface SpectralWindow {
  /** First full-spectrum bin of the band. */
  firstBin: number;
  /** Bins in the band (power of two), also the length of the windowed FID. */
  points: number;
  /** Sample spacing of the windowed FID (same total duration as the full FID). */
  dwellTimeS: number;
}

/** Smallest power-of-two band at least twice the fitted range (half of it as margin), centred on it. */
export function spectralWindowFor(points: number, dwellTimeS: number, firstIndex: number, lastIndex: number): SpectralWindow {
  let size = 64;
  while (size < 2 * (lastIndex - firstIndex + 1) && size < points) size *= 2;
  size = Math.min(size, points);
  const centre = Math.round((firstIndex + lastIndex + 1) / 2);
  const firstBin = Math.max(0, Math.min(points - size, centre - size / 2));
  return { firstBin, points: size, dwellTimeS: (dwellTimeS * points) / size };
}

/** The band of `fid`'s spectrum as a windowed FID (fidToSpectrum of it returns exactly those bins). */
export function windowedFid(fid: Float64Array, window: SpectralWindow): Float64Array {
  const spectrum = fidToSpectrum(fid);
  return spectrumToFid(spectrum.slice(2 * window.firstBin, 2 * (window.firstBin + window.points)));
}

const cache = new WeakMap<readonly Float64Array[], Map<string, Float64Array[]>>();

/** `windowedFid` of every FID in a set, cached per set (by identity) and window. */
export function windowedFids(fids: readonly Float64Array[], window: SpectralWindow): Float64Array[] {
  const key = `${window.firstBin}:${window.points}`;
  let byWindow = cache.get(fids);
  if (!byWindow) {
    byWindow = new Map();
    cache.set(fids, byWindow);
  }
  let out = byWindow.get(key);
  if (!out) {
    out = fids.map((fid) => windowedFid(fid, window));
    byWindow.set(key, out);
  }
  return out;
}
