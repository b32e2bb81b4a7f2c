import { DataError } from '../../util/errors.js';
import { measureTimeCourse, ratioTimeCourse, unitRow } from './betaSummaries.js';
import { BASELINE_REGRESSOR, type DesignMatrix } from './designMatrix.js';
import type { DynamicFitResult, DynamicTimeCourse } from './dynamicFitTypes.js';
import { BetaAlgebra, measuresOf } from './measureAlgebra.js';

/**
 * The fitted course of a measure ("Glu", "Glx") or ratio ("Glx/tNAA") at the rows of another design with
 * the same regressors, e.g. one built with the same DesignSpec at sliding-window centres, with SDs and the
 * % change from the baseline state.
 */
export function predictTimeCourse(fit: DynamicFitResult, measure: string, design: DesignMatrix): DynamicTimeCourse {
  if (design.names.join('\u0000') !== fit.regressorNames.join('\u0000')) {
    throw new DataError(`dynamic fit: design regressors (${design.names.join(', ')}) differ from the fitted ones (${fit.regressorNames.join(', ')})`);
  }
  const p = design.names.length;
  const n = design.columns[0]?.length ?? 0;
  const componentBetas = new Float64Array(fit.componentNames.length * p);
  fit.componentNames.forEach((name, j) => {
    design.names.forEach((regressor, r) => {
      componentBetas[j * p + r] = fit.measures[name].betas[regressor].value;
    });
  });
  const algebra = new BetaAlgebra(componentBetas, fit.componentBetaCovariance, fit.componentNames.length, p);
  const measures = new Map(measuresOf(fit.componentNames).map((m) => [m.name, m]));
  const find = (name: string) => {
    const found = measures.get(name);
    if (!found) throw new DataError(`dynamic fit: no measure "${name}" (fitted: ${[...measures.keys()].join(', ')})`);
    return found;
  };
  const rows = Array.from({ length: n }, (_, t) => Float64Array.from(design.columns, (column) => column[t]));
  const baselineRow = unitRow(p, design.names.indexOf(BASELINE_REGRESSOR));
  const [numerator, denominator] = measure.split('/');
  if (denominator === undefined) {
    const m = find(numerator);
    return measureTimeCourse(algebra.betasOf(m), algebra.crossCovariance(m, m), rows, baselineRow);
  }
  const a = find(numerator);
  const b = find(denominator);
  return ratioTimeCourse(algebra.betasOf(a), algebra.betasOf(b), algebra.ratioCovariance(a, b), rows, baselineRow);
}
