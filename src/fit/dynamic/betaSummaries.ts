import { DataError } from '../../util/errors.js';
import { BASELINE_REGRESSOR, type DesignMatrix } from './designMatrix.js';
import type {
  DynamicContrastResult,
  DynamicContrastSpec,
  DynamicMeasureResult,
  DynamicRatioResult,
  DynamicTimeCourse,
} from './dynamicFitTypes.js';
import {
  BetaAlgebra,
  type Estimate,
  levelAndChange,
  type Measure,
  measuresOf,
  ratioAndChange,
  type RatioCovariance,
} from './measureAlgebra.js';

const DEFAULT_RATIOS: [string, string][] = [
  ['Glx', 'tNAA'],
  ['Glu', 'tNAA'],
  ['Glx', 'tCr'],
  ['Glu', 'tCr'],
];

export interface BetaSummaries {
  measures: Record<string, DynamicMeasureResult>;
  ratios: Record<string, DynamicRatioResult>;
  contrasts: DynamicContrastResult[];
  negativeBaseline: string[];
}

/**
 * Everything reported from the component betas and their covariance: per measure (components and
 * combinations) the betas and the fitted time course at every design row; the ratios' time courses; every
 * contrast for every measure and ratio. The baseline state is the design row with only the intercept.
 */
export function summarizeBetas(
  betas: Float64Array,
  covariance: Float64Array,
  componentNames: string[],
  design: DesignMatrix,
  options: { ratios?: [string, string][]; contrasts?: DynamicContrastSpec[] },
): BetaSummaries {
  const p = design.names.length;
  const n = design.columns[0].length;
  const baselineIndex = design.names.indexOf(BASELINE_REGRESSOR);
  const algebra = new BetaAlgebra(betas, covariance, componentNames.length, p);
  const measureList = measuresOf(componentNames);
  const rows = Array.from({ length: n }, (_, t) => Float64Array.from(design.columns, (column) => column[t]));
  const baselineRow = unitRow(p, baselineIndex);
  const measures: Record<string, DynamicMeasureResult> = {};
  for (const measure of measureList) measures[measure.name] = measureResult(measure, algebra, design.names, rows, baselineRow);
  const ratioPairs = (options.ratios ?? DEFAULT_RATIOS).filter(([a, b]) => measures[a] && measures[b]);
  const measureByName = new Map(measureList.map((m) => [m.name, m]));
  const ratios: Record<string, DynamicRatioResult> = {};
  for (const [a, b] of ratioPairs) ratios[`${a}/${b}`] = ratioResult(measureByName.get(a)!, measureByName.get(b)!, algebra, rows, baselineRow);
  const contrasts = contrastResults(contrastRows(design.names, baselineIndex, options.contrasts ?? []), measureList, ratioPairs, measureByName, algebra, baselineRow);
  const negativeBaseline = measureList.filter((m) => measures[m.name].betas[BASELINE_REGRESSOR].value < 0).map((m) => m.name);
  return { measures, ratios, contrasts, negativeBaseline };
}

export function unitRow(p: number, index: number): Float64Array {
  const row = new Float64Array(p);
  row[index] = 1;
  return row;
}

function measureResult(measure: Measure, algebra: BetaAlgebra, names: string[], rows: Float64Array[], baselineRow: Float64Array): DynamicMeasureResult {
  const beta = algebra.betasOf(measure);
  const covariance = algebra.crossCovariance(measure, measure);
  const p = names.length;
  const betas: Record<string, Estimate> = {};
  names.forEach((name, r) => {
    betas[name] = { value: beta[r], sd: Math.sqrt(Math.max(covariance[r * p + r], 0)) };
  });
  return { betas, betaCovariance: covariance, timeCourse: measureTimeCourse(beta, covariance, rows, baselineRow) };
}

/** A measure's level and % change from the baseline state at each design row. */
export function measureTimeCourse(beta: Float64Array, covariance: Float64Array, rows: Float64Array[], baselineRow: Float64Array): DynamicTimeCourse {
  const timeCourse = emptyTimeCourse(rows.length);
  rows.forEach((row, t) => {
    const { level, percentChange } = levelAndChange(beta, covariance, row, baselineRow);
    setTimePoint(timeCourse, t, level, percentChange);
  });
  return timeCourse;
}

/** A ratio's value and % change from the baseline state at each design row. */
export function ratioTimeCourse(
  betaA: Float64Array,
  betaB: Float64Array,
  covariance: RatioCovariance,
  rows: Float64Array[],
  baselineRow: Float64Array,
): DynamicTimeCourse {
  const timeCourse = emptyTimeCourse(rows.length);
  rows.forEach((row, t) => {
    const { ratio, percentChange } = ratioAndChange(betaA, betaB, covariance, row, baselineRow);
    setTimePoint(timeCourse, t, ratio, percentChange);
  });
  return timeCourse;
}

function ratioResult(a: Measure, b: Measure, algebra: BetaAlgebra, rows: Float64Array[], baselineRow: Float64Array): DynamicRatioResult {
  const betaA = algebra.betasOf(a);
  const betaB = algebra.betasOf(b);
  const covariance = algebra.ratioCovariance(a, b);
  return {
    numerator: a.name,
    denominator: b.name,
    baseline: ratioAndChange(betaA, betaB, covariance, baselineRow, baselineRow).ratio,
    timeCourse: ratioTimeCourse(betaA, betaB, covariance, rows, baselineRow),
  };
}

/** Default contrasts (each non-baseline regressor alone) then the requested ones, as regressor weight rows. */
function contrastRows(names: string[], baselineIndex: number, extra: DynamicContrastSpec[]): { name: string; weights: Float64Array }[] {
  const out = names.flatMap((name, r) => (r === baselineIndex ? [] : [{ name, weights: unitRow(names.length, r) }]));
  for (const spec of extra) {
    if (out.some((c) => c.name === spec.name)) throw new DataError(`dynamic fit: contrast name "${spec.name}" is used twice`);
    const weights = new Float64Array(names.length);
    for (const [regressor, w] of Object.entries(spec.weights)) {
      const r = names.indexOf(regressor);
      if (r < 0) throw new DataError(`dynamic fit: contrast "${spec.name}" names unknown regressor "${regressor}" (design: ${names.join(', ')})`);
      weights[r] = w;
    }
    out.push({ name: spec.name, weights });
  }
  return out;
}

function contrastResults(
  contrasts: { name: string; weights: Float64Array }[],
  measureList: Measure[],
  ratioPairs: [string, string][],
  measureByName: Map<string, Measure>,
  algebra: BetaAlgebra,
  baselineRow: Float64Array,
): DynamicContrastResult[] {
  const out: DynamicContrastResult[] = [];
  for (const contrast of contrasts) {
    const state = Float64Array.from(baselineRow, (v, r) => v + contrast.weights[r]);
    for (const measure of measureList) {
      const beta = algebra.betasOf(measure);
      const covariance = algebra.crossCovariance(measure, measure);
      const baseline = levelAndChange(beta, covariance, baselineRow, baselineRow).level;
      const effect = levelAndChange(beta, covariance, contrast.weights, baselineRow).level;
      // 100·cᵀβ/β0 is the % change from the baseline state to baseline + c
      const percentOfBaseline = levelAndChange(beta, covariance, state, baselineRow).percentChange;
      out.push({ contrast: contrast.name, measure: measure.name, kind: 'metabolite', baseline, effect, percentOfBaseline });
    }
    for (const [a, b] of ratioPairs) {
      const ma = measureByName.get(a)!;
      const mb = measureByName.get(b)!;
      const covariance = algebra.ratioCovariance(ma, mb);
      const betaA = algebra.betasOf(ma);
      const betaB = algebra.betasOf(mb);
      const baseline = ratioAndChange(betaA, betaB, covariance, baselineRow, baselineRow).ratio;
      const { difference, percentChange } = ratioAndChange(betaA, betaB, covariance, state, baselineRow);
      out.push({ contrast: contrast.name, measure: `${a}/${b}`, kind: 'ratio', baseline, effect: difference, percentOfBaseline: percentChange });
    }
  }
  return out;
}

function emptyTimeCourse(n: number): DynamicTimeCourse {
  return { values: new Float64Array(n), sd: new Float64Array(n), percentChange: new Float64Array(n), percentChangeSd: new Float64Array(n) };
}

function setTimePoint(course: DynamicTimeCourse, t: number, level: Estimate, percentChange: Estimate): void {
  course.values[t] = level.value;
  course.sd[t] = level.sd;
  course.percentChange[t] = percentChange.value;
  course.percentChangeSd[t] = percentChange.sd;
}
