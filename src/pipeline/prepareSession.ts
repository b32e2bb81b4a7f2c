import type { FitGrid } from '../fit/fitOptions.js';
import { readMrsFile } from '../io/readMrsFile.js';
import { zeroFillToPowerOfTwo } from '../preprocess/fidFilters.js';
import { combineCoilsWithWater } from '../preprocess/coilCombination.js';
import { eddyCurrentCorrect } from '../preprocess/eddyCurrent.js';
import { applyLineshapeCorrection, deconvolutionStep, lineshapeCorrection } from '../preprocess/referenceDeconvolution.js';
import { frequencyDriftRange, measureLinewidthHz, WATER_PPM_RANGE } from '../preprocess/qc.js';
import { rejectBadTransients, type RejectedTransient } from '../preprocess/transientRejection.js';
import { assertUnsuppressedWater, builtInWaterReference, waterOnDataPoints } from './waterReference.js';
import { transientTiming, type TransientTiming } from '../timecourse/windows.js';
import type { SessionAcquisition } from '../types/acquisition.js';
import { fidCount, type MrsData, type ProcessingStep } from '../types/mrsData.js';
import { DataError } from '../util/errors.js';
import { alignSession, type SessionAlignment } from './alignSession.js';
import { sessionAcquisition } from './sessionAcquisition.js';
import type { SessionContext, SessionJob } from './processSession.js';

/** A visit's transients after coil combination, eddy-current correction, alignment and rejection. */
export interface PreparedSession {
  metabolite: MrsData;
  acquisition: SessionAcquisition;
  /** Every step applied to the transients, in order (reading, coil combination, corrections, alignment, rejection). */
  processing: ProcessingStep[];
  grid: FitGrid;
  alignment: SessionAlignment;
  /** Indices of the accepted transients, ascending. */
  keep: number[];
  /** 1 for accepted transients. */
  accepted: Uint8Array;
  rejections: RejectedTransient[];
  timing: TransientTiming;
  driftRangeHz: number;
  waterFwhmHz: number | null;
}

/** Outlier rejection compares each transient with the median of the others. */
const MIN_TRANSIENTS = 3;

function assertFiniteSamples(mrs: MrsData, file: string): void {
  for (let i = 0; i < mrs.data.length; i++) {
    if (!Number.isFinite(mrs.data[i])) throw new DataError(`${file}: contains NaN or infinite samples (first at complex point ${i >> 1})`);
  }
}

/** The visit's water reference file, checked against the metabolite data's sampling. */
function readWaterReference(file: string, context: SessionContext, metabolite: MrsData): MrsData {
  const water = readMrsFile(context.resolvePath(file));
  assertFiniteSamples(water, file);
  return waterOnDataPoints(water, metabolite, file);
}

/** A GE P-file's own water reference frames, on the metabolite data's points; null for other files. */
function builtInWater(file: string, context: SessionContext, metabolite: MrsData): MrsData | null {
  const water = builtInWaterReference(context.resolvePath(file), metabolite);
  return water && waterOnDataPoints(water, metabolite, file);
}

/** Mean of the listed transients (n·2·points storage). */
export function averageOf(transients: Float64Array, length: number, members: readonly number[]): Float64Array {
  const out = new Float64Array(length);
  for (const i of members) for (let k = 0; k < length; k++) out[k] += transients[i * length + k];
  for (let k = 0; k < length; k++) out[k] /= Math.max(1, members.length);
  return out;
}

function averageAll(mrs: MrsData): Float64Array {
  return averageOf(mrs.data, 2 * mrs.points, Array.from({ length: fidCount(mrs) }, (_, i) => i));
}

interface CorrectedTransients {
  transients: Float64Array;
  step: ProcessingStep;
}

/** Klose correction of every transient with the averaged water reference's phase. */
function eddyCurrentCorrected(transients: Float64Array, water: Float64Array, grid: FitGrid): CorrectedTransients {
  const length = 2 * grid.points;
  const out = new Float64Array(transients.length);
  let step: ProcessingStep | undefined;
  for (let offset = 0; offset < transients.length; offset += length) {
    const corrected = eddyCurrentCorrect(transients.subarray(offset, offset + length), water, grid);
    out.set(corrected.fid, offset);
    step = corrected.step;
  }
  return { transients: out, step: step! };
}

/** Reference deconvolution of every transient with the averaged water reference's lineshape. */
function lineshapeCorrected(transients: Float64Array, water: Float64Array, grid: FitGrid): CorrectedTransients {
  const length = 2 * grid.points;
  const correction = lineshapeCorrection({ fid: water, dwellTimeS: grid.dwellTimeS });
  const out = new Float64Array(transients.length);
  for (let offset = 0; offset < transients.length; offset += length) {
    out.set(applyLineshapeCorrection(transients.subarray(offset, offset + length), correction), offset);
  }
  return { transients: out, step: deconvolutionStep(correction.qc, false) };
}

/** Water linewidth for QC; a reference too poor to measure gives null rather than failing the session. */
function waterLinewidthHz(water: Float64Array, grid: FitGrid): number | null {
  try {
    return measureLinewidthHz(water, grid, { ppmRange: WATER_PPM_RANGE }).fwhmHz;
  } catch (error) {
    if (error instanceof DataError) return null;
    throw error;
  }
}

/**
 * Read a visit and prepare its transients: coils combined (S/N² weights from a water reference with the same
 * coils, applied to the water too, else WSVD), Klose eddy-current correction (or reference deconvolution) with the water reference,
 * two-pass spectral registration and residual-water removal in the worker pool, and rejection of outlying
 * transients.
 */
export async function prepareSession(job: SessionJob, context: SessionContext): Promise<PreparedSession> {
  const { analysis } = context.manifest;
  const file = job.visit.metabolite;
  const raw = zeroFillToPowerOfTwo(readMrsFile(context.resolvePath(file)));
  assertFiniteSamples(raw, file);
  const rawWater = job.visit.water ? readWaterReference(job.visit.water, context, raw) : builtInWater(file, context, raw);
  // one set of coil weights for both, so the metabolite-to-water ratio (mM) does not depend on them
  const { data: metabolite, water } = combineCoilsWithWater(raw, rawWater ?? undefined);
  const count = fidCount(metabolite);
  if (count < Math.max(MIN_TRANSIENTS, analysis.windowTransients)) {
    const stored = `${count} transient${count === 1 ? '' : 's'} stored`;
    throw new DataError(count < MIN_TRANSIENTS
      ? `${file}: ${stored}; a time course needs the individual transients (export them unaveraged)`
      : `${file}: ${stored}, fewer than one window (${analysis.windowTransients})`);
  }
  if (metabolite.transientTimesS === null && metabolite.repetitionTimeS === null) {
    throw new DataError(`${file}: no repetition time in the header, so its transients cannot be placed in time; add it with \`glutrace convert ${file} --tr MS -o OUT.nii.gz\``);
  }
  const grid: FitGrid = {
    points: metabolite.points,
    dwellTimeS: metabolite.dwellTimeS,
    spectrometerFrequencyMHz: metabolite.spectrometerFrequencyMHz,
    echoTimeS: metabolite.echoTimeS,
  };
  const waterFid = water ? averageAll(water) : null;
  if (waterFid) assertUnsuppressedWater(waterFid, grid, job.visit.water ?? `${file} (its water reference frames)`);
  const corrected = waterFid && analysis.referenceDeconvolution ? lineshapeCorrected(metabolite.data, waterFid, grid)
    : waterFid && analysis.eddyCurrentCorrection ? eddyCurrentCorrected(metabolite.data, waterFid, grid)
      : null;
  const alignment = await alignSession(context.pool, corrected?.transients ?? metabolite.data, grid, analysis.residualWaterRemoval, context.jobs);
  const rejection = rejectBadTransients(alignment.aligned, grid, { alignmentFailures: alignment.atSearchEdge });
  const accepted = new Uint8Array(count);
  for (const i of rejection.keep) accepted[i] = 1;
  return {
    metabolite,
    acquisition: sessionAcquisition(raw, metabolite, rawWater !== null),
    processing: [...metabolite.provenance.processingApplied, ...(corrected ? [corrected.step] : []), ...alignment.steps, rejection.step],
    grid,
    alignment,
    keep: rejection.keep,
    accepted,
    rejections: rejection.rejected,
    timing: transientTiming(count, metabolite.transientTimesS, metabolite.repetitionTimeS, job.visit.infusionStartMin),
    // The correction is minus each transient's own offset, so its range is the drift range.
    driftRangeHz: frequencyDriftRange(rejection.keep.map((i) => alignment.frequencyHz[i])).rangeHz,
    waterFwhmHz: waterFid ? waterLinewidthHz(waterFid, grid) : null,
  };
}
