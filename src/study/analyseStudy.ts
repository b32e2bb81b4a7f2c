/**
 * Study-level statistics for one outcome measure: per-condition mean curves, paired difference curves, the
 * condition × time mixed model, paired metric contrasts, the MADRS association and the sex × condition
 * interaction. Pure: session curves in, a StudyResult out; degenerate inputs become warnings, not exceptions.
 */
import type { StudyResult } from '../types/study.js';
import type { SessionCurve, SessionMetrics } from '../types/timecourse.js';
import { fitConditionTimeModel } from './conditionTimeModel.js';
import { madrsAssociations, type MadrsChangeScale } from './madrsAssociation.js';
import { conditionMeanCurves, differenceCurves } from './meanCurves.js';
import { METRIC_NAMES, pairedMetricContrasts, sexByConditionContrasts } from './metricComparisons.js';
import { binSessions } from './sessionBins.js';

export interface StudyOptions {
  /** Outcome measure, e.g. "Glx/tNAA". */
  measure: string;
  /** The control condition every other condition is compared with, e.g. "placebo". */
  referenceCondition: string;
  /** Width of the time bins, minutes (default 5). */
  timeBinMin?: number;
  /** Confidence level of every interval (default 0.95). */
  confidence?: number;
  /** Per-session metric used as the glutamate response for the MADRS association (default meanInfusionPctChange). */
  responseMetric?: keyof SessionMetrics;
  /** MADRS change as h24 − baseline ('absolute', default) or as % of baseline. */
  madrsChange?: MadrsChangeScale;
  /** Bins starting before this many minutes from infusion start stay out of the mixed model (default 0). */
  modelFromMin?: number;
  /** Add sex and sex:condition to the mixed model when both sexes are present (default true). */
  includeSex?: boolean;
  /** Add visit order to the mixed model when visits differ in order (default true). */
  includeVisitOrder?: boolean;
  /** Denominator df for the mixed-model tests (default Satterthwaite). */
  dfMethod?: 'Satterthwaite' | 'Kenward-Roger';
  /**
   * Random intercepts of the mixed model: per subject and per session within subject ('subject+session', default),
   * or per subject only ('subject', which treats the time bins of one session as independent given the subject).
   */
  randomEffects?: 'subject' | 'subject+session';
}

export function analyseStudy(curves: SessionCurve[], options: StudyOptions): StudyResult {
  const timeBinMin = options.timeBinMin ?? 5;
  const confidence = options.confidence ?? 0.95;
  const responseMetric = options.responseMetric ?? 'meanInfusionPctChange';
  const scale = options.madrsChange ?? 'absolute';
  const modelFromMin = options.modelFromMin ?? 0;
  if (!(timeBinMin > 0)) throw new RangeError(`timeBinMin must be positive, got ${timeBinMin}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (!METRIC_NAMES.includes(responseMetric)) throw new RangeError(`unknown response metric "${responseMetric}"`);

  const reference = options.referenceCondition;
  const { sessions, warnings } = binSessions(curves, options.measure, timeBinMin);
  const present = [...new Set(sessions.map((s) => s.condition))].sort();
  const conditions = present.includes(reference) ? [reference, ...present.filter((c) => c !== reference)] : present;
  const active = conditions.filter((c) => c !== reference);
  if (!present.includes(reference)) warnings.push(`reference condition "${reference}" has no usable sessions; no comparisons`);
  if (active.length === 0) warnings.push('only one condition present; no condition comparisons');
  warnings.push(...repeatedSessionWarnings(sessions));

  const compared = present.includes(reference) ? active : [];
  const means = conditionMeanCurves(sessions, conditions, options.measure, timeBinMin, confidence);
  const differences = differenceCurves(sessions, compared, reference, options.measure, timeBinMin, confidence);
  const model =
    compared.length > 0
      ? fitConditionTimeModel(sessions, {
          conditions,
          referenceCondition: reference,
          timeBinMin,
          modelFromMin,
          includeSex: options.includeSex ?? true,
          includeVisitOrder: options.includeVisitOrder ?? true,
          confidence,
          responseLabel: `${options.measure} % change`,
          dfMethod: options.dfMethod ?? 'Satterthwaite',
          randomEffects: options.randomEffects ?? 'subject+session',
        })
      : { summary: null, warnings: [] };
  const paired = pairedMetricContrasts(sessions, compared, reference, confidence);
  const madrs = madrsAssociations(sessions, present.includes(reference) ? conditions : present, reference, responseMetric, scale, confidence);
  const sex = sexByConditionContrasts(sessions, compared, reference, confidence);

  return {
    measure: options.measure,
    conditions,
    referenceCondition: reference,
    meanCurves: means.curves,
    differenceCurves: differences.curves,
    mixedModel: model.summary,
    pairedMetrics: paired.contrasts,
    madrsAssociations: madrs.associations,
    sexByCondition: sex.contrasts,
    settings: { timeBinMin, confidence, responseMetric, madrsChange: scale, modelFromMin },
    warnings: [
      ...warnings,
      ...means.warnings,
      ...differences.warnings,
      ...model.warnings,
      ...paired.warnings,
      ...madrs.warnings,
      ...sex.warnings,
    ],
  };
}

function repeatedSessionWarnings(sessions: { subject: string; condition: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const s of sessions) counts.set(`${s.subject}/${s.condition}`, (counts.get(`${s.subject}/${s.condition}`) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([key, count]) => `subject/condition ${key}: ${count} sessions; averaged in the paired analyses`);
}
