import type { StudyManifest } from '../manifest/studyManifest.js';
import type { QcThresholds } from '../timecourse/sessionQc.js';
import type { SessionAcquisition } from '../types/acquisition.js';
import type { FitCurves } from '../types/fit.js';
import type { ProcessingStep } from '../types/mrsData.js';
import type { StudyResult } from '../types/study.js';
import type { SessionCurve } from '../types/timecourse.js';
import type { StackedSpectrum } from './figures/stackedSpectra.js';
import type { SessionQcTrace } from './qcTrace.js';

/** What the pipeline knows about one session beyond its curve; every field is optional. */
export interface SessionReportExtras {
  subject: string;
  visit: string;
  qcTrace?: SessionQcTrace;
  /** One representative fit (e.g. a window at the infusion's end). */
  exampleFit?: { label: string; curves: FitCurves };
  /** Window averages over time, for the stacked-spectra figure. */
  spectraOverTime?: StackedSpectrum[];
  /**
   * CRLB as % of the amplitude per metabolite (e.g. the median over windows); Infinity for a metabolite not
   * detected (zero amplitude), NaN when unknown.
   */
  crlbPct?: Record<string, number>;
  /** Dynamic model only: each regressor's effect on a measure or ratio (from the model's contrasts). */
  dynamicEffects?: DynamicEffectRow[];
  /** Non-fatal problems met while processing the session, one line each. */
  errors?: string[];
  /** The metabolite file's acquisition parameters, for the methods section. */
  acquisition?: SessionAcquisition;
  /** Steps applied to the session's transients, in order (NIfTI-MRS ProcessingApplied style). */
  processing?: readonly ProcessingStep[];
}

/** One contrast of the dynamic model: baseline level, change, change as % of baseline, each with its SD. */
export interface DynamicEffectRow {
  measure: string;
  regressor: string;
  baseline: { value: number; sd: number };
  effect: { value: number; sd: number };
  percentOfBaseline: { value: number; sd: number };
  /** The baseline β of the measure (or of a ratio's part) is negative, so the % of baseline is meaningless. */
  negativeBaseline?: boolean;
}

/** A session that produced no curve, with the one-line reason (an error message). */
export interface FailedSession {
  subject: string;
  visit: string;
  reason: string;
}

export { DEFAULT_CRLB_METABOLITES, type QcThresholds } from '../timecourse/sessionQc.js';

export interface ReportInput {
  manifest: StudyManifest;
  sessions: readonly SessionCurve[];
  study: StudyResult | null;
  extras?: readonly SessionReportExtras[];
  failedSessions?: readonly FailedSession[];
  qcThresholds: QcThresholds;
  /** Sessions outside the limits were left out of the study statistics (analysis.qc.excludeFailing). */
  qcExcludesFailing?: boolean;
  /** e.g. { glutrace: "0.1.0", node: "v20.…", "@resvg/resvg-js": "2.6.2" }. */
  versions: Record<string, string>;
  /** Per-visit measures to plot; defaults to the first Glx measure (Glx/tNAA, Glx/tCr, Glx) and Glu. */
  responseMeasures?: readonly string[];
  /** Methods paragraphs on the processing and fitting applied (from the pipeline), shown after the acquisition. */
  methods?: readonly string[];
  /** Shown in the header when given; left out by default so the same run gives the same bytes. */
  generatedAt?: string;
}

export function extrasFor(input: Pick<ReportInput, 'extras'>, session: SessionCurve): SessionReportExtras | undefined {
  return input.extras?.find((e) => e.subject === session.subject && e.visit === session.visit);
}
