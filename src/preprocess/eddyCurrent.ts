/**
 * Eddy-current correction (Klose 1990): the unsuppressed water reference from the same voxel and
 * gradients carries the eddy-current phase φ(t); removing the water's phase point by point from the
 * metabolite FID removes it there too.
 */
import { unwrappedPhase } from '../dsp/fidOps.js';
import type { SpectralGrid } from '../dsp/ppm.js';
import type { ProcessingStep } from '../types/mrsData.js';
import { DataError } from '../util/errors.js';

export interface EddyCurrentOptions {
  /**
   * Keep the water's own frequency offset (a straight line fitted to its unwrapped phase over the first
   * part of the FID), so only the non-linear eddy-current phase is removed and the ppm axis stays put.
   * Default false: classic Klose, which also moves water to 0 Hz (4.65 ppm).
   */
  keepWaterFrequency?: boolean;
}

export interface EddyCurrentResult {
  fid: Float64Array;
  /** Phase removed at each time point, radians (unwrapped). */
  phaseRad: Float64Array;
  step: ProcessingStep;
}

export function eddyCurrentCorrect(
  fid: Float64Array,
  water: Float64Array,
  grid: SpectralGrid,
  options: EddyCurrentOptions = {},
): EddyCurrentResult {
  if (water.length !== fid.length) {
    throw new DataError(`eddy-current reference has ${water.length / 2} points, the data ${fid.length / 2}`);
  }
  const points = fid.length / 2;
  const phaseRad = unwrappedPhase(water);
  if (options.keepWaterFrequency) {
    const [slope, intercept] = phaseLine(phaseRad, water, grid);
    for (let n = 0; n < points; n++) phaseRad[n] -= intercept + slope * n * grid.dwellTimeS;
  }
  const out = new Float64Array(fid.length);
  for (let n = 0; n < points; n++) {
    const c = Math.cos(phaseRad[n]);
    const s = Math.sin(phaseRad[n]);
    // multiply by exp(−iφ)
    out[2 * n] = fid[2 * n] * c + fid[2 * n + 1] * s;
    out[2 * n + 1] = fid[2 * n + 1] * c - fid[2 * n] * s;
  }
  return {
    fid: out,
    phaseRad,
    step: {
      method: 'Eddy current correction',
      details: `Klose: water reference phase removed point by point${options.keepWaterFrequency ? ' (water frequency offset kept)' : ''}`,
      program: 'glutrace',
    },
  };
}

/**
 * Straight line (rad/s, rad) through the phase, weighted by |water|² and restricted to points whose
 * magnitude exceeds 10% of the first point's (later points are noise).
 */
function phaseLine(phaseRad: Float64Array, water: Float64Array, grid: SpectralGrid): [number, number] {
  const limit = 0.1 * Math.hypot(water[0], water[1]);
  let sw = 0;
  let st = 0;
  let sp = 0;
  let stt = 0;
  let stp = 0;
  for (let n = 0; n < phaseRad.length; n++) {
    const w = water[2 * n] ** 2 + water[2 * n + 1] ** 2;
    if (Math.sqrt(w) < limit) break;
    const t = n * grid.dwellTimeS;
    sw += w;
    st += w * t;
    sp += w * phaseRad[n];
    stt += w * t * t;
    stp += w * t * phaseRad[n];
  }
  const denominator = sw * stt - st * st;
  if (!(denominator > 0)) return [0, sw > 0 ? sp / sw : 0];
  const slope = (sw * stp - st * sp) / denominator;
  return [slope, (sp - slope * st) / sw];
}
