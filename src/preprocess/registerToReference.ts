/**
 * Time-domain spectral registration of one transient to a reference (Near et al. 2015, MRM 73:44):
 * find the frequency f and phase φ minimising ‖ref − T·exp(i(2πft + φ))‖² over the first part of the
 * band-limited FID. A coarse cross-correlation search catches large jumps; Levenberg–Marquardt with
 * analytic derivatives then refines both parameters.
 */
import { forwardFft } from '../dsp/fft.js';
import { shiftAndPhaseInPlace } from '../dsp/fidOps.js';
import type { SpectralGrid } from '../dsp/ppm.js';
import { bandLimitFid } from './bandLimit.js';

export interface RegistrationOptions {
  /** ppm window the registration sees (default [1.9, 4.2]: NAA, Glx, Cr, Cho). */
  ppmRange?: [number, number];
  /** Length of the FID used, seconds (default 0.2: later points are mostly noise). */
  fitDurationS?: number;
  /** Half-width of the coarse frequency search, Hz (default 50). */
  maxShiftHz?: number;
  /** Down-weight time points with outlying residuals (Huber IRLS). */
  robust?: boolean;
}

/** A reference FID prepared once (band-limited, truncated) and shared by every transient registered to it. */
export interface RegistrationReference {
  fid: Float64Array;
  ppmRange: [number, number];
  fitPoints: number;
}

/** Correction to apply to the transient: multiply by exp(i(2π·frequencyHz·t + phase)). */
export interface RegistrationEstimate {
  frequencyHz: number;
  phaseDeg: number;
  iterations: number;
  converged: boolean;
  /** The coarse search peaked at the edge of ±maxShiftHz: the true shift may lie outside it. */
  atSearchEdge: boolean;
}

export const DEFAULT_PPM_RANGE: [number, number] = [1.9, 4.2];
export const DEFAULT_FIT_DURATION_S = 0.2;
const DEFAULT_MAX_SHIFT_HZ = 50;
/** Grid spacing of the coarse search before parabolic interpolation, Hz. */
const COARSE_STEP_HZ = 1;

export function fitPointsFor(grid: SpectralGrid, options: RegistrationOptions = {}): number {
  const duration = options.fitDurationS ?? DEFAULT_FIT_DURATION_S;
  return Math.max(16, Math.min(grid.points, Math.round(duration / grid.dwellTimeS)));
}

/** Band-limit and truncate a full-length reference FID for registration. */
export function prepareReference(
  fid: Float64Array,
  grid: SpectralGrid,
  options: RegistrationOptions = {},
): RegistrationReference {
  const ppmRange = options.ppmRange ?? DEFAULT_PPM_RANGE;
  const fitPoints = fitPointsFor(grid, options);
  return { fid: bandLimitFid(fid, grid, ppmRange[0], ppmRange[1], fitPoints), ppmRange, fitPoints };
}

export function registerToReference(
  fid: Float64Array,
  reference: RegistrationReference,
  grid: SpectralGrid,
  options: RegistrationOptions = {},
): RegistrationEstimate {
  const maxShiftHz = options.maxShiftHz ?? DEFAULT_MAX_SHIFT_HZ;
  const [lowPpm, highPpm] = reference.ppmRange;
  const marginPpm = maxShiftHz / grid.spectrometerFrequencyMHz;
  // the transient's window is widened by the search range so a shifted peak is not cut off
  const wide = bandLimitFid(fid, grid, lowPpm - marginPpm, highPpm + marginPpm, reference.fitPoints);
  const coarse = coarseSearch(reference.fid, wide, grid.dwellTimeS, maxShiftHz);

  const shifted = Float64Array.from(fid);
  shiftAndPhaseInPlace(shifted, grid.dwellTimeS, coarse.frequencyHz, coarse.phaseRad);
  const windowed = bandLimitFid(shifted, grid, lowPpm, highPpm, reference.fitPoints);
  const fine = refineShiftAndPhase(reference.fid, windowed, grid.dwellTimeS, options.robust ?? false);
  return {
    frequencyHz: coarse.frequencyHz + fine.frequencyHz,
    phaseDeg: wrapDeg(((coarse.phaseRad + fine.phaseRad) * 180) / Math.PI),
    iterations: fine.iterations,
    converged: fine.converged,
    atSearchEdge: coarse.atEdge,
  };
}

/**
 * Maximise |C(f)|, C(f) = Σ conj(ref)·x·exp(i2πft), on a grid by one zero-padded FFT; the best phase
 * is then −arg C(f). Parabolic interpolation of |C| between grid points.
 */
function coarseSearch(
  ref: Float64Array,
  x: Float64Array,
  dwellTimeS: number,
  maxShiftHz: number,
): { frequencyHz: number; phaseRad: number; atEdge: boolean } {
  const points = ref.length / 2;
  let size = 16;
  while (size < points || size * dwellTimeS * COARSE_STEP_HZ < 1) size *= 2;
  const product = new Float64Array(2 * size);
  for (let n = 0; n < points; n++) {
    const rr = ref[2 * n];
    const ri = ref[2 * n + 1];
    const xr = x[2 * n];
    const xi = x[2 * n + 1];
    // conj(conj(ref)·x), so the forward FFT yields conj(C) at f = k/(size·dwell)
    product[2 * n] = rr * xr + ri * xi;
    product[2 * n + 1] = -(rr * xi - ri * xr);
  }
  const spectrum = new Float64Array(2 * size);
  forwardFft(product, spectrum);
  const stepHz = 1 / (size * dwellTimeS);
  const maxBin = Math.min(size / 2 - 1, Math.floor(maxShiftHz / stepHz));
  const magnitudeAt = (bin: number): number => {
    const k = ((bin % size) + size) % size;
    return Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]);
  };
  let bestBin = 0;
  let bestMagnitude = -1;
  for (let bin = -maxBin; bin <= maxBin; bin++) {
    const m = magnitudeAt(bin);
    if (m > bestMagnitude) {
      bestMagnitude = m;
      bestBin = bin;
    }
  }
  const below = magnitudeAt(bestBin - 1);
  const above = magnitudeAt(bestBin + 1);
  const curvature = below - 2 * bestMagnitude + above;
  const offset = curvature < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (below - above)) / curvature)) : 0;
  const frequencyHz = (bestBin + offset) * stepHz;
  const c = crossCorrelationAt(ref, x, dwellTimeS, frequencyHz);
  return { frequencyHz, phaseRad: -Math.atan2(c[1], c[0]), atEdge: Math.abs(bestBin) >= maxBin };
}

function crossCorrelationAt(ref: Float64Array, x: Float64Array, dwellTimeS: number, frequencyHz: number): [number, number] {
  let re = 0;
  let im = 0;
  for (let n = 0; n < ref.length / 2; n++) {
    const angle = 2 * Math.PI * frequencyHz * n * dwellTimeS;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const xr = x[2 * n] * c - x[2 * n + 1] * s;
    const xi = x[2 * n] * s + x[2 * n + 1] * c;
    re += ref[2 * n] * xr + ref[2 * n + 1] * xi;
    im += ref[2 * n] * xi - ref[2 * n + 1] * xr;
  }
  return [re, im];
}

interface Refinement {
  frequencyHz: number;
  phaseRad: number;
  iterations: number;
  converged: boolean;
}

const MAX_ITERATIONS = 50;
const IRLS_ROUNDS = 3;
/** Huber threshold in units of the residual's robust scale. */
const HUBER_K = 2.5;

/** Levenberg–Marquardt on (f, φ) with the analytic Jacobian; optionally reweighted (Huber) for robustness. */
function refineShiftAndPhase(ref: Float64Array, x: Float64Array, dwellTimeS: number, robust: boolean): Refinement {
  const points = ref.length / 2;
  const weights = new Float64Array(points).fill(1);
  let result = levenbergMarquardt(ref, x, dwellTimeS, weights, 0, 0);
  if (!robust) return result;
  for (let round = 0; round < IRLS_ROUNDS; round++) {
    huberWeights(ref, x, dwellTimeS, result.frequencyHz, result.phaseRad, weights);
    const next = levenbergMarquardt(ref, x, dwellTimeS, weights, result.frequencyHz, result.phaseRad);
    result = { ...next, iterations: result.iterations + next.iterations };
  }
  return result;
}

function levenbergMarquardt(
  ref: Float64Array,
  x: Float64Array,
  dwellTimeS: number,
  weights: Float64Array,
  startHz: number,
  startRad: number,
): Refinement {
  const points = ref.length / 2;
  let frequencyHz = startHz;
  let phaseRad = startRad;
  let cost = weightedCost(ref, x, dwellTimeS, weights, frequencyHz, phaseRad);
  let lambda = 1e-3;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    // normal equations: JᵀJ = Σ w|x|²[[(2πt)², 2πt], [2πt, 1]], Jᵀr = −Σ w·Im(conj(m)·ref)·[2πt, 1]
    let a11 = 0;
    let a12 = 0;
    let a22 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let n = 0; n < points; n++) {
      const omegaT = 2 * Math.PI * n * dwellTimeS;
      const angle = omegaT * frequencyHz + phaseRad;
      const c = Math.cos(angle);
      const s = Math.sin(angle);
      const mr = x[2 * n] * c - x[2 * n + 1] * s;
      const mi = x[2 * n] * s + x[2 * n + 1] * c;
      const w = weights[n];
      const power = w * (mr * mr + mi * mi);
      const imag = w * (mr * ref[2 * n + 1] - mi * ref[2 * n]);
      a11 += power * omegaT * omegaT;
      a12 += power * omegaT;
      a22 += power;
      g1 -= omegaT * imag;
      g2 -= imag;
    }
    let accepted = false;
    while (lambda < 1e12) {
      const d11 = a11 * (1 + lambda);
      const d22 = a22 * (1 + lambda);
      const det = d11 * d22 - a12 * a12;
      const stepHz = -(d22 * g1 - a12 * g2) / det;
      const stepRad = -(d11 * g2 - a12 * g1) / det;
      const trialCost = weightedCost(ref, x, dwellTimeS, weights, frequencyHz + stepHz, phaseRad + stepRad);
      if (trialCost <= cost) {
        frequencyHz += stepHz;
        phaseRad += stepRad;
        const improvement = cost - trialCost;
        cost = trialCost;
        lambda = Math.max(lambda / 10, 1e-9);
        accepted = true;
        if ((Math.abs(stepHz) < 1e-6 && Math.abs(stepRad) < 1e-7) || improvement <= 1e-14 * cost) {
          return { frequencyHz, phaseRad, iterations: iteration, converged: true };
        }
        break;
      }
      lambda *= 10;
    }
    // no step lowers the cost: we sit at the minimum to machine precision
    if (!accepted) return { frequencyHz, phaseRad, iterations: iteration, converged: true };
  }
  return { frequencyHz, phaseRad, iterations: MAX_ITERATIONS, converged: false };
}

function weightedCost(
  ref: Float64Array,
  x: Float64Array,
  dwellTimeS: number,
  weights: Float64Array,
  frequencyHz: number,
  phaseRad: number,
): number {
  let cost = 0;
  for (let n = 0; n < ref.length / 2; n++) {
    const angle = 2 * Math.PI * frequencyHz * n * dwellTimeS + phaseRad;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const dr = ref[2 * n] - (x[2 * n] * c - x[2 * n + 1] * s);
    const di = ref[2 * n + 1] - (x[2 * n] * s + x[2 * n + 1] * c);
    cost += weights[n] * (dr * dr + di * di);
  }
  return cost;
}

/** Huber weights from the residual magnitudes; the scale comes from their median (Rayleigh-distributed). */
function huberWeights(
  ref: Float64Array,
  x: Float64Array,
  dwellTimeS: number,
  frequencyHz: number,
  phaseRad: number,
  weights: Float64Array,
): void {
  const points = ref.length / 2;
  const magnitudes = new Float64Array(points);
  for (let n = 0; n < points; n++) {
    const angle = 2 * Math.PI * frequencyHz * n * dwellTimeS + phaseRad;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    magnitudes[n] = Math.hypot(
      ref[2 * n] - (x[2 * n] * c - x[2 * n + 1] * s),
      ref[2 * n + 1] - (x[2 * n] * s + x[2 * n + 1] * c),
    );
  }
  const sorted = Float64Array.from(magnitudes).sort();
  const scale = sorted[points >> 1] / Math.sqrt(2 * Math.LN2);
  const limit = HUBER_K * scale;
  for (let n = 0; n < points; n++) weights[n] = magnitudes[n] <= limit || limit === 0 ? 1 : limit / magnitudes[n];
}

export function wrapDeg(deg: number): number {
  return ((((deg + 180) % 360) + 360) % 360) - 180;
}
