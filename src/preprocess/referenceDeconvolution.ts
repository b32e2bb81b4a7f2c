/**
 * Reference deconvolution of the lineshape (QUALITY, de Graaf et al. 1990; with a crossover to limit noise
 * as in QUECC, Bartha et al. 2000). The unsuppressed water FID w(t) from the same voxel carries the voxel's
 * lineshape distortion d(t) on top of its own ideal line. Multiplying a metabolite FID by
 * target(t)/d(t) makes every line of it take the target's Voigt shape. The target is the water's own Voigt
 * decay (fitted to |w|), so the correction is ≈ 1 in magnitude: it removes asymmetry and eddy-current phase,
 * not linewidth, and amplifies noise little. Where the water sinks towards its noise the correction fades,
 * with a Wiener-like weight, to no correction at all.
 */
import type { ProcessingStep } from '../types/mrsData.js';
import { DataError } from '../util/errors.js';
import { fitWaterLine, gaussianFwhmHz, type WaterLineModel } from './waterLineModel.js';

/** One complex FID (interleaved) with its dwell time. */
export interface TimeSignal {
  fid: Float64Array;
  dwellTimeS: number;
}

export interface ReferenceDeconvolutionOptions {
  /**
   * Keep the water's own frequency offset and phase in the corrected data. Default false, as in Klose's
   * eddy-current correction: the water's offset and phase are removed too (water moves to 4.65 ppm).
   */
  keepWaterFrequency?: boolean;
  /**
   * Water signal-to-noise ratio (fitted envelope over the noise SD of one FID point) at which the correction
   * is half applied; weight s²/(s² + crossoverSnr²). Default 30.
   */
  crossoverSnr?: number;
  /** Largest magnitude of the deconvolution ratio target/d (guards points where the water FID dips). Default 4. */
  maxGain?: number;
}

export interface ReferenceDeconvolutionQc {
  waterOffsetHz: number;
  waterPhaseDeg: number;
  /** Voigt fitted to the water's decay = the target lineshape. */
  waterLorentzianHz: number;
  waterGaussianHz: number;
  /** FWHM of the target Voigt line, Hz (Olivero–Longbothum approximation). */
  targetFwhmHz: number;
  /** Time at which the correction weight falls to one half, s. */
  crossoverTimeS: number;
  /**
   * Fraction of the water line (L2 norm, offset and phase removed) that is antisymmetric about its centre,
   * before and after applying the correction to the water itself; 0 for a symmetric line.
   */
  asymmetryBefore: number;
  asymmetryAfter: number;
  /** Factor by which the correction scales white noise (RMS of its magnitude over the FID). */
  noiseGain: number;
}

/** Multiplier of a FID (interleaved complex), with what it was derived from. */
export interface LineshapeCorrection {
  factor: Float64Array;
  dwellTimeS: number;
  qc: ReferenceDeconvolutionQc;
}

export interface ReferenceDeconvolutionResult {
  fid: Float64Array;
  qc: ReferenceDeconvolutionQc;
  step: ProcessingStep;
}

const DEFAULT_CROSSOVER_SNR = 30;
const DEFAULT_MAX_GAIN = 4;

/** The correction a water reference implies; apply it to any FID on the same time grid. */
export function lineshapeCorrection(water: TimeSignal, options: ReferenceDeconvolutionOptions = {}): LineshapeCorrection {
  assertFinite(water.fid, 'water reference');
  const crossoverSnr = options.crossoverSnr ?? DEFAULT_CROSSOVER_SNR;
  const maxGain = options.maxGain ?? DEFAULT_MAX_GAIN;
  const model = fitWaterLine(water.fid, water.dwellTimeS);
  const points = water.fid.length / 2;
  // distortion d = w·exp(−i(2π·offset·t + phase)) and the correction relative to it (offset kept)
  const distortion = new Float64Array(2 * points);
  const relative = new Float64Array(2 * points);
  let crossoverTimeS = points * water.dwellTimeS;
  for (let n = 0; n < points; n++) {
    const t = n * water.dwellTimeS;
    const angle = 2 * Math.PI * model.offsetHz * t + model.phaseRad;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const dr = water.fid[2 * n] * c + water.fid[2 * n + 1] * s;
    const di = water.fid[2 * n + 1] * c - water.fid[2 * n] * s;
    distortion[2 * n] = dr;
    distortion[2 * n + 1] = di;
    const envelope = model.amplitude * Math.exp(-Math.PI * model.lorentzianHz * t - model.gaussianRate * t * t);
    const snr = envelope / model.noiseSd;
    // a noise-free (simulated) reference is trusted everywhere
    const weight = model.noiseSd > 0 ? (snr * snr) / (snr * snr + crossoverSnr * crossoverSnr) : 1;
    if (weight < 0.5 && crossoverTimeS > t) crossoverTimeS = t;
    // ratio = envelope / d, its magnitude capped
    const d2 = dr * dr + di * di;
    let rr = d2 > 0 ? (envelope * dr) / d2 : 0;
    let ri = d2 > 0 ? (-envelope * di) / d2 : 0;
    const gain = Math.hypot(rr, ri);
    if (gain > maxGain) {
      rr *= maxGain / gain;
      ri *= maxGain / gain;
    }
    relative[2 * n] = weight * rr + (1 - weight);
    relative[2 * n + 1] = weight * ri;
  }
  const factor = options.keepWaterFrequency ? relative : withoutWaterOffset(relative, model, water.dwellTimeS);
  let sumSquares = 0;
  for (let n = 0; n < points; n++) sumSquares += factor[2 * n] ** 2 + factor[2 * n + 1] ** 2;
  return {
    factor,
    dwellTimeS: water.dwellTimeS,
    qc: {
      waterOffsetHz: model.offsetHz,
      waterPhaseDeg: (model.phaseRad * 180) / Math.PI,
      waterLorentzianHz: model.lorentzianHz,
      waterGaussianHz: gaussianFwhmHz(model.gaussianRate),
      targetFwhmHz: voigtFwhmHz(model),
      crossoverTimeS,
      asymmetryBefore: antisymmetricFraction(distortion),
      asymmetryAfter: antisymmetricFraction(multiply(distortion, relative)),
      noiseGain: Math.sqrt(sumSquares / points),
    },
  };
}

/** Multiply a FID by a correction point by point. */
export function applyLineshapeCorrection(fid: Float64Array, correction: LineshapeCorrection): Float64Array {
  if (fid.length !== correction.factor.length) {
    throw new DataError(`lineshape correction has ${correction.factor.length / 2} points, the data ${fid.length / 2}`);
  }
  return multiply(fid, correction.factor);
}

/**
 * Reference deconvolution of one metabolite FID with the water FID of the same voxel (same points and dwell
 * time): lines made Voigt with the water's own width, eddy-current phase removed.
 */
export function referenceDeconvolution(
  metabolite: TimeSignal,
  water: TimeSignal,
  options: ReferenceDeconvolutionOptions = {},
): ReferenceDeconvolutionResult {
  if (water.fid.length !== metabolite.fid.length) {
    throw new DataError(`water reference has ${water.fid.length / 2} points, the metabolite data ${metabolite.fid.length / 2}`);
  }
  if (Math.abs(water.dwellTimeS - metabolite.dwellTimeS) > 1e-9 * metabolite.dwellTimeS) {
    throw new DataError(`water reference dwell time ${water.dwellTimeS} s differs from the metabolite data's ${metabolite.dwellTimeS} s`);
  }
  assertFinite(metabolite.fid, 'metabolite data');
  const correction = lineshapeCorrection(water, options);
  const { qc } = correction;
  return {
    fid: applyLineshapeCorrection(metabolite.fid, correction),
    qc,
    step: deconvolutionStep(qc, options.keepWaterFrequency ?? false),
  };
}

/** The provenance record of a lineshape correction. */
export function deconvolutionStep(qc: ReferenceDeconvolutionQc, keepWaterFrequency: boolean): ProcessingStep {
  return {
    method: 'Reference deconvolution',
    details:
      `water reference lineshape replaced by a Voigt line (Lorentzian ${qc.waterLorentzianHz.toFixed(2)} Hz, ` +
      `Gaussian ${qc.waterGaussianHz.toFixed(2)} Hz), crossover ${(1000 * qc.crossoverTimeS).toFixed(0)} ms, ` +
      `noise ×${qc.noiseGain.toFixed(3)}${keepWaterFrequency ? ' (water frequency offset kept)' : ''}`,
    program: 'glutrace',
  };
}

function assertFinite(fid: Float64Array, what: string): void {
  const bad = fid.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new DataError(`${what} contains NaN or infinite samples (first at complex point ${bad >> 1})`);
}

function multiply(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i += 2) {
    out[i] = a[i] * b[i] - a[i + 1] * b[i + 1];
    out[i + 1] = a[i] * b[i + 1] + a[i + 1] * b[i];
  }
  return out;
}

/** The correction times exp(−i(2π·offset·t + phase)), which also moves the water to 0 Hz and phase 0. */
function withoutWaterOffset(relative: Float64Array, model: WaterLineModel, dwellTimeS: number): Float64Array {
  const out = new Float64Array(relative.length);
  for (let n = 0; n < relative.length / 2; n++) {
    const angle = -(2 * Math.PI * model.offsetHz * n * dwellTimeS + model.phaseRad);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    out[2 * n] = relative[2 * n] * c - relative[2 * n + 1] * s;
    out[2 * n + 1] = relative[2 * n] * s + relative[2 * n + 1] * c;
  }
  return out;
}

/**
 * ‖Im d‖/‖d‖ of a line centred at 0 Hz with phase 0: a line is symmetric about its centre exactly when its
 * FID is real, so the imaginary part is the antisymmetric part of the spectrum (Parseval).
 */
function antisymmetricFraction(distortion: Float64Array): number {
  let imaginary = 0;
  let total = 0;
  for (let i = 0; i < distortion.length; i += 2) {
    imaginary += distortion[i + 1] ** 2;
    total += distortion[i] ** 2 + distortion[i + 1] ** 2;
  }
  return total > 0 ? Math.sqrt(imaginary / total) : 0;
}

function voigtFwhmHz(model: WaterLineModel): number {
  const lorentzian = model.lorentzianHz;
  const gaussian = gaussianFwhmHz(model.gaussianRate);
  return 0.5346 * lorentzian + Math.sqrt(0.2166 * lorentzian * lorentzian + gaussian * gaussian);
}
