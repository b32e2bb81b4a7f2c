import { basisComponents, type FitComponents } from '../fitComponents.js';
import type { FitGrid, FitOptions } from '../fitOptions.js';
import { solveLineshape } from '../solveLineshape.js';

/** The fitted range of the spectrum and the model's fixed parts. */
export interface FitRange {
  firstIndex: number;
  /** Complex points in the range. */
  length: number;
  ppm: Float64Array;
  phasePivotPpm: number;
  /** Baseline columns over the range (interleaved complex), fitted freely. */
  baselineColumns: Float64Array[];
}

/**
 * θ shared by every transient, in LineshapeProblem's layout: [shift_g (Hz)…, Lorentzian_g (Hz)…,
 * Gaussian rate_g (s⁻²)…, φ0 (rad, at the pivot), φ1 (rad/ppm)], with the bounds it was fitted within.
 */
export interface SharedLineshape {
  components: FitComponents;
  range: FitRange;
  theta: Float64Array;
  /** 1 where θ_k was free in the fit (its uncertainty enters the betas' covariance). */
  free: Uint8Array;
  /** Component amplitudes of the average at θ (non-negative, as in the static fit). */
  amplitudes: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * Shift, widths and phases from the average of the aligned transients, fitted with the static model
 * (variable projection, non-negative amplitudes, band-windowed like fitSpectrum). With the transients
 * aligned these are common to all of them, and the average carries nearly all the information about them.
 * The baseline is the free polynomial: the dynamic linear model has no roughness penalty.
 */
export function fitSharedLineshape(averageFid: Float64Array, grid: FitGrid, options: FitOptions): SharedLineshape {
  const components = basisComponents(grid, options);
  const polynomial: FitOptions = { ...options, baseline: { ...options.baseline, kind: 'polynomial' } };
  const solved = solveLineshape(averageFid, grid, polynomial, components, true);
  const range: FitRange = {
    firstIndex: solved.firstIndex,
    length: solved.ppm.length,
    ppm: solved.ppm,
    phasePivotPpm: solved.phasePivotPpm,
    baselineColumns: solved.baseline.columns,
  };
  const amplitudes = solved.problem.amplitudes.slice(0, components.names.length);
  return { components, range, theta: solved.params, free: solved.free, amplitudes, iterations: solved.iterations, converged: solved.converged };
}
