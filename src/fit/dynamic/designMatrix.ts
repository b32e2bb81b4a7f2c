import { DataError } from '../../util/errors.js';

/** A named temporal regressor: one value per transient, in stored order. */
export interface DesignRegressor {
  name: string;
  values: Float64Array;
}

/**
 * The temporal model of a session, as the manifest describes it. Times are minutes from infusion start,
 * so the baseline betas are the levels at the start of the infusion.
 */
export interface DesignSpec {
  infusion: {
    durationMin: number;
    /**
     * Shape of the infusion regressor over [0, durationMin] (0 elsewhere): 'box' = 1; 'ramp' = rises linearly
     * from 0 to 1 at the end of the infusion; 'saturating' = 1 − exp(−t/riseMin) (default riseMin 8).
     */
    shape: 'box' | 'ramp' | 'saturating';
    riseMin?: number;
  };
  /**
   * Post-infusion regressor (t > durationMin): 'box' = 1 (default), 'decay' = exp(−(t − durationMin)/decayMin)
   * (default decayMin 12), 'none' = no such column.
   */
  postInfusion?: { shape: 'box' | 'decay' | 'none'; decayMin?: number };
  /** Add a linear drift column (minutes from infusion start). Default false. */
  drift?: boolean;
  /** User regressors (e.g. from `parseRegressorCsv`), one value per transient. */
  regressors?: DesignRegressor[];
}

/** Design matrix X (n transients × p regressors), stored as named columns. Column 0 is the intercept "baseline". */
export interface DesignMatrix {
  names: string[];
  columns: Float64Array[];
}

export const BASELINE_REGRESSOR = 'baseline';
export const INFUSION_REGRESSOR = 'infusion';
export const POST_INFUSION_REGRESSOR = 'post_infusion';
export const DRIFT_REGRESSOR = 'drift';

export const DEFAULT_RISE_MIN = 8;
export const DEFAULT_DECAY_MIN = 12;

/** Columns of the design at the transient centres `timesMin` (minutes from infusion start). */
export function buildDesignMatrix(timesMin: Float64Array, spec: DesignSpec): DesignMatrix {
  const n = timesMin.length;
  if (n === 0) throw new DataError('design matrix: no transients');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(timesMin[i])) throw new DataError(`design matrix: transient ${i} has no finite time`);
  }
  const durationMin = spec.infusion.durationMin;
  if (!(durationMin > 0)) throw new DataError(`design matrix: infusion duration must be positive, got ${durationMin} min`);
  const names: string[] = [];
  const columns: Float64Array[] = [];
  const add = (name: string, value: (t: number) => number): void => {
    names.push(name);
    columns.push(Float64Array.from(timesMin, value));
  };

  add(BASELINE_REGRESSOR, () => 1);
  const infusionShape = infusionShapeFunction(spec.infusion.shape, durationMin, positiveOr(spec.infusion.riseMin, DEFAULT_RISE_MIN, 'riseMin'));
  add(INFUSION_REGRESSOR, (t) => (t >= 0 && t <= durationMin ? infusionShape(t) : 0));
  const post = spec.postInfusion ?? { shape: 'box' };
  if (post.shape === 'box') add(POST_INFUSION_REGRESSOR, (t) => (t > durationMin ? 1 : 0));
  if (post.shape === 'decay') {
    const decayMin = positiveOr(post.decayMin, DEFAULT_DECAY_MIN, 'decayMin');
    add(POST_INFUSION_REGRESSOR, (t) => (t > durationMin ? Math.exp(-(t - durationMin) / decayMin) : 0));
  }
  if (spec.drift) add(DRIFT_REGRESSOR, (t) => t);

  for (const regressor of spec.regressors ?? []) {
    if (names.includes(regressor.name)) throw new DataError(`design matrix: regressor name "${regressor.name}" is used twice`);
    if (regressor.values.length !== n) {
      throw new DataError(`design matrix: regressor "${regressor.name}" has ${regressor.values.length} values for ${n} transients`);
    }
    const bad = regressor.values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new DataError(`design matrix: regressor "${regressor.name}" value ${bad} is not a finite number`);
    names.push(regressor.name);
    columns.push(Float64Array.from(regressor.values));
  }
  return { names, columns };
}

function infusionShapeFunction(shape: DesignSpec['infusion']['shape'], durationMin: number, riseMin: number): (t: number) => number {
  switch (shape) {
    case 'box':
      return () => 1;
    case 'ramp':
      return (t) => t / durationMin;
    case 'saturating':
      return (t) => 1 - Math.exp(-t / riseMin);
    default:
      throw new DataError(`design matrix: unknown infusion shape "${String(shape)}" (box, ramp or saturating)`);
  }
}

function positiveOr(value: number | undefined, fallback: number, label: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0)) throw new DataError(`design matrix: ${label} must be positive, got ${value}`);
  return value;
}
