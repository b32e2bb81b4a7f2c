import { fidCount, type MrsData } from '../types/mrsData.js';
import { DataError } from '../util/errors.js';

/** Relative dwell-time difference still counted as the same sampling (header rounding). */
const DWELL_TOLERANCE = 1e-4;

/**
 * The water reference with the metabolite data's number of points: its tail truncated or zero-filled. Only
 * its first points matter (t = 0 amplitude for mM, the early phase for eddy-current correction), so this
 * loses nothing. Throws a DataError naming `file` when the two are sampled at different dwell times.
 */
export function waterOnDataPoints(water: MrsData, data: MrsData, file: string): MrsData {
  if (Math.abs(water.dwellTimeS - data.dwellTimeS) > DWELL_TOLERANCE * data.dwellTimeS) {
    throw new DataError(
      `${file}: water reference sampled every ${water.dwellTimeS} s, the metabolite data every ${data.dwellTimeS} s; ` +
        'give a water reference acquired with the same spectral width',
    );
  }
  if (water.points === data.points) return water;
  const count = fidCount(water);
  const from = 2 * water.points;
  const to = 2 * data.points;
  const out = new Float64Array(count * to);
  for (let k = 0; k < count; k++) out.set(water.data.subarray(k * from, k * from + Math.min(from, to)), k * to);
  const step = {
    method: water.points > data.points ? 'Truncation' : 'Zero-filling',
    details: `water reference from ${water.points} to ${data.points} points to match the metabolite data`,
    program: 'glutrace',
  };
  return {
    ...water,
    data: out,
    points: data.points,
    provenance: { ...water.provenance, processingApplied: [...water.provenance.processingApplied, step] },
  };
}
