import type { FitGrid } from '../fit/fitOptions.js';
import { MAX_WATER_DOMINANCE, waterDominance } from '../fit/fitQc.js';
import { readMrsFile, type ReadMrsFileOptions } from '../io/readMrsFile.js';
import { fidCount, type MrsData } from '../types/mrsData.js';
import { DataError, InputFileError } from '../util/errors.js';

/** Relative frequency difference beyond which a water reference is from another field (1 %, as for bases). */
const FREQUENCY_TOLERANCE = 0.01;
/** Relative dwell-time difference still counted as the same sampling (header rounding). */
const DWELL_TOLERANCE = 1e-4;

/**
 * The water reference with the metabolite data's number of points: its tail truncated or zero-filled. Only
 * its first points matter (t = 0 amplitude for mM, the early phase for eddy-current correction), so this
 * loses nothing. Throws a DataError naming `file` when the two come from different fields or are sampled at
 * different dwell times.
 */
export function waterOnDataPoints(water: MrsData, data: MrsData, file: string): MrsData {
  if (Math.abs(water.spectrometerFrequencyMHz / data.spectrometerFrequencyMHz - 1) > FREQUENCY_TOLERANCE) {
    throw new DataError(
      `${file}: water reference acquired at ${water.spectrometerFrequencyMHz.toFixed(3)} MHz, the metabolite data at ` +
        `${data.spectrometerFrequencyMHz.toFixed(3)} MHz; give the water reference of the same scan session`,
    );
  }
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

/**
 * Refuses a water reference that is not an unsuppressed water scan (a water-suppressed file given by mistake
 * would wreck the eddy-current correction and the mM scale): its water line must stand above the tallest
 * metabolite line as in an unsuppressed scan (fitQc.waterDominance, the same dividing line).
 */
export function assertUnsuppressedWater(waterFid: Float64Array, grid: Pick<FitGrid, 'points' | 'dwellTimeS' | 'spectrometerFrequencyMHz'>, file: string): void {
  const dominance = waterDominance(waterFid, grid);
  if (!(dominance > MAX_WATER_DOMINANCE)) {
    throw new DataError(
      `${file}: not an unsuppressed water reference (its water line is ${dominance.toFixed(1)}× the tallest metabolite line, ` +
        `over ${MAX_WATER_DOMINANCE}× in a water reference); was a water-suppressed scan given as the water?`,
    );
  }
}

/** A GE PROBE P-file's own unsuppressed reference frames, or null when the file is not one or holds none. */
export function builtInWaterReference(path: string, metabolite: MrsData, read: ReadMrsFileOptions = {}): MrsData | null {
  if (metabolite.provenance.format !== 'ge-pfile') return null;
  try {
    return readMrsFile(path, { ...read, geFrames: 'water' });
  } catch (error) {
    // the metabolite frames of this file were just read, so the only failure left is "no reference frames"
    if (error instanceof InputFileError) return null;
    throw error;
  }
}
