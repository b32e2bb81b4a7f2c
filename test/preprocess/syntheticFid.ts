/** Small synthetic FIDs for the preprocessing tests: a few Lorentzian singlets plus complex white noise. */
import { ppmToHz, type SpectralGrid } from '../../src/dsp/ppm.js';
import { SeededRandom } from '../../src/util/rng.js';

export interface Singlet {
  ppm: number;
  amplitude: number;
  /** Lorentzian FWHM, Hz. */
  fwhmHz: number;
}

/** NAA, Cr, Cho, Glx-like and Cr(CH2) singlets roughly as in a 3T brain spectrum. */
export const BRAIN_SINGLETS: Singlet[] = [
  { ppm: 2.01, amplitude: 1.0, fwhmHz: 6 },
  { ppm: 2.35, amplitude: 0.35, fwhmHz: 10 },
  { ppm: 3.03, amplitude: 0.8, fwhmHz: 6 },
  { ppm: 3.21, amplitude: 0.65, fwhmHz: 6 },
  { ppm: 3.75, amplitude: 0.4, fwhmHz: 10 },
  { ppm: 3.92, amplitude: 0.5, fwhmHz: 7 },
];

export const GRID_3T: SpectralGrid = { points: 2048, dwellTimeS: 1 / 2000, spectrometerFrequencyMHz: 123.2 };

export interface SyntheticOptions {
  singlets?: Singlet[];
  shiftHz?: number;
  phaseDeg?: number;
  /** Complex noise SD per real/imaginary component, time domain. */
  noiseSd?: number;
  /** Multiply every amplitude (e.g. coil sensitivity), complex [re, im]. */
  gain?: [number, number];
}

/** One FID in the NIfTI-MRS convention: exp(+i·2π·f·t) for a resonance f Hz above 4.65 ppm. */
export function syntheticFid(grid: SpectralGrid, rng: SeededRandom | null, options: SyntheticOptions = {}): Float64Array {
  const singlets = options.singlets ?? BRAIN_SINGLETS;
  const shiftHz = options.shiftHz ?? 0;
  const phaseRad = ((options.phaseDeg ?? 0) * Math.PI) / 180;
  const [gr, gi] = options.gain ?? [1, 0];
  const fid = new Float64Array(2 * grid.points);
  for (const s of singlets) {
    const f = ppmToHz(s.ppm, grid) + shiftHz;
    const decay = Math.PI * s.fwhmHz;
    for (let n = 0; n < grid.points; n++) {
      const t = n * grid.dwellTimeS;
      const a = s.amplitude * Math.exp(-decay * t);
      const angle = 2 * Math.PI * f * t + phaseRad;
      const re = a * Math.cos(angle);
      const im = a * Math.sin(angle);
      fid[2 * n] += gr * re - gi * im;
      fid[2 * n + 1] += gr * im + gi * re;
    }
  }
  const sd = options.noiseSd ?? 0;
  if (rng && sd > 0) for (let i = 0; i < fid.length; i++) fid[i] += sd * rng.normal();
  return fid;
}

/**
 * Time-domain noise SD that gives the NAA singlet (amplitude 1) a spectral peak height / noise SD of
 * `snr` with the unnormalised FFT of `fidToSpectrum` (height ≈ T2/dwell, noise SD = σ·√N).
 */
export function noiseSdForSnr(grid: SpectralGrid, snr: number, fwhmHz = 6, amplitude = 1): number {
  const t2 = 1 / (Math.PI * fwhmHz);
  const height = (amplitude * t2) / grid.dwellTimeS;
  return height / (snr * Math.sqrt(grid.points));
}
