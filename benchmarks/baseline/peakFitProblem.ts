import { fidToSpectrum } from '../../src/dsp/fft.js';
import { hzToPpm, indexToHz, ppmRangeToIndices } from '../../src/dsp/ppm.js';
import { polynomialBaselineColumns } from '../../src/fit/baselineColumns.js';
import { peakComponents } from '../../src/fit/fitComponents.js';
import { DEFAULT_PPM_RANGE, type FitGrid } from '../../src/fit/fitOptions.js';
import { LineshapeProblem } from '../../src/fit/lineshapeProblem.js';
import { estimateNoiseSd } from '../../src/fit/noiseEstimate.js';
import { startingPoint } from '../../src/fit/startingPoint.js';

/** One peak-model fit set up once, so two solvers can run on exactly the same problem. */
export interface PeakFitProblem {
  problem: LineshapeProblem;
  /** Data over the fitted range, interleaved complex (what the model is fitted to). */
  data: Float64Array;
  initial: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  noiseSd: number;
}

/** Baseline polynomial order `fitSpectrum` uses by default. */
const BASELINE_ORDER = 2;

/**
 * The peak model as `fitSpectrum` poses it with its defaults (Voigt lines sharing one shift and width, zero-
 * and first-order phase, order-2 complex polynomial baseline over 0.2–4.2 ppm, amplitudes by non-negative
 * variable projection), with fitSpectrum's own starting point and bounds. The model is built over the full
 * band rather than fitSpectrum's band-limited surrogate: exact, and identical for both solvers.
 */
export function peakFitProblem(fid: Float64Array, grid: FitGrid): PeakFitProblem {
  const [firstIndex, lastIndex] = ppmRangeToIndices(DEFAULT_PPM_RANGE[0], DEFAULT_PPM_RANGE[1], grid);
  const ppm = Float64Array.from({ length: lastIndex - firstIndex + 1 }, (_, i) => hzToPpm(indexToHz(firstIndex + i, grid), grid));
  const spectrum = fidToSpectrum(fid);
  const data = spectrum.slice(2 * firstIndex, 2 * lastIndex + 2);
  const components = peakComponents(grid);
  const problem = new LineshapeProblem({
    componentFids: components.fids,
    groupOf: components.groupOf,
    groupCount: components.groupNames.length,
    points: grid.points,
    dwellTimeS: grid.dwellTimeS,
    firstIndex,
    lastIndex,
    ppm,
    phasePivotPpm: (ppm[0] + ppm[ppm.length - 1]) / 2,
    data,
    extraColumns: polynomialBaselineColumns(ppm, BASELINE_ORDER),
  });
  const { initial, lower, upper } = startingPoint(problem, components, grid, { model: 'peaks' }, spectrum, firstIndex);
  return { problem, data, initial, lower, upper, noiseSd: estimateNoiseSd(spectrum, grid) };
}
