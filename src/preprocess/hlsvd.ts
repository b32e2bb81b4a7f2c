/**
 * HLSVD (Barkhuijsen et al. 1987; Lanczos variant after Pijnappel et al. 1992): model the FID as a sum
 * of damped complex exponentials from the signal subspace of its Hankel matrix, then remove the
 * components in the water band. Only the first `fitPoints` points build the Hankel matrix and only its
 * leading singular vectors are computed, so no large dense SVD is needed.
 */
import { hzToPpm, type SpectralGrid } from '../dsp/ppm.js';
import type { ProcessingStep } from '../types/mrsData.js';
import { complexEigenvalues } from './linalg/complexEigenvalues.js';
import { solveComplex } from './linalg/complexSolve.js';
import { hankelLeadingSvd } from './linalg/hankelLanczos.js';
import { WATER_PPM_RANGE } from './qc.js';
import { DataError } from '../util/errors.js';

export interface HlsvdComponent {
  frequencyHz: number;
  ppm: number;
  /** Decay rate, s⁻¹ (Lorentzian FWHM = dampingPerS/π). */
  dampingPerS: number;
  /** Complex amplitude at t = 0. */
  amplitudeRe: number;
  amplitudeIm: number;
}

export interface HlsvdOptions {
  /** Model order (default 25). */
  components?: number;
  /** Points used to build the Hankel matrix (default min(points, 1024)). */
  fitPoints?: number;
}

export function hlsvdDecompose(fid: Float64Array, grid: SpectralGrid, options: HlsvdOptions = {}): HlsvdComponent[] {
  const fitPoints = Math.min(grid.points, options.fitPoints ?? 1024);
  const x = fid.subarray(0, 2 * fitPoints);
  const rows = Math.floor(fitPoints / 2);
  const { u, rank } = hankelLeadingSvd(x, rows, options.components ?? 25);
  const poles = signalPoles(u, rows, rank);
  const amplitudes = leastSquaresAmplitudes(x, poles, rank);
  const dt = grid.dwellTimeS;
  return Array.from({ length: rank }, (_, k) => {
    const zr = poles[2 * k];
    const zi = poles[2 * k + 1];
    const frequencyHz = Math.atan2(zi, zr) / (2 * Math.PI * dt);
    return {
      frequencyHz,
      ppm: hzToPpm(frequencyHz, grid),
      dampingPerS: -Math.log(Math.hypot(zr, zi)) / dt,
      amplitudeRe: amplitudes[2 * k],
      amplitudeIm: amplitudes[2 * k + 1],
    };
  });
}

/** Σ a_k·exp((−d_k + i2πf_k)·t) over `points` points. */
export function synthesizeComponents(components: readonly HlsvdComponent[], grid: SpectralGrid, points = grid.points): Float64Array {
  const out = new Float64Array(2 * points);
  for (const c of components) {
    for (let n = 0; n < points; n++) {
      const t = n * grid.dwellTimeS;
      const decay = Math.exp(-c.dampingPerS * t);
      const angle = 2 * Math.PI * c.frequencyHz * t;
      const cos = Math.cos(angle) * decay;
      const sin = Math.sin(angle) * decay;
      out[2 * n] += c.amplitudeRe * cos - c.amplitudeIm * sin;
      out[2 * n + 1] += c.amplitudeRe * sin + c.amplitudeIm * cos;
    }
  }
  return out;
}

export interface WaterRemovalOptions extends HlsvdOptions {
  /** Components whose frequency falls here are removed (default 4.5–4.9 ppm). */
  ppmRange?: [number, number];
}

export interface WaterRemovalResult {
  fid: Float64Array;
  removed: HlsvdComponent[];
  step: ProcessingStep;
}

/** Subtract the HLSVD components in the water band (decaying ones only) from the whole FID. */
export function removeResidualWater(fid: Float64Array, grid: SpectralGrid, options: WaterRemovalOptions = {}): WaterRemovalResult {
  const [low, high] = options.ppmRange ?? WATER_PPM_RANGE;
  const components = hlsvdDecompose(fid, grid, options);
  const removed = components.filter((c) => c.ppm >= low && c.ppm <= high && c.dampingPerS > 0);
  const model = synthesizeComponents(removed, grid);
  const out = Float64Array.from(fid, (v, i) => v - model[i]);
  return {
    fid: out,
    removed,
    step: {
      method: 'Nuisance peak removal',
      details:
        `HLSVD (Lanczos), ${components.length} components from the first ${Math.min(grid.points, options.fitPoints ?? 1024)} points; ` +
        `removed ${removed.length} in ${low}–${high} ppm`,
      program: 'glutrace',
    },
  };
}

/**
 * `removeResidualWater`, retried on half as many points when the decomposition fails: a growing component
 * fitted to the noise tail of a short FID can overflow the amplitude solve (e.g. Siemens 1024-point RDA), and
 * the early points, where the signal is, decompose cleanly.
 */
export function removeResidualWaterRetrying(fid: Float64Array, grid: SpectralGrid, options: WaterRemovalOptions = {}): WaterRemovalResult {
  try {
    return removeResidualWater(fid, grid, options);
  } catch (err) {
    if (!(err instanceof DataError)) throw err;
    const fitPoints = Math.min(grid.points, options.fitPoints ?? 1024);
    return removeResidualWater(fid, grid, { ...options, fitPoints: Math.floor(fitPoints / 2) });
  }
}

/**
 * Poles from the shift invariance of the signal subspace: U↑ ≈ U↓·Z, Z = (U↓ᴴU↓)⁻¹U↓ᴴU↑. As U has
 * orthonormal columns, U↓ᴴU↓ = I − aaᴴ (a = conj of U's last row), inverted by Sherman–Morrison.
 */
function signalPoles(u: Float64Array, rows: number, rank: number): Float64Array {
  const k = rank;
  const cross = new Float64Array(2 * k * k);
  for (let r = 0; r < rows - 1; r++) {
    for (let p = 0; p < k; p++) {
      const ar = u[2 * (r * k + p)];
      const ai = u[2 * (r * k + p) + 1];
      for (let q = 0; q < k; q++) {
        const br = u[2 * ((r + 1) * k + q)];
        const bi = u[2 * ((r + 1) * k + q) + 1];
        // conj(U↓[r][p])·U↑[r][q]
        cross[2 * (p * k + q)] += ar * br + ai * bi;
        cross[2 * (p * k + q) + 1] += ar * bi - ai * br;
      }
    }
  }
  // a_p = conj(U[last][p]); (I − aaᴴ)⁻¹ = I + aaᴴ/(1 − aᴴa)
  const last = rows - 1;
  const ar = new Float64Array(k);
  const ai = new Float64Array(k);
  let aNorm = 0;
  for (let p = 0; p < k; p++) {
    ar[p] = u[2 * (last * k + p)];
    ai[p] = -u[2 * (last * k + p) + 1];
    aNorm += ar[p] ** 2 + ai[p] ** 2;
  }
  const factor = 1 / (1 - aNorm);
  // aᴴ·cross (a row vector)
  const hr = new Float64Array(k);
  const hi = new Float64Array(k);
  for (let q = 0; q < k; q++) {
    for (let p = 0; p < k; p++) {
      const cr = cross[2 * (p * k + q)];
      const ci = cross[2 * (p * k + q) + 1];
      hr[q] += ar[p] * cr + ai[p] * ci;
      hi[q] += ar[p] * ci - ai[p] * cr;
    }
  }
  const z = Float64Array.from(cross);
  for (let p = 0; p < k; p++) {
    for (let q = 0; q < k; q++) {
      z[2 * (p * k + q)] += factor * (ar[p] * hr[q] - ai[p] * hi[q]);
      z[2 * (p * k + q) + 1] += factor * (ar[p] * hi[q] + ai[p] * hr[q]);
    }
  }
  return complexEigenvalues(z, k);
}

/** Complex amplitudes c minimising ‖x − V·c‖, V[n][k] = z_k^n, via the normal equations (closed-form VᴴV). */
function leastSquaresAmplitudes(x: Float64Array, poles: Float64Array, k: number): Float64Array {
  const n = x.length / 2;
  const gram = new Float64Array(2 * k * k);
  for (let p = 0; p < k; p++) {
    for (let q = 0; q < k; q++) {
      // Σ_m (conj(z_p)·z_q)^m = (1 − w^n)/(1 − w)
      const wr = poles[2 * p] * poles[2 * q] + poles[2 * p + 1] * poles[2 * q + 1];
      const wi = poles[2 * p] * poles[2 * q + 1] - poles[2 * p + 1] * poles[2 * q];
      const [sr, si] = geometricSum(wr, wi, n);
      gram[2 * (p * k + q)] = sr;
      gram[2 * (p * k + q) + 1] = si;
    }
  }
  const rhs = new Float64Array(2 * k);
  for (let p = 0; p < k; p++) {
    // Σ_m conj(z_p)^m·x_m by recurrence
    const zr = poles[2 * p];
    const zi = -poles[2 * p + 1];
    let pr = 1;
    let pi = 0;
    let sr = 0;
    let si = 0;
    for (let m = 0; m < n; m++) {
      sr += pr * x[2 * m] - pi * x[2 * m + 1];
      si += pr * x[2 * m + 1] + pi * x[2 * m];
      const next = pr * zr - pi * zi;
      pi = pr * zi + pi * zr;
      pr = next;
    }
    rhs[2 * p] = sr;
    rhs[2 * p + 1] = si;
  }
  return solveComplex(gram, rhs, k);
}

function geometricSum(wr: number, wi: number, n: number): [number, number] {
  const dr = 1 - wr;
  const di = -wi;
  const denominator = dr * dr + di * di;
  if (denominator < 1e-20) return [n, 0];
  // w^n by polar form
  const magnitude = Math.hypot(wr, wi) ** n;
  const angle = Math.atan2(wi, wr) * n;
  const nr = 1 - magnitude * Math.cos(angle);
  const ni = -magnitude * Math.sin(angle);
  return [(nr * dr + ni * di) / denominator, (ni * dr - nr * di) / denominator];
}
