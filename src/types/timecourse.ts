/** One averaging window of a session, in minutes from infusion start. */
export interface SessionWindow {
  index: number;
  startMin: number;
  centreMin: number;
  endMin: number;
  /** Accepted transients averaged into the window. */
  nTransients: number;
  /** Too few accepted transients, or a failed fit: kept in tables, left out of statistics. */
  flagged: boolean;
}

/** One measure (a metabolite amplitude or a ratio such as "Glx/tNAA") over the windows of a session. */
export interface MeasureCurve {
  values: Float64Array;
  sds: Float64Array;
  /** Mean over the pre-infusion baseline windows; NaN when no window qualifies. */
  baseline: number;
  baselineSd: number;
  /** Why the baseline (and so every % change) is undefined, one line; absent when the baseline is usable. */
  baselineProblem?: string;
  pctChange: Float64Array;
  pctChangeSd: Float64Array;
  /** Dynamic model only: the all-transient model's % change from its baseline level at each window, with SD. */
  modelPctChange?: Float64Array;
  modelPctChangeSd?: Float64Array;
}

/** Summary of one measure's response in one session. */
export interface SessionMetrics {
  peakPctChange: number;
  timeToPeakMin: number;
  /** Area under the % change curve during the infusion, %·min. */
  aucInfusionPctMin: number;
  /** Area under the % change curve after the infusion, %·min. */
  aucPostPctMin: number;
  /** Slope of % change over the first minutes of infusion, %/min. */
  earlySlopePctPerMin: number;
  /** Mean % change over the infusion windows. */
  meanInfusionPctChange: number;
  /** Dynamic model only: the infusion regressor's effect as % of the baseline level. */
  modelInfusionPctChange?: number;
}

export interface SessionQc {
  snr: number;
  fwhmHz: number;
  driftRangeHz: number;
  transientsTotal: number;
  transientsRejected: number;
  /** Linewidth of the unsuppressed water reference, Hz (null without one). */
  waterFwhmHz: number | null;
  /** Spectrometer frequency of the data, MHz, so linewidth limits in ppm can be given in Hz. */
  spectrometerFrequencyMHz?: number;
}

export interface SessionCurve {
  subject: string;
  sex: 'M' | 'F';
  visit: string;
  condition: string;
  /** 1-based order of the visit within its subject (for visit-order effects). */
  visitOrder: number;
  infusionDurationMin: number;
  madrs: { baseline: number; h24: number } | null;
  windows: SessionWindow[];
  /** Keyed by measure name: metabolites (Glu, Gln, Glx, tNAA, tCr, …) and ratios ("Glx/tNAA", "Glu/tCr", …). */
  measures: Record<string, MeasureCurve>;
  /** Keyed by measure name, for the outcome measures. */
  metrics: Record<string, SessionMetrics>;
  qc: SessionQc;
}
