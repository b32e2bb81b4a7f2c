import type { SpectralLines } from '../basis/simulateFragment.js';

/**
 * Several fragments' lines in one Float64Array, so a worker can move them back in a single buffer: per fragment
 * the line count L, then L frequencies, L real and L imaginary amplitudes.
 */
export function packSpectralLines(parts: readonly SpectralLines[]): Float64Array {
  const packed = new Float64Array(parts.reduce((total, p) => total + 1 + 3 * p.frequencyHz.length, 0));
  let offset = 0;
  for (const { frequencyHz, amplitudeRe, amplitudeIm } of parts) {
    const count = frequencyHz.length;
    packed[offset++] = count;
    for (const values of [frequencyHz, amplitudeRe, amplitudeIm]) {
      packed.set(values, offset);
      offset += count;
    }
  }
  return packed;
}

/** The fragments' lines as views into `packed` (no copy). */
export function unpackSpectralLines(packed: Float64Array): SpectralLines[] {
  const parts: SpectralLines[] = [];
  let offset = 0;
  while (offset < packed.length) {
    const count = packed[offset++];
    const take = () => packed.subarray(offset, (offset += count));
    parts.push({ frequencyHz: take(), amplitudeRe: take(), amplitudeIm: take() });
  }
  return parts;
}
