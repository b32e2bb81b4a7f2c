import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { zeroFill } from '../../src/dsp/fidOps.js';
import { ppmAxis } from '../../src/dsp/ppm.js';
import type { MrsData } from '../../src/types/mrsData.js';
import { fidAt } from '../../src/types/mrsData.js';
import { InputFileError } from '../../src/util/errors.js';

/** The shared read-only test data, next to the repository. */
export const DATA_ROOT = fileURLToPath(new URL('../../../shared/mrs-data/', import.meta.url));

export function dataPath(relative: string): string {
  return DATA_ROOT + relative;
}

/** ppm of the largest spectral magnitude of FID `index` within [lowPpm, highPpm]. */
export function peakPpm(mrs: MrsData, lowPpm: number, highPpm: number, index = 0): number {
  let n = 1;
  while (n < mrs.points) n *= 2;
  const spectrum = fidToSpectrum(zeroFill(fidAt(mrs, index), n));
  const axis = ppmAxis({ points: n, dwellTimeS: mrs.dwellTimeS, spectrometerFrequencyMHz: mrs.spectrometerFrequencyMHz });
  let best = -1;
  let bestPpm = NaN;
  for (let k = 0; k < n; k++) {
    if (axis[k] < lowPpm || axis[k] > highPpm) continue;
    const magnitude = Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]);
    if (magnitude > best) {
      best = magnitude;
      bestPpm = axis[k];
    }
  }
  return bestPpm;
}

/** max |a − b| / max |b| over interleaved complex arrays of equal length. */
export function relativeDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

export function conjugate(x: Float64Array): Float64Array {
  const out = Float64Array.from(x);
  for (let i = 1; i < out.length; i += 2) out[i] = -out[i];
  return out;
}

/** Run `read` and return the InputFileError it throws (fails the test if it returns or throws anything else). */
export function inputErrorOf(read: () => unknown): InputFileError {
  try {
    read();
  } catch (err) {
    if (err instanceof InputFileError) return err;
    throw new Error(`expected InputFileError, got ${String(err)}`);
  }
  throw new Error('expected InputFileError, but the read succeeded');
}

/** Deterministic pseudo-random bytes (xorshift) for garbage-input tests. */
export function garbageBytes(length: number, seed = 12345): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * How much more NAA-like signal sits at 1.9–2.1 ppm than at its mirror image about 4.65 ppm
 * (7.2–7.4 ppm), from the mean of all FIDs. Peaks are measured above the local floor (±0.3 ppm) so the
 * water tail does not count. > 1 means the sign convention is right.
 */
export function naaOverMirror(mrs: MrsData): number {
  const count = mrs.data.length / (2 * mrs.points);
  const mean = new Float64Array(2 * mrs.points);
  for (let f = 0; f < count; f++) for (let i = 0; i < mean.length; i++) mean[i] += mrs.data[f * mean.length + i];
  let n = 1;
  while (n < mrs.points) n *= 2;
  const spectrum = fidToSpectrum(zeroFill(mean, n));
  const axis = ppmAxis({ points: n, dwellTimeS: mrs.dwellTimeS, spectrometerFrequencyMHz: mrs.spectrometerFrequencyMHz });
  const magnitude = (k: number) => Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]);
  const prominence = (low: number, high: number): number => {
    let best = 0;
    for (let k = 0; k < n; k++) {
      if (axis[k] < low || axis[k] > high) continue;
      let floor = Infinity;
      for (let j = 0; j < n; j++) if (Math.abs(axis[j] - axis[k]) < 0.3) floor = Math.min(floor, magnitude(j));
      best = Math.max(best, magnitude(k) - floor);
    }
    return best;
  };
  return prominence(1.9, 2.1) / prominence(7.2, 7.4);
}

/** Files in a data folder (relative to DATA_ROOT) whose names match `pattern`. */
export function dataFiles(folder: string, pattern: RegExp): string[] {
  return readdirSync(dataPath(folder))
    .filter((f) => pattern.test(f))
    .sort()
    .map((f) => `${folder}/${f}`);
}
