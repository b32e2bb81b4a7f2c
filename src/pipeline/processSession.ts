import type { ManifestSubject, ManifestVisit, StudyManifest } from '../manifest/studyManifest.js';
import { slidingWindows } from '../timecourse/windows.js';
import { buildSessionCurve } from '../timecourse/sessionCurve.js';
import type { SessionAcquisition } from '../types/acquisition.js';
import type { FitResult } from '../types/fit.js';
import type { MrsData, ProcessingStep } from '../types/mrsData.js';
import type { SessionCurve } from '../types/timecourse.js';
import { describeBasisSource, type BasisSource } from './basisSource.js';
import { attachModelCurves, attachModelMetrics, fitSessionDynamic, type SessionDynamicFit } from './dynamicSession.js';
import { fitSpectraInPool } from './fitWindows.js';
import { averageOf, prepareSession, type PreparedSession } from './prepareSession.js';
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
  /** The all-transient fit, with `analysis.model: "dynamic"`; null otherwise. */
  dynamic: SessionDynamicFit | null;
  acquisition: SessionAcquisition;
  /** The basis fitted (describeBasisSource), null for the peak model. */
  basis: string | null;
  /** What the user must know about this session's results, one sentence each (the session still counts). */
  warnings: string[];
  /** Every step applied to the transients before windowing, in order. */
  processing: ProcessingStep[];
  /** The spectra fitted, when the run saves them (`RunOptions.saveSpectra`). */
  spectra?: SessionSpectra;
}

/** Processed spectra of a session, as fitted: each window's average (of the windows with accepted transients) and the session's. */
export interface SessionSpectra {
  /** k·2·points: the windows listed in `windowIndices`, in order. */
  windows: Float64Array;
  windowIndices: number[];
  /** Average of all accepted transients. */
  average: Float64Array;
}

export interface SessionContext {
  manifest: StudyManifest;
  pool: WorkerPool;
  jobs: number;
  resolvePath: (relative: string) => string;
  /** Basis for the LCM model, or null for the peak model. */
  basisFor: (metabolite: MrsData) => BasisSource | null;
  /** Keep the fitted spectra in the outcome. */
  saveSpectra?: boolean;
}

/**
 * One visit: read → align transients (workers) → reject outliers → sliding-window averages → fit every window
 * and the session average (workers), and with the dynamic model all transients at once → metabolite and ratio
 * curves with % change from baseline.
 */
export async function processSession(job: SessionJob, context: SessionContext): Promise<SessionOutcome> {
  const { manifest, pool, jobs } = context;
  const analysis = manifest.analysis;
  const session = await prepareSession(job, context);
  const { grid, alignment, timing, accepted } = session;
  const length = 2 * grid.points;
  const count = accepted.length;

  const windows = slidingWindows(timing, accepted, analysis.windowTransients, analysis.stepTransients);
  const fittable = windows.filter((w) => w.members.length > 0);
  const spectra = new Float64Array((fittable.length + 1) * length);
  fittable.forEach((w, i) => spectra.set(averageOf(alignment.aligned, length, w.members), i * length));
  spectra.set(averageOf(alignment.aligned, length, session.keep), fittable.length * length);

  // The dynamic model fits every transient at once; window fits still give the curves, plots and QC.
  const model = analysis.model === 'peaks' ? 'peaks' : 'lcm';
  const basis = model === 'lcm' ? context.basisFor(session.metabolite) : null;
  const [fits, dynamic] = await Promise.all([
    fitSpectraInPool(pool, spectra, grid, { model }, basis, jobs),
    analysis.model === 'dynamic' && basis ? fitSessionDynamic(pool, session, basis, manifest, job.visit.regressors, context.resolvePath) : null,
  ]);
  const averageFit = fits[fits.length - 1];
  const fitByWindow = new Map(fittable.map((w, i) => [w.window.index, fits[i]]));
  const windowFits = windows.map((w) => fitByWindow.get(w.window.index) ?? null);

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
      driftRangeHz: session.driftRangeHz,
      transientsTotal: count,
      transientsRejected: session.rejections.length,
      waterFwhmHz: session.waterFwhmHz,
      spectrometerFrequencyMHz: session.metabolite.spectrometerFrequencyMHz,
    },
  );
  if (dynamic) {
    attachModelCurves(curve.measures, dynamic, windows);
    attachModelMetrics(curve.metrics, dynamic);
  }
  const rejected = Uint8Array.from(accepted, (a) => 1 - a);
  const timesMin = Float64Array.from(timing.startMin, (start, i) => start + timing.durationMin[i] / 2);
  return {
    curve,
    trace: { timesMin, frequencyHz: alignment.frequencyHz, phaseDeg: alignment.phaseDeg, rejected, rejections: session.rejections },
    windowFits,
    averageFit,
    dynamic,
    acquisition: session.acquisition,
    basis: basis ? describeBasisSource(basis) : null,
    warnings: sessionWarnings(job, session, basis, analysis.sequence !== undefined),
    processing: session.processing,
    ...(context.saveSpectra
      ? { spectra: { windows: spectra.slice(0, fittable.length * length), windowIndices: fittable.map((w) => w.window.index), average: spectra.slice(fittable.length * length) } }
      : {}),
  };
}

function sessionWarnings(job: SessionJob, session: PreparedSession, basis: BasisSource | null, sequenceGiven: boolean): string[] {
  const warnings: string[] = [];
  const { startMin, durationMin } = session.timing;
  const last = startMin.length - 1;
  // times are minutes from infusion start
  const scanEndMin = startMin[last] + durationMin[last];
  if (scanEndMin <= 0) {
    warnings.push(
      `the infusion starts at ${job.visit.infusionStartMin} min, after the scan ended (${(scanEndMin + job.visit.infusionStartMin).toFixed(1)} min ` +
        'from its start): no window lies in the infusion; check infusionStartMin',
    );
  }
  if (basis?.kind === 'simulated' && !sequenceGiven && !session.metabolite.sequenceName) {
    warnings.push(`the header names no sequence, so the basis was simulated for ${basis.options.sequence.toUpperCase()}; set analysis.sequence if the data are not ${basis.options.sequence.toUpperCase()}`);
  }
  return warnings;
}
