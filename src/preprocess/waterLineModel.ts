/**
 * The ideal line hidden in a water reference FID: its frequency offset and phase (a straight line through the
 * unwrapped phase) and a Voigt decay A·exp(−π·L·t − G·t²) fitted to its magnitude. What the measured FID has
 * beyond this model is the voxel's lineshape distortion (B0 inhomogeneity, eddy currents), which reference
 * deconvolution removes.
 */
import { unwrappedPhase } from '../dsp/fidOps.js';
import { weightedPolynomialFit } from '../linalg/polynomialFit.js';
import { DataError } from '../util/errors.js';
import { robustSd } from './robustStats.js';

export interface WaterLineModel {
  offsetHz: number;
  phaseRad: number;
  /**
   * Magnitude at t = 0, extrapolated from points 1–3 along the fitted decay: the line's area, which the target
   * keeps. The first stored point is not used (some vendors' filters scale it; Philips SDAT: ×0.6).
   */
  amplitude: number;
  /** Lorentzian FWHM, Hz. */
  lorentzianHz: number;
  /** Gaussian decay rate G of exp(−G·t²), 1/s². */
  gaussianRate: number;
  /** Noise SD of each real component of the FID, from first differences of its last quarter. */
  noiseSd: number;
}

/** Points below this fraction of the largest magnitude (or below MIN_SNR noise SDs) are left out of the fits. */
const FIT_FRACTION = 0.02;
const MIN_SNR = 10;
/** A reference whose largest point is not this many noise SDs above the noise has no usable water line. */
const MIN_PEAK_SNR = 20;

/** Gaussian FWHM (Hz) of exp(−G·t²). */
export function gaussianFwhmHz(gaussianRate: number): number {
  return (2 * Math.sqrt(gaussianRate * Math.LN2)) / Math.PI;
}

/**
 * Noise SD of each real component from the FID's last quarter: first differences cancel the slowly varying
 * signal left there, and a robust SD ignores what remains of it.
 */
function tailNoiseSd(fid: Float64Array): number {
  const points = fid.length / 2;
  const start = Math.max(1, Math.floor((3 * points) / 4));
  const differences: number[] = [];
  for (let n = start; n < points; n++) {
    differences.push(fid[2 * n] - fid[2 * n - 2], fid[2 * n + 1] - fid[2 * n - 1]);
  }
  return robustSd(differences, 0) / Math.SQRT2;
}

/** The water line model of one water reference FID; DataError when the FID holds no usable water line. */
export function fitWaterLine(water: Float64Array, dwellTimeS: number): WaterLineModel {
  const points = water.length / 2;
  const magnitude = new Float64Array(points);
  let peak = 0;
  for (let n = 0; n < points; n++) {
    magnitude[n] = Math.hypot(water[2 * n], water[2 * n + 1]);
    peak = Math.max(peak, magnitude[n]);
  }
  if (peak === 0) throw new DataError('water reference is all zero');
  const noiseSd = tailNoiseSd(water);
  if (peak < MIN_PEAK_SNR * noiseSd) {
    throw new DataError(`water reference has no water line above the noise (largest point ${(peak / noiseSd).toFixed(1)} × noise SD)`);
  }
  // the strong early part of the FID, up to where it first sinks towards the noise
  const limit = Math.max(FIT_FRACTION * peak, MIN_SNR * noiseSd);
  let end = 1;
  while (end < points && magnitude[end] >= limit) end++;
  if (end < 4) throw new DataError(`water reference decays within ${end} points; too few to model its line`);

  const phase = unwrappedPhase(water, end);
  const weights = magnitude.subarray(0, end).map((m) => m * m);
  weights[0] = 0;
  const times = Float64Array.from({ length: end }, (_, n) => n * dwellTimeS);
  const [phaseRad, slope] = weightedPolynomialFit(times, phase, weights, 1);
  const logMagnitude = magnitude.subarray(0, end).map((m) => Math.log(m));
  const { lorentzianHz, gaussianRate } = decayFit(times, logMagnitude, weights);
  // points 1–3 carried back to t = 0 along the fitted decay
  let amplitude = 0;
  for (let n = 1; n <= 3; n++) amplitude += (magnitude[n] * Math.exp(Math.PI * lorentzianHz * times[n] + gaussianRate * times[n] ** 2)) / 3;
  return {
    offsetHz: slope / (2 * Math.PI),
    phaseRad,
    amplitude,
    lorentzianHz,
    gaussianRate,
    noiseSd,
  };
}

/** Decay rates of log A − π·L·t − G·t² fitted with L, G ≥ 0 (a decay that is purely one of the two when the free fit says so). */
function decayFit(
  times: Float64Array,
  logMagnitude: Float64Array,
  weights: Float64Array,
): { lorentzianHz: number; gaussianRate: number } {
  const [, b, c] = weightedPolynomialFit(times, logMagnitude, weights, 2);
  if (b <= 0 && c <= 0) return { lorentzianHz: -b / Math.PI, gaussianRate: -c };
  if (c > 0) {
    const [, b1] = weightedPolynomialFit(times, logMagnitude, weights, 1);
    return { lorentzianHz: Math.max(0, -b1 / Math.PI), gaussianRate: 0 };
  }
  // a rising linear term: purely Gaussian, log A − G·t²
  const squared = times.map((t) => t * t);
  const [, g] = weightedPolynomialFit(squared, logMagnitude, weights, 1);
  return { lorentzianHz: 0, gaussianRate: Math.max(0, -g) };
}
