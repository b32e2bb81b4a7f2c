import type { FitGrid } from '../fit/fitOptions.js';
import type { ManifestSubject, ManifestVisit, StudyManifest } from '../manifest/studyManifest.js';
import { readMrsFile } from '../io/readMrsFile.js';
import { rejectBadTransients } from '../preprocess/transientRejection.js';
import { combineCoils } from '../preprocess/coilCombination.js';
import { eddyCurrentCorrect } from '../preprocess/eddyCurrent.js';
import { measureLinewidthHz, WATER_PPM_RANGE } from '../preprocess/qc.js';
import { slidingWindows, transientTiming } from '../timecourse/windows.js';
import { buildSessionCurve } from '../timecourse/sessionCurve.js';
import type { FitResult } from '../types/fit.js';
import { fidCount, type MrsData } from '../types/mrsData.js';
import type { SessionCurve } from '../types/timecourse.js';
import { DataError } from '../util/errors.js';
import { alignSession } from './alignSession.js';
import type { BasisSource } from './basisSource.js';
import { fitSpectraInPool } from './fitWindows.js';
import type { WorkerPool } from './workerPool.js';

export interface SessionJob {
  subject: ManifestSubject;
  visit: ManifestVisit;
  visitOrder: number;
}

/** Per-transient alignment and rejection trace, for QC tables and plots. */
export interface SessionTrace {
  /** Transient centres, minutes from infusion start. */
  timesMin: Float64Array;
  frequencyHz: Float64Array;
  phaseDeg: Float64Array;
  rejected: Uint8Array;
  rejections: { index: number; reason: string }[];
}

export interface SessionOutcome {
  curve: SessionCurve;
  trace: SessionTrace;
  windowFits: (FitResult | null)[];
  /** Fit of the average of all accepted transients: the session's representative spectrum. */
  averageFit: FitResult;
}

export interface SessionContext {
  manifest: StudyManifest;
  pool: WorkerPool;
  jobs: number;
  resolvePath: (relative: string) => string;
  /** Basis for the LCM model, or null for the peak model. */
  basisFor: (metabolite: MrsData) => BasisSource | null;
}

function assertFiniteSamples(mrs: MrsData, file: string): void {
  for (let i = 0; i < mrs.data.length; i++) {
    if (!Number.isFinite(mrs.data[i])) throw new DataError(`${file}: contains NaN or infinite samples (first at complex point ${i >> 1})`);
  }
}

function hasCoils(mrs: MrsData): boolean {
  return mrs.dims.some((d) => d.tag === 'DIM_COIL');
}

/** Coil-combined water reference averaged to one FID, or null when the visit has none. */
function readWaterReference(file: string | undefined, context: SessionContext, metabolite: MrsData): MrsData | null {
  if (!file) return null;
  const water = readMrsFile(context.resolvePath(file));
  assertFiniteSamples(water, file);
  if (water.points !== metabolite.points || Math.abs(water.dwellTimeS - metabolite.dwellTimeS) > 1e-12) {
    throw new DataError(`${file}: water reference has ${water.points} points at ${water.dwellTimeS} s, the metabolite data ${metabolite.points} at ${metabolite.dwellTimeS} s`);
  }
  return water;
}

/** Klose correction of every transient with the (averaged) water reference's phase. */
function eddyCurrentCorrected(transients: Float64Array, water: Float64Array, grid: FitGrid): Float64Array {
  const length = 2 * grid.points;
  const out = new Float64Array(transients.length);
  for (let offset = 0; offset < transients.length; offset += length) {
    out.set(eddyCurrentCorrect(transients.subarray(offset, offset + length), water, grid).fid, offset);
  }
  return out;
}

function averageAll(mrs: MrsData): Float64Array {
  return averageOf(mrs.data, 2 * mrs.points, Array.from({ length: fidCount(mrs) }, (_, i) => i));
}

/** Mean of the listed transients. */
function averageOf(aligned: Float64Array, length: number, members: readonly number[]): Float64Array {
  const out = new Float64Array(length);
  for (const i of members) for (let k = 0; k < length; k++) out[k] += aligned[i * length + k];
  for (let k = 0; k < length; k++) out[k] /= Math.max(1, members.length);
  return out;
}

/**
 * One visit: read → align transients (workers) → reject outliers → sliding-window averages → fit every window
 * and the session average (workers) → metabolite and ratio curves with % change from baseline.
 */
export async function processSession(job: SessionJob, context: SessionContext): Promise<SessionOutcome> {
  const { manifest, pool, jobs } = context;
  const analysis = manifest.analysis;
  const raw = readMrsFile(context.resolvePath(job.visit.metabolite));
  assertFiniteSamples(raw, job.visit.metabolite);
  const rawWater = readWaterReference(job.visit.water, context, raw);
  // Coils are combined with S/N² weights from the water reference when it has the same coils, else by WSVD.
  const waterWithCoils = rawWater && hasCoils(rawWater) ? rawWater : undefined;
  const metabolite = hasCoils(raw) ? combineCoils(raw, { water: waterWithCoils }).data : raw;
  const water = rawWater && hasCoils(rawWater) ? combineCoils(rawWater).data : rawWater;
  if (fidCount(metabolite) < analysis.windowTransients) {
    throw new DataError(`${job.visit.metabolite}: ${fidCount(metabolite)} transients, fewer than one window (${analysis.windowTransients})`);
  }
  const grid: FitGrid = {
    points: metabolite.points,
    dwellTimeS: metabolite.dwellTimeS,
    spectrometerFrequencyMHz: metabolite.spectrometerFrequencyMHz,
    echoTimeS: metabolite.echoTimeS,
  };
  const length = 2 * grid.points;
  const count = fidCount(metabolite);

  const transients = water && analysis.eddyCurrentCorrection ? eddyCurrentCorrected(metabolite.data, averageAll(water), grid) : metabolite.data;
  const alignment = await alignSession(pool, transients, grid, jobs);
  const rejection = rejectBadTransients(alignment.aligned, grid, { alignmentFailures: alignment.atSearchEdge });
  const accepted = new Uint8Array(count);
  for (const i of rejection.keep) accepted[i] = 1;

  const timing = transientTiming(count, metabolite.transientTimesS, metabolite.repetitionTimeS ?? 1, job.visit.infusionStartMin);
  const windows = slidingWindows(timing, accepted, analysis.windowTransients, analysis.stepTransients);
  const fittable = windows.filter((w) => w.members.length > 0);
  const spectra = new Float64Array((fittable.length + 1) * length);
  fittable.forEach((w, i) => spectra.set(averageOf(alignment.aligned, length, w.members), i * length));
  spectra.set(averageOf(alignment.aligned, length, rejection.keep), fittable.length * length);

  const model = analysis.model === 'peaks' ? 'peaks' : 'lcm';
  const basis = model === 'lcm' ? context.basisFor(metabolite) : null;
  const fits = await fitSpectraInPool(pool, spectra, grid, { model }, basis, analysis.residualWaterRemoval, jobs);
  const averageFit = fits[fits.length - 1];
  const fitByWindow = new Map(fittable.map((w, i) => [w.window.index, fits[i]]));
  const windowFits = windows.map((w) => fitByWindow.get(w.window.index) ?? null);

  let driftMin = Number.POSITIVE_INFINITY;
  let driftMax = Number.NEGATIVE_INFINITY;
  for (const i of rejection.keep) {
    // The correction is minus the transient's own offset; its range is the drift range.
    driftMin = Math.min(driftMin, -alignment.frequencyHz[i]);
    driftMax = Math.max(driftMax, -alignment.frequencyHz[i]);
  }
  const curve = buildSessionCurve(
    {
      subject: job.subject.id,
      sex: job.subject.sex,
      visit: job.visit.id,
      condition: job.visit.condition,
      visitOrder: job.visitOrder,
      infusionDurationMin: manifest.infusion.durationMin,
      madrs: job.visit.madrs ?? null,
    },
    windows.map((w) => w.window),
    windowFits,
    { reference: analysis.reference, baselineMin: analysis.baselineMin },
    {
      snr: averageFit.qc.snr,
      fwhmHz: averageFit.qc.fwhmHz,
      driftRangeHz: driftMax - driftMin,
      transientsTotal: count,
      transientsRejected: rejection.rejected.length,
      waterFwhmHz: water ? measureLinewidthHz(averageAll(water), grid, { ppmRange: WATER_PPM_RANGE }).fwhmHz : null,
    },
  );
  const rejected = new Uint8Array(count).map((_, i) => 1 - accepted[i]);
  const timesMin = Float64Array.from(timing.startMin, (start, i) => start + timing.durationMin[i] / 2);
  return {
    curve,
    trace: { timesMin, frequencyHz: alignment.frequencyHz, phaseDeg: alignment.phaseDeg, rejected, rejections: rejection.rejected },
    windowFits,
    averageFit,
  };
}
