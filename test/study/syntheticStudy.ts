/**
 * Builds synthetic SessionCurve arrays for the study-statistics tests: a two-condition crossover where each
 * window's % change is a shared response shape + subject random intercept + condition, sex × condition and
 * visit-order effects + an optional session (visit) random intercept + white noise, with optional missing visits and flagged windows.
 */
import type { MeasureCurve, SessionCurve, SessionMetrics, SessionWindow } from '../../src/types/timecourse.js';
import { SeededRandom } from '../../src/util/rng.js';

export interface SyntheticStudySpec {
  seed: number;
  nSubjects: number;
  measure?: string;
  referenceCondition?: string;
  activeCondition?: string;
  /** Window centres, minutes from infusion start; one window per time bin keeps the model exactly specified. */
  windowCentresMin: number[];
  windowLengthMin: number;
  infusionDurationMin: number;
  /** Shared % change response during and after infusion (both conditions). */
  response: (tMin: number) => number;
  subjectSdPct: number;
  /** SD of a per-session shift of every post-start window (a visit responding more or less than usual). */
  sessionSdPct?: number;
  noiseSdPct: number;
  /** Added to every post-start window of the active condition. */
  conditionEffectPct: number;
  /** Extra active-condition effect for females only. */
  femaleConditionEffectPct?: number;
  /** Added to every post-start window of the second visit. */
  secondVisitEffectPct?: number;
  /** Fraction of subjects (chosen at random) missing one of their two visits. */
  missingVisitFraction?: number;
  /** Fraction of windows flagged; their values are replaced by wild numbers that must not matter. */
  flaggedWindowFraction?: number;
  /** MADRS h24 = baseline + intercept + slope · meanInfusionPctChange + noise. */
  madrsIntercept?: number;
  madrsSlopePerPct?: number;
  madrsNoiseSd?: number;
  /** Sex of each subject, cycled over subjects (default alternates M, F). */
  sexes?: ('M' | 'F')[];
}

export function syntheticStudy(spec: SyntheticStudySpec): SessionCurve[] {
  const rng = new SeededRandom(spec.seed);
  const measure = spec.measure ?? 'Glx/tNAA';
  const reference = spec.referenceCondition ?? 'placebo';
  const active = spec.activeCondition ?? 'naltrexone';
  const curves: SessionCurve[] = [];
  for (let s = 0; s < spec.nSubjects; s++) {
    const subject = `sub-${String(s + 1).padStart(2, '0')}`;
    const sex = spec.sexes ? spec.sexes[s % spec.sexes.length]! : s % 2 === 0 ? 'M' : 'F';
    const u = spec.subjectSdPct * rng.normal();
    const activeFirst = rng.uniform() < 0.5;
    const missing = rng.uniform() < (spec.missingVisitFraction ?? 0) ? (rng.uniform() < 0.5 ? 0 : 1) : -1;
    for (const [visitIndex, condition] of (activeFirst ? [active, reference] : [reference, active]).entries()) {
      if (visitIndex === missing) continue;
      const isActive = condition === active;
      const offset =
        u +
        (isActive ? spec.conditionEffectPct + (sex === 'F' ? (spec.femaleConditionEffectPct ?? 0) : 0) : 0) +
        (visitIndex === 1 ? (spec.secondVisitEffectPct ?? 0) : 0) +
        // drawn only when asked for, so studies without it keep their random streams
        (spec.sessionSdPct ? spec.sessionSdPct * rng.normal() : 0);
      const pct = spec.windowCentresMin.map((t) => (t >= 0 ? spec.response(t) + offset : 0) + spec.noiseSdPct * rng.normal());
      const flagged = spec.windowCentresMin.map(() => rng.uniform() < (spec.flaggedWindowFraction ?? 0));
      const stored = pct.map((v, k) => (flagged[k] ? v + 1e3 * (rng.uniform() - 0.5) : v));
      const metrics = sessionMetrics(spec.windowCentresMin, pct, flagged, spec.infusionDurationMin, spec.windowLengthMin);
      const madrsBaseline = 30 + 3 * rng.normal();
      const madrs = {
        baseline: madrsBaseline,
        h24:
          madrsBaseline +
          (spec.madrsIntercept ?? -10) +
          (spec.madrsSlopePerPct ?? 0) * metrics.meanInfusionPctChange +
          (spec.madrsNoiseSd ?? 3) * rng.normal(),
      };
      curves.push({
        subject,
        sex,
        visit: `ses-${visitIndex + 1}`,
        condition,
        visitOrder: visitIndex + 1,
        infusionDurationMin: spec.infusionDurationMin,
        madrs,
        windows: windowsOf(spec, flagged),
        measures: { [measure]: measureCurve(stored) },
        metrics: { [measure]: metrics },
        qc: { snr: 40, fwhmHz: 6, driftRangeHz: 1, transientsTotal: 320, transientsRejected: 4, waterFwhmHz: null },
      });
    }
  }
  return curves;
}

function windowsOf(spec: SyntheticStudySpec, flagged: boolean[]): SessionWindow[] {
  return spec.windowCentresMin.map((centreMin, index) => ({
    index,
    startMin: centreMin - spec.windowLengthMin / 2,
    centreMin,
    endMin: centreMin + spec.windowLengthMin / 2,
    nTransients: flagged[index] ? 3 : 32,
    flagged: flagged[index]!,
  }));
}

function measureCurve(pct: number[]): MeasureCurve {
  const baseline = 1.2;
  return {
    values: Float64Array.from(pct, (p) => baseline * (1 + p / 100)),
    sds: new Float64Array(pct.length).fill(0.02),
    baseline,
    baselineSd: 0.01,
    pctChange: Float64Array.from(pct),
    pctChangeSd: new Float64Array(pct.length).fill(1.5),
  };
}

/** Simple per-session metrics over the unflagged windows (rectangle-rule areas). */
function sessionMetrics(
  centres: number[],
  pct: number[],
  flagged: boolean[],
  infusionMin: number,
  windowMin: number,
): SessionMetrics {
  const usable = centres.map((t, k) => ({ t, v: pct[k]!, ok: !flagged[k] })).filter((w) => w.ok);
  const during = usable.filter((w) => w.t >= 0 && w.t < infusionMin);
  const after = usable.filter((w) => w.t >= infusionMin);
  const postStart = usable.filter((w) => w.t >= 0);
  const peak = postStart.reduce((best, w) => (w.v > best.v ? w : best), postStart[0] ?? { t: NaN, v: NaN });
  const early = during.filter((w) => w.t < 10);
  const mt = early.reduce((s, w) => s + w.t, 0) / early.length;
  const mv = early.reduce((s, w) => s + w.v, 0) / early.length;
  const slope =
    early.reduce((s, w) => s + (w.t - mt) * (w.v - mv), 0) / early.reduce((s, w) => s + (w.t - mt) ** 2, 0);
  return {
    peakPctChange: peak.v,
    timeToPeakMin: peak.t,
    aucInfusionPctMin: during.reduce((s, w) => s + w.v * windowMin, 0),
    aucPostPctMin: after.reduce((s, w) => s + w.v * windowMin, 0),
    earlySlopePctPerMin: slope,
    meanInfusionPctChange: during.reduce((s, w) => s + w.v, 0) / during.length,
  };
}

/** The windows and the infusion response of the small simulated studies: 6 windows of 5 min around a 15-min infusion. */
export const SMALL_STUDY_TIME_COURSE: Pick<SyntheticStudySpec, 'windowCentresMin' | 'windowLengthMin' | 'infusionDurationMin' | 'response'> = {
  windowCentresMin: [-7.5, -2.5, 2.5, 7.5, 12.5, 17.5],
  windowLengthMin: 5,
  infusionDurationMin: 15,
  response: (t) => (t < 15 ? 0.4 * t : 6 - 0.2 * (t - 15)),
};

/** A small crossover study with every effect present: missing visits, flagged windows, a visit-order effect. */
export const SMALL_STUDY_DESIGN: Omit<SyntheticStudySpec, 'seed'> = {
  nSubjects: 8,
  ...SMALL_STUDY_TIME_COURSE,
  subjectSdPct: 2,
  noiseSdPct: 2,
  conditionEffectPct: -1.5,
  femaleConditionEffectPct: 1,
  secondVisitEffectPct: 0.5,
  missingVisitFraction: 0.15,
  flaggedWindowFraction: 0.05,
  madrsSlopePerPct: -0.8,
};
