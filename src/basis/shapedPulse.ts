import { DataError } from '../util/errors.js';
import { refocusingProfileFwhmHz, singleSpinPulsePropagator } from './singleSpinPulse.js';

/**
 * A shaped RF pulse as piecewise-constant samples of equal length.
 * B1 of sample k (as γB1/2π, Hz) is `b1MaxHz·amplitude[k]`, applied along the rotating-frame axis at angle
 * `phaseRad[k]` from x (plus the phase the sequence gives the pulse). The slice-select gradient maps
 * `bandwidthHz` onto the nominal slice thickness, so positions are expressed as gradient offsets in Hz.
 */
export interface ShapedPulse {
  name: string;
  durationS: number;
  /** Relative amplitude per sample, peak 1. */
  amplitude: Float64Array;
  phaseRad: Float64Array;
  /** Calibrated peak B1, Hz. */
  b1MaxHz: number;
  /**
   * Slice bandwidth, Hz: FWHM of the Bloch-simulated refocusing profile |β|², which the slice-select gradient maps
   * onto the nominal slice thickness. For a 180° Hann-sinc it is ≈ 0.67–0.74 × TBW/T (the small-tip design
   * bandwidth); for HS1 close to the frequency sweep.
   */
  bandwidthHz: number;
  /** Nominal on-resonance flip angle the amplitude was calibrated for. */
  flipAngleRad: number;
}

export interface SincPulseSpec {
  durationS: number;
  /** Zero crossings across the pulse (time-bandwidth product); small-tip design bandwidth = timeBandwidth / duration. */
  timeBandwidth: number;
  flipAngleRad: number;
  samples?: number;
}

const DEFAULT_SAMPLES = 128;

/**
 * Hann-windowed sinc (e.g. Pauly et al. 1991, IEEE TMI 10:53): sinc(TBW·τ)·½(1 + cos 2πτ), τ ∈ [−½, ½].
 * Negative lobes are carried as phase π. B1 is calibrated numerically for the on-resonance flip angle.
 */
export function hannSincPulse(spec: SincPulseSpec): ShapedPulse {
  const { durationS, timeBandwidth, flipAngleRad } = spec;
  const samples = spec.samples ?? DEFAULT_SAMPLES;
  if (!(durationS > 0)) throw new DataError(`shaped pulse: duration must be positive, got ${durationS} s`);
  if (!(timeBandwidth >= 2)) throw new DataError(`shaped pulse: sinc time-bandwidth product must be ≥ 2, got ${timeBandwidth}`);
  checkSamples(samples);
  const amplitude = new Float64Array(samples);
  const phaseRad = new Float64Array(samples);
  for (let k = 0; k < samples; k++) {
    const tau = (k + 0.5) / samples - 0.5;
    const x = Math.PI * timeBandwidth * tau;
    const value = (x === 0 ? 1 : Math.sin(x) / x) * 0.5 * (1 + Math.cos(2 * Math.PI * tau));
    amplitude[k] = Math.abs(value);
    phaseRad[k] = value < 0 ? Math.PI : 0;
  }
  normalisePeak(amplitude);
  const shape = { name: `Hann-sinc TBW ${timeBandwidth}`, durationS, amplitude, phaseRad, flipAngleRad };
  return withMeasuredBandwidth({ ...shape, b1MaxHz: calibrateFlipAngle(shape) }, timeBandwidth / durationS);
}

export interface HyperbolicSecantSpec {
  durationS: number;
  /** Frequency sweep, Hz (the inverted band). */
  bandwidthHz: number;
  /** β of sech(βτ); 5.3 truncates the amplitude at 1 %. */
  truncation?: number;
  /** B1 as a multiple of the adiabatic threshold (on-resonance inversion reaching 99 %). */
  adiabaticMargin?: number;
  samples?: number;
}

/**
 * HS1 adiabatic full passage (Silver, Joseph & Hoult 1984; Garwood & DelaBarre 2001), τ = 2t/T − 1:
 * B1 ∝ sech(βτ), frequency sweep (BW/2)·tanh(βτ), so phase = π·BW·(T/2)/β · ln cosh(βτ).
 * Used in pairs (sLASER), which cancels the position-dependent phase of a single passage.
 */
export function hyperbolicSecantPulse(spec: HyperbolicSecantSpec): ShapedPulse {
  const { durationS, bandwidthHz } = spec;
  const beta = spec.truncation ?? 5.3;
  const samples = spec.samples ?? 256;
  const margin = spec.adiabaticMargin ?? 1.5;
  if (!(durationS > 0)) throw new DataError(`shaped pulse: duration must be positive, got ${durationS} s`);
  if (!(bandwidthHz > 0)) throw new DataError(`shaped pulse: HS1 bandwidth must be positive, got ${bandwidthHz} Hz`);
  checkSamples(samples);
  const amplitude = new Float64Array(samples);
  const phaseRad = new Float64Array(samples);
  for (let k = 0; k < samples; k++) {
    const tau = (2 * (k + 0.5)) / samples - 1;
    amplitude[k] = 1 / Math.cosh(beta * tau);
    phaseRad[k] = ((Math.PI * bandwidthHz * durationS) / (2 * beta)) * Math.log(Math.cosh(beta * tau));
  }
  normalisePeak(amplitude);
  const shape = { name: `HS1 R ${+(bandwidthHz * durationS).toFixed(2)}`, durationS, amplitude, phaseRad, flipAngleRad: Math.PI };
  return withMeasuredBandwidth({ ...shape, b1MaxHz: margin * adiabaticThreshold(shape) }, bandwidthHz);
}

type PulseShape = Omit<ShapedPulse, 'b1MaxHz' | 'bandwidthHz'>;

/** The pulse with its measured refocusing FWHM, searched in steps of 1/200 of the design bandwidth. */
function withMeasuredBandwidth(pulse: PulseShape & { b1MaxHz: number }, designBandwidthHz: number): ShapedPulse {
  return { ...pulse, bandwidthHz: refocusingProfileFwhmHz(pulse, designBandwidthHz / 200) };
}

function checkSamples(samples: number): void {
  if (!Number.isInteger(samples) || samples < 8) throw new DataError(`shaped pulse: need at least 8 samples, got ${samples}`);
}

function normalisePeak(amplitude: Float64Array): void {
  const peak = Math.max(...amplitude);
  for (let k = 0; k < amplitude.length; k++) amplitude[k] /= peak;
}

/** Rotation angle of the on-resonance single-spin propagator, 2·acos(½ Re tr U), in [0, 2π]. */
function onResonanceRotation(shape: PulseShape, b1MaxHz: number): number {
  const u = singleSpinPulsePropagator({ ...shape, b1MaxHz }, 0);
  return 2 * Math.acos(Math.max(-1, Math.min(1, 0.5 * (u[0] + u[6]))));
}

/**
 * Peak B1 giving the nominal flip on resonance, by bisection on the Bloch-simulated rotation angle.
 * The bracket comes from a weak pulse, whose rotation grows linearly with B1 for a fixed-axis (real) waveform.
 */
function calibrateFlipAngle(shape: PulseShape): number {
  const weakHz = 1e-3 / shape.durationS;
  const ratePerHz = onResonanceRotation(shape, weakHz) / weakHz;
  let low = 0;
  let high = (1.5 * shape.flipAngleRad) / ratePerHz;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (low + high);
    if (onResonanceRotation(shape, mid) < shape.flipAngleRad) low = mid;
    else high = mid;
  }
  return 0.5 * (low + high);
}

/** Smallest peak B1 (1 % steps) at which the on-resonance inversion |β|² reaches 0.99. */
function adiabaticThreshold(shape: PulseShape): number {
  for (let b1 = 10; b1 < 1e6; b1 *= 1.01) {
    const u = singleSpinPulsePropagator({ ...shape, b1MaxHz: b1 }, 0);
    if (u[4] ** 2 + u[5] ** 2 >= 0.99) return b1;
  }
  throw new DataError(`shaped pulse: ${shape.name} does not invert below 1 MHz of B1`);
}
