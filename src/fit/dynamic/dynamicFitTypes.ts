import type { FitOptions } from '../fitOptions.js';
import type { Estimate } from './measureAlgebra.js';

export type { Estimate } from './measureAlgebra.js';

/** A contrast: weights on regressors; its effect is the change from the baseline state to baseline + weights. */
export interface DynamicContrastSpec {
  name: string;
  weights: Record<string, number>;
}

export interface DynamicFitOptions extends Omit<FitOptions, 'model' | 'basis' | 'lineshape'> {
  /** 1 = use the transient (default: all); rejected transients still get fitted time-course values. */
  accepted?: Uint8Array;
  /** Extra contrasts; one per non-baseline regressor (weight 1) is always reported. */
  contrasts?: DynamicContrastSpec[];
  /** Ratios [numerator, denominator] reported where both measures exist. Default Glx and Glu over tNAA and tCr. */
  ratios?: [string, string][];
  /**
   * Let the metabolites' frequency and Lorentzian width follow the design too (linearised about the average
   * fit), so a linewidth change with the stimulus (BOLD) is estimated instead of leaking into the amplitudes.
   * Default false.
   */
  timeVaryingLineshape?: boolean;
  /**
   * Passes of the per-transient refinement: each transient gets its own zero-order phase and (without
   * `timeVaryingLineshape`) frequency and Lorentzian width offsets, fitted jointly with β to first order
   * about the model's prediction for it (their directions are re-derived from each pass's β). 0 = one
   * lineshape and phase for all transients, trusting the alignment as it is. Default 2.
   */
  transientRefinementPasses?: number;
}

/** Per regressor, the change of a lineshape parameter (baseline: correction to the average fit's value). */
export interface LineshapeEffects {
  shiftHz: Record<string, Estimate>;
  lorentzianHz: Record<string, Estimate>;
}

/** Per transient: the fitted value, its SD, and the % change from the baseline level with its SD. */
export interface DynamicTimeCourse {
  values: Float64Array;
  sd: Float64Array;
  percentChange: Float64Array;
  percentChangeSd: Float64Array;
}

export interface DynamicMeasureResult {
  /** β per regressor (basis units; the baseline β is the level at infusion start). */
  betas: Record<string, Estimate>;
  /** Covariance of this measure's betas, p×p row-major in `regressorNames` order. */
  betaCovariance: Float64Array;
  timeCourse: DynamicTimeCourse;
}

export interface DynamicRatioResult {
  numerator: string;
  denominator: string;
  /** Ratio of the baseline betas. */
  baseline: Estimate;
  timeCourse: DynamicTimeCourse;
}

/** One contrast for one measure or ratio: baseline level, change, and change as % of baseline (delta-method SDs). */
export interface DynamicContrastResult {
  contrast: string;
  measure: string;
  kind: 'metabolite' | 'ratio';
  baseline: Estimate;
  effect: Estimate;
  percentOfBaseline: Estimate;
}

export interface DynamicFitResult {
  regressorNames: string[];
  /** Fitted components (basis names, plus the built-in MM when added). */
  componentNames: string[];
  /** Components and the combinations Glx, tNAA, tCr, tCho. */
  measures: Record<string, DynamicMeasureResult>;
  /** Keyed "numerator/denominator". */
  ratios: Record<string, DynamicRatioResult>;
  contrasts: DynamicContrastResult[];
  /** Covariance of all component betas, index j·p + r (component j, regressor r). */
  componentBetaCovariance: Float64Array;
  /** With `timeVaryingLineshape`: the metabolites' frequency and Lorentzian width betas; else null. */
  lineshapeEffects: LineshapeEffects | null;
  /** Measures whose baseline β is negative (non-negativity is not imposed on the dynamic betas). */
  negativeBaseline: string[];
  /** θ shared by all transients, fitted on their average. */
  lineshape: {
    groupNames: string[];
    shiftHz: number[];
    lorentzianHz: number[];
    gaussianHz: number[];
    /** Zero-order phase at 4.65 ppm and first-order phase, as in FitResult. */
    phase0Deg: number;
    phase1DegPerPpm: number;
  };
  qc: {
    transientsUsed: number;
    /** Noise SD per real value of a single transient's spectrum, from signal-free ranges. */
    noiseSd: number;
    /** Residual SD per real value over the fit range (the σ of the betas' covariance). */
    residualSd: number;
    residualToNoise: number;
    /** Per transient RMS residual over noise SD (NaN for transients not used). */
    transientResidualToNoise: Float64Array;
    degreesOfFreedom: number;
    /** Iterations of the shared-lineshape fit. */
    iterations: number;
    converged: boolean;
    fitTimeMs: number;
  };
}
