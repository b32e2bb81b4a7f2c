import type { Basis } from '../types/basis.js';

/** The time grid of the spectrum being fitted. */
export interface FitGrid {
  points: number;
  dwellTimeS: number;
  spectrometerFrequencyMHz: number;
  echoTimeS: number | null;
}

export interface BaselineOptions {
  /**
   * 'spline' (default): a regularised cubic-spline baseline (LCModel-style, splineBaseline.ts) whose
   * stiffness is `edPerPpm`; 'polynomial': a Legendre polynomial of `polynomialOrder`. Giving
   * `polynomialOrder` without `kind` selects the polynomial (as before the spline existed).
   */
  kind?: 'spline' | 'polynomial';
  /** Spline baseline: effective degrees of freedom per ppm, each of the real and imaginary parts. Default 1. */
  edPerPpm?: number;
  /** Polynomial order of the complex baseline over the fit range (−1 = none). Default 2. */
  polynomialOrder?: number;
  /**
   * Add the tail of a residual water peak at 4.65 ppm (1/Δν and 1/Δν² terms, free complex coefficients), for
   * spectra whose residual water was not removed. Default false: on clean data the four extra terms cost
   * precision (simulated NAA SD +12 %).
   */
  waterTail?: boolean;
}

export interface FitOptions {
  model: 'lcm' | 'peaks';
  /** Required for `lcm`. */
  basis?: Basis;
  /** Fitted range in ppm, default [0.2, 4.2]. */
  ppmRange?: [number, number];
  baseline?: BaselineOptions;
  /** Signal-free ppm ranges for the noise SD; default: parts of [−4, −1] and [10, 12] ppm inside the spectrum. */
  noisePpmRanges?: [number, number][];
  /**
   * Lineshape-group name per basis name (shift and Lorentzian width are shared within a group). Default:
   * names starting MM, Mac, Lip (any case) form group "macromolecules", the rest "metabolites".
   */
  groups?: Record<string, string>;
  /**
   * lcm only: add the built-in macromolecules: the broad component "MM" (0.9–2.0 ppm lines with fixed ratios)
   * and the free lines MM27 and MM39 (2.7 and 3.86–3.96 ppm, macromoleculeLines.ts). Default: "MM" when the
   * basis has no spectrum named MM…, Mac… or Lip…; MM27 and MM39 also when its only ones are parametric lines
   * below 2.5 ppm (LCModel's MM09–MM20, Lip09–Lip20). true: all not in the basis; false: none.
   */
  addMacromolecules?: boolean;
  /** Peak model only: lineshape of every line. Default 'voigt'. */
  lineshape?: 'lorentzian' | 'gaussian' | 'voigt';
  /** Largest residual frequency offset searched, Hz. Default 0.25 ppm, offsets beyond 0.15 ppm taken only when they match clearly better. */
  maxShiftHz?: number;
  maxIterations?: number;
}

export const DEFAULT_PPM_RANGE: [number, number] = [0.2, 4.2];
