import { ppmRangeToIndices, type SpectralGrid } from '../dsp/ppm.js';

const MIN_NOISE_POINTS = 16;

/** Default signal-free regions (ppm) for 1H spectra: upfield of lipids and downfield of amide/water. */
export const DEFAULT_NOISE_PPM_RANGES: [number, number][] = [
  [-4, -1],
  [10, 12],
];

/**
 * Noise SD of each real component (re or im) of a spectrum, from signal-free ppm ranges. Each range is
 * detrended (straight line, separately for re and im) so a slow baseline does not count as noise.
 * Falls back to the outer 10 % of the spectrum at each end when no range has enough points.
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
  if (segments.length === 0) {
    const edge = Math.max(MIN_NOISE_POINTS, Math.floor(grid.points / 10));
    segments.push([0, edge - 1], [grid.points - edge, grid.points - 1]);
  }
  let sumSquares = 0;
  let count = 0;
  for (const [a, b] of segments) {
    for (const part of [0, 1]) {
      const { residualSumSquares, n } = detrendedSumSquares(spectrum, a, b, part);
      sumSquares += residualSumSquares;
      count += n - 2;
    }
  }
  return Math.sqrt(sumSquares / Math.max(count, 1));
}

function detrendedSumSquares(spectrum: Float64Array, a: number, b: number, part: number): { residualSumSquares: number; n: number } {
  const n = b - a + 1;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let k = a; k <= b; k++) {
    const x = k - a;
    const y = spectrum[2 * k + part];
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const intercept = (sy - slope * sx) / n;
  let rss = 0;
  for (let k = a; k <= b; k++) {
    const e = spectrum[2 * k + part] - intercept - slope * (k - a);
    rss += e * e;
  }
  return { residualSumSquares: rss, n };
}
