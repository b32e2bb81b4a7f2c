/** Study-level results: what the trial team publishes. Plain data, serialised as study.json. */

export interface ConditionMeanCurve {
  condition: string;
  measure: string;
  /** Time bin centres, minutes from infusion start. */
  tMin: number[];
  mean: number[];
  sem: number[];
  ciLow: number[];
  ciHigh: number[];
  n: number[];
}

export interface DifferenceCurve {
  /** e.g. "naltrexone − placebo". */
  label: string;
  measure: string;
  tMin: number[];
  mean: number[];
  ciLow: number[];
  ciHigh: number[];
  n: number[];
}

export interface FTest {
  term: string;
  numDf: number;
  denDf: number;
  F: number;
  p: number;
}

export interface CoefficientEstimate {
  name: string;
  estimate: number;
  se: number;
  df: number;
  t: number;
  p: number;
  ciLow: number;
  ciHigh: number;
}

export interface MixedModelSummary {
  /** R-style description, e.g. "pct ~ condition * timeBin + (1 | subject) + (1 | subject:visit)". */
  formula: string;
  method: 'REML';
  dfMethod: 'Satterthwaite' | 'Kenward-Roger';
  fTests: FTest[];
  coefficients: CoefficientEstimate[];
  subjectVariance: number;
  /** Variance of the session (visit) within subject intercepts, when the model has them. */
  sessionVariance?: number;
  residualVariance: number;
  nObservations: number;
  nSubjects: number;
  /** Number of sessions, when the model has session intercepts. */
  nSessions?: number;
  converged: boolean;
  /** Centres of the time bins that entered the model, minutes from infusion start. */
  timeBinsMin?: number[];
}

/** A paired or between-group contrast of a per-session metric, with a confidence interval. */
export interface ContrastEstimate {
  label: string;
  metric: string;
  estimate: number;
  se: number;
  df: number;
  ciLow: number;
  ciHigh: number;
  p: number;
  n: number;
}

export interface Association {
  label: string;
  /** Pearson r, with a slope and its CI from the regression of y on x. */
  r: number;
  slope: number;
  slopeCiLow: number;
  slopeCiHigh: number;
  p: number;
  n: number;
  /** What was regressed on what, e.g. x "meanInfusionPctChange", y "MADRS change (h24 − baseline)". */
  xLabel?: string;
  yLabel?: string;
  /** Degrees of freedom of the slope test (n − 2). */
  df?: number;
  /** Points for a scatter plot. */
  points: { subject: string; condition: string; x: number; y: number }[];
}

export interface StudyResult {
  /** Primary outcome measure, e.g. "Glx/tNAA". */
  measure: string;
  conditions: string[];
  referenceCondition: string;
  meanCurves: ConditionMeanCurve[];
  differenceCurves: DifferenceCurve[];
  mixedModel: MixedModelSummary | null;
  pairedMetrics: ContrastEstimate[];
  madrsAssociations: Association[];
  sexByCondition: ContrastEstimate[];
  /** Analysis settings actually used (time bin width, confidence level, response metric, MADRS change scale). */
  settings?: StudySettings;
  warnings: string[];
}

export interface StudySettings {
  timeBinMin: number;
  confidence: number;
  /** Per-session metric used as the glutamate response in the MADRS association. */
  responseMetric: string;
  madrsChange: 'absolute' | 'percent';
  /** Bins starting before this time (minutes from infusion start) are left out of the mixed model. */
  modelFromMin: number;
}
