/** Result of fitting one spectrum (a window average or a single transient). */
export interface FitResult {
  model: 'lcm' | 'peaks';
  /**
   * Amplitude per metabolite (basis names as the basis spells them, or peak-model names), plus the
   * combinations Glx, tNAA, tCr, tCho where their parts are present. Units: basis units (1 = one basis FID).
   */
  amplitudes: Record<string, number>;
  /** Cramér–Rao lower bound (SD) for each entry of `amplitudes`, same units. */
  crlbSd: Record<string, number>;
  /** Covariance of the fitted (non-combination) amplitudes, row-major, in `covarianceNames` order. */
  covarianceNames: string[];
  covariance: Float64Array;
  phase0Deg: number;
  phase1DegPerPpm: number;
  /** Global frequency shift applied to the model, Hz. */
  shiftHz: number;
  /** Effective Lorentzian broadening added to the basis, Hz. */
  lorentzianHz: number;
  /** Effective Gaussian broadening added to the basis, Hz (FWHM). */
  gaussianHz: number;
  /** Curves over the fitted ppm range, real part after phasing, for plots. */
  curves: FitCurves;
  qc: FitQc;
}

export interface FitCurves {
  ppm: Float64Array;
  data: Float64Array;
  fit: Float64Array;
  baseline: Float64Array;
  residual: Float64Array;
}

export interface FitQc {
  /** Height of the `qcPeak` singlet in the fitted model over the noise SD (noise from a signal-free region). */
  snr: number;
  /** Linewidth (FWHM, Hz) of the `qcPeak` singlet in the fitted model. */
  fwhmHz: number;
  /**
   * Which line SNR and FWHM were measured on: the NAA, else tCr, else tCho singlet (the first fitted above
   * zero), else 'model' (the tallest line of the fitted metabolites); null only when every amplitude is zero
   * (SNR and FWHM are then NaN).
   */
  qcPeak: 'NAA' | 'tCr' | 'tCho' | 'model' | null;
  /** RMS of the residual over the fit range relative to the noise SD (≈1 for a good fit). */
  residualToNoise: number;
  iterations: number;
  converged: boolean;
  fitTimeMs: number;
  /** Plain-language reasons to distrust this fit (empty when none); a fit with warnings is still returned. */
  warnings: string[];
}
