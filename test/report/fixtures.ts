/** Synthetic report inputs with a known shape: a 3-subject naltrexone/placebo crossover. */
import type { FitCurves } from '../../src/types/fit.js';
import type { ConditionMeanCurve, StudyResult } from '../../src/types/study.js';
import type { MeasureCurve, SessionCurve, SessionWindow } from '../../src/types/timecourse.js';
import type { SessionQcTrace } from '../../src/report/qcTrace.js';
import type { StackedSpectrum } from '../../src/report/figures/stackedSpectra.js';
import { SeededRandom } from '../../src/util/rng.js';

export const CONDITIONS = ['placebo', 'naltrexone'] as const;
export const INFUSION_MIN = 40;

/** Window centres every 4 min from −20 to 76 min. */
function makeWindows(): SessionWindow[] {
  return Array.from({ length: 25 }, (_, index) => {
    const centreMin = -20 + 4 * index;
    return { index, startMin: centreMin - 2, centreMin, endMin: centreMin + 2, nTransients: 64, flagged: index === 7 };
  });
}

/** A rise during the infusion that decays afterwards, peak `amplitudePct`. */
function responseShape(tMin: number, amplitudePct: number): number {
  if (tMin <= 0) return 0;
  if (tMin <= INFUSION_MIN) return amplitudePct * (1 - Math.exp(-tMin / 10));
  return amplitudePct * (1 - Math.exp(-INFUSION_MIN / 10)) * Math.exp(-(tMin - INFUSION_MIN) / 20);
}

function measureCurve(windows: SessionWindow[], amplitudePct: number, baseline: number, rng: SeededRandom): MeasureCurve {
  const pctChange = Float64Array.from(windows, (w) => responseShape(w.centreMin, amplitudePct) + 1.5 * rng.normal());
  const pctChangeSd = Float64Array.from(windows, () => 2 + rng.uniform());
  return {
    values: pctChange.map((p) => baseline * (1 + p / 100)),
    sds: pctChangeSd.map((s) => (baseline * s) / 100),
    baseline,
    baselineSd: baseline * 0.02,
    pctChange,
    pctChangeSd,
  };
}

export function makeSession(subject: string, visitOrder: number, condition: string, seed: number): SessionCurve {
  const rng = new SeededRandom(seed);
  const windows = makeWindows();
  const amplitude = condition === 'naltrexone' ? 5 : 12;
  const glx = measureCurve(windows, amplitude, 1.6, rng);
  return {
    subject,
    sex: seed % 2 ? 'F' : 'M',
    visit: `V${visitOrder}`,
    condition,
    visitOrder,
    infusionDurationMin: INFUSION_MIN,
    madrs: { baseline: 30, h24: 30 - amplitude - rng.uniform() * 5 },
    windows,
    measures: { 'Glx/tNAA': glx, Glu: measureCurve(windows, amplitude * 1.2, 9, rng), tNAA: measureCurve(windows, 0, 12, rng) },
    metrics: {
      'Glx/tNAA': { peakPctChange: amplitude, timeToPeakMin: 36, aucInfusionPctMin: amplitude * 25, aucPostPctMin: amplitude * 12, earlySlopePctPerMin: amplitude / 10, meanInfusionPctChange: amplitude * 0.6 },
    },
    qc: { snr: 40 + (seed % 7), fwhmHz: 6 + (seed % 3), driftRangeHz: 3.2, transientsTotal: 1600, transientsRejected: 12, waterFwhmHz: 7.5, spectrometerFrequencyMHz: 123.2 },
  };
}

/** Subjects S01–S03, each with a placebo and a naltrexone visit (order alternating). */
export function makeSessions(): SessionCurve[] {
  return ['S01', 'S02', 'S03'].flatMap((subject, i) => {
    const first = i % 2 ? 'naltrexone' : 'placebo';
    const second = first === 'placebo' ? 'naltrexone' : 'placebo';
    return [makeSession(subject, 1, first, 10 * i + 1), makeSession(subject, 2, second, 10 * i + 2)];
  });
}

function meanCurve(sessions: SessionCurve[], condition: string, measure: string): ConditionMeanCurve {
  const members = sessions.filter((s) => s.condition === condition);
  const tMin = members[0].windows.map((w) => w.centreMin);
  const mean = tMin.map((_, k) => members.reduce((sum, s) => sum + s.measures[measure].pctChange[k], 0) / members.length);
  const sem = tMin.map(() => 1.5);
  return { condition, measure, tMin, mean, sem, ciLow: mean.map((m) => m - 3), ciHigh: mean.map((m) => m + 3), n: tMin.map(() => members.length) };
}

export function makeStudy(sessions: SessionCurve[]): StudyResult {
  const measure = 'Glx/tNAA';
  const means = CONDITIONS.map((c) => meanCurve(sessions, c, measure));
  const diff = means[1].mean.map((m, k) => m - means[0].mean[k]);
  return {
    measure,
    conditions: [...CONDITIONS],
    referenceCondition: 'placebo',
    meanCurves: means,
    differenceCurves: [{ label: 'naltrexone − placebo', measure, tMin: means[0].tMin, mean: diff, ciLow: diff.map((d) => d - 4), ciHigh: diff.map((d) => d + 4), n: diff.map(() => 3) }],
    mixedModel: {
      formula: 'pct ~ condition * timeBin + (1 | subject)',
      method: 'REML',
      dfMethod: 'Satterthwaite',
      fTests: [
        { term: 'condition', numDf: 1, denDf: 253, F: 12.34, p: 0.0005 },
        { term: 'timeBin', numDf: 24, denDf: 253, F: 3.21, p: 0.0123 },
      ],
      coefficients: [{ name: 'condition[naltrexone]', estimate: -6.5, se: 1.8, df: 253, t: -3.61, p: 0.0004, ciLow: -10.0, ciHigh: -3.0 }],
      subjectVariance: 4.2,
      residualVariance: 9.1,
      nObservations: 150,
      nSubjects: 3,
      converged: true,
    },
    pairedMetrics: [{ label: 'naltrexone − placebo', metric: 'peakPctChange', estimate: -7, se: 1.2, df: 2, ciLow: -12.2, ciHigh: -1.8, p: 0.028, n: 3 }],
    madrsAssociations: [{
      label: 'Glx/tNAA peak % change vs MADRS change',
      r: -0.81,
      slope: -0.9,
      slopeCiLow: -1.5,
      slopeCiHigh: -0.3,
      p: 0.05,
      n: sessions.length,
      points: sessions.map((s) => ({ subject: s.subject, condition: s.condition, x: s.metrics['Glx/tNAA'].peakPctChange, y: s.madrs!.h24 - s.madrs!.baseline })),
    }],
    sexByCondition: [{ label: 'sex × condition (F − M)', metric: 'peakPctChange', estimate: 1.1, se: 2, df: 1, ciLow: -24, ciHigh: 26, p: 0.68, n: 3 }],
    warnings: ['only 3 subjects: <synthetic> & small'],
  };
}

export function makeQcTrace(seed = 5): SessionQcTrace {
  const rng = new SeededRandom(seed);
  const n = 400;
  const timesMin = Float64Array.from({ length: n }, (_, i) => -20 + i * 0.25);
  let freq = 0;
  const frequencyHz = Float64Array.from(timesMin, (t) => (freq += 0.02 + 0.05 * rng.normal() + (t === 30 ? 2 : 0)));
  const phaseDeg = Float64Array.from(timesMin, () => 5 * rng.normal());
  const rejected = Uint8Array.from(timesMin, (_, i) => (i % 53 === 11 ? 1 : 0));
  const windowCentresMin = Float64Array.from({ length: 25 }, (_, i) => -20 + 4 * i);
  return {
    timesMin,
    frequencyHz,
    phaseDeg,
    rejected,
    windowSnr: windowCentresMin.map(() => 35 + 5 * rng.uniform()),
    windowFwhmHz: windowCentresMin.map(() => 6 + rng.uniform()),
    windowCentresMin,
  };
}

function lorentzian(ppm: number, centre: number, widthPpm: number): number {
  const d = (ppm - centre) / widthPpm;
  return 1 / (1 + d * d);
}

/** A spectrum with NAA, Cr, Cho and a Glx hump on a gentle baseline, ppm descending as on a scanner display. */
export function makeFitCurves(seed = 3, glxScale = 1): FitCurves {
  const rng = new SeededRandom(seed);
  const n = 600;
  const ppm = Float64Array.from({ length: n }, (_, i) => 4.4 - (4.2 * i) / (n - 1));
  const baseline = ppm.map((p) => 0.05 + 0.02 * (p - 2));
  const fit = ppm.map((p, i) =>
    baseline[i] + lorentzian(p, 2.01, 0.03) + 0.7 * lorentzian(p, 3.03, 0.03) + 0.5 * lorentzian(p, 3.2, 0.03)
    + glxScale * (0.15 * lorentzian(p, 2.35, 0.05) + 0.12 * lorentzian(p, 3.75, 0.05)));
  const data = fit.map((f) => f + 0.015 * rng.normal());
  return { ppm, data, fit, baseline, residual: data.map((d, i) => d - fit[i]) };
}

export function makeStackedSpectra(count = 6): StackedSpectrum[] {
  return Array.from({ length: count }, (_, i) => {
    const curves = makeFitCurves(100 + i, 1 + 0.1 * i);
    return { label: `${-20 + 16 * i} min`, ppm: curves.ppm, real: curves.data };
  });
}

import { parseStudyManifest, type StudyManifest } from '../../src/manifest/studyManifest.js';
import type { ReportInput } from '../../src/report/reportInput.js';

/** Built through the manifest parser, so schema defaults are filled in as in a real run. */
export function makeManifest(sessions: SessionCurve[]): StudyManifest {
  const subjects = [...new Set(sessions.map((s) => s.subject))];
  return parseStudyManifest({
    name: 'Synthetic ketamine–naltrexone crossover',
    infusion: { drug: 'ketamine', doseMgPerKg: 0.5, durationMin: INFUSION_MIN },
    analysis: { model: 'peaks', windowTransients: 64, stepTransients: 32, baselineMin: [-20, 0], reference: 'tNAA', referenceCondition: 'placebo' },
    subjects: subjects.map((id) => ({
      id,
      sex: sessions.find((s) => s.subject === id)!.sex,
      visits: sessions.filter((s) => s.subject === id).map((s) => ({ id: s.visit, condition: s.condition, metabolite: `${id}/${s.visit}/svs.nii.gz`, water: `${id}/${s.visit}/wref.nii.gz`, infusionStartMin: 20 })),
    })),
  }, 'fixture-study.json');
}

/** A full report input: 3 subjects, QC traces and fits for every session, one failed session. */
export function makeReportInput(): ReportInput {
  const sessions = makeSessions();
  const manifest = makeManifest(sessions);
  manifest.subjects.push({ id: 'S04', sex: 'F', visits: [{ id: 'V1', condition: 'placebo', metabolite: 'S04/V1/svs.nii.gz', infusionStartMin: 20 }] });
  return {
    manifest,
    sessions,
    study: makeStudy(sessions),
    extras: sessions.map((s, i) => ({
      subject: s.subject,
      visit: s.visit,
      qcTrace: makeQcTrace(i + 1),
      exampleFit: { label: 'window 12 (28 min)', curves: makeFitCurves(i + 1) },
      spectraOverTime: i === 0 ? makeStackedSpectra(5) : undefined,
      crlbPct: { Glu: i === 3 ? 31 : 8, Gln: 18, tNAA: 2, Ala: 45 },
      errors: i === 2 ? ['window 7: only 20 of 64 transients accepted'] : undefined,
    })),
    failedSessions: [{ subject: 'S04', visit: 'V1', reason: 'S04/V1/svs.nii.gz: not a NIfTI-2 file (bad sizeof_hdr 0)' }],
    qcThresholds: { minSnr: 42, maxFwhmPpm: 0.08, maxCrlbPct: 20 },
    versions: { glutrace: '0.1.0', node: 'v20.0.0', '@resvg/resvg-js': '2.6.2' },
  };
}
