import { spectrumToFid } from '../dsp/fft.js';
import { ppmRangeToIndices, type SpectralGrid } from '../dsp/ppm.js';
import { detrendedSumSquares } from '../dsp/detrend.js';

const MIN_NOISE_POINTS = 16;

/** Default signal-free regions (ppm) for 1H spectra: upfield of lipids and downfield of amide/water. */
export const DEFAULT_NOISE_PPM_RANGES: [number, number][] = [
  [-4, -1],
  [10, 12],
];

/**
 * Noise SD of each real component (re or im) of a spectrum, from signal-free ppm ranges. Each range is
 * detrended (straight line, separately for re and im) so a slow baseline does not count as noise.
 * When no range has enough points (narrow spectral widths, e.g. 1.2 kHz at 3T), falls back to
 * `robustNoiseSd`, from the FID's later half.
 */
export function estimateNoiseSd(
  spectrum: Float64Array,
  grid: SpectralGrid,
  ranges: [number, number][] = DEFAULT_NOISE_PPM_RANGES,
): number {
  const segments: [number, number][] = [];
  for (const [low, high] of ranges) {
    const [a, b] = ppmRangeToIndices(low, high, grid);
    if (b - a + 1 >= MIN_NOISE_POINTS) segments.push([a, b]);
  }
  if (segments.length === 0) return robustNoiseSd(spectrum, grid);
  let sumSquares = 0;
  let count = 0;
  for (const [a, b] of segments) {
    for (const part of [0, 1] as const) {
      const { residualSumSquares, n } = detrendedSumSquares(spectrum, a, b, part);
      sumSquares += residualSumSquares;
      count += n - 2;
    }
  }
  return Math.sqrt(sumSquares / Math.max(count, 1));
}

/**
 * Noise SD of the spectrum from the later half of its FID, where the signal has decayed to a slow residue:
 * first differences of consecutive points cancel that residue (residual water, long T2), and their median
 * absolute value ignores spikes (e.g. filter artefacts in the last points). A first difference of white noise
 * of SD σ has SD σ·√2; the unnormalised FFT turns time-domain SD σ into σ·√N per spectral component. Falls
 * back to the same statistic on the spectrum's second differences when the FID's later half is zero-filled.
 */
function robustNoiseSd(spectrum: Float64Array, grid: SpectralGrid): number {
  const n = grid.points;
  const fid = spectrumToFid(spectrum);
  const first = Math.floor(n / 2);
  const last = Math.floor(0.9 * n);
  const differences: number[] = [];
  for (let i = first; i < last; i++) {
    for (const part of [0, 1]) differences.push(Math.abs(fid[2 * (i + 1) + part] - fid[2 * i + part]));
  }
  const timeSd = median(differences) / MEDIAN_ABS_NORMAL / Math.SQRT2;
  if (timeSd > 0) return timeSd * Math.sqrt(n);
  const curvature: number[] = [];
  for (let k = 1; k + 1 < n; k++) {
    for (const part of [0, 1]) curvature.push(Math.abs(spectrum[2 * (k - 1) + part] - 2 * spectrum[2 * k + part] + spectrum[2 * (k + 1) + part]));
  }
  return median(curvature) / MEDIAN_ABS_NORMAL / Math.sqrt(6);
}

/** Median of |N(0, 1)|. */
const MEDIAN_ABS_NORMAL = 0.6745;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}
