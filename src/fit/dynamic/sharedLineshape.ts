import { fidToSpectrum } from '../../dsp/fft.js';
import { hzToPpm, indexToHz, ppmRangeToIndices } from '../../dsp/ppm.js';
import { DataError } from '../../util/errors.js';
import { polynomialBaselineColumns } from '../baselineColumns.js';
import { basisComponents, type FitComponents } from '../fitComponents.js';
import { DEFAULT_PPM_RANGE, type FitGrid, type FitOptions } from '../fitOptions.js';
import { levenbergMarquardt } from '../levenbergMarquardt.js';
import { LineshapeProblem } from '../lineshapeProblem.js';
import { estimateNoiseSd } from '../noiseEstimate.js';
import { spectralWindowFor, windowedFids } from '../spectralWindow.js';
import { startingPoint } from '../startingPoint.js';

/** The fitted range of the spectrum and the model's fixed parts. */
export interface FitRange {
  firstIndex: number;
  /** Complex points in the range. */
  length: number;
  ppm: Float64Array;
  phasePivotPpm: number;
  /** Baseline columns over the range (interleaved complex), fitted freely. */
  baselineColumns: Float64Array[];
}

/**
 * θ shared by every transient, in LineshapeProblem's layout: [shift_g (Hz)…, Lorentzian_g (Hz)…,
 * Gaussian rate_g (s⁻²)…, φ0 (rad, at the pivot), φ1 (rad/ppm)], with the bounds it was fitted within.
 */
export interface SharedLineshape {
  components: FitComponents;
  range: FitRange;
  theta: Float64Array;
  /** 1 where θ_k was free in the fit (its uncertainty enters the betas' covariance). */
  free: Uint8Array;
  /** Component amplitudes of the average at θ (non-negative, as in the static fit). */
  amplitudes: Float64Array;
  iterations: number;
  converged: boolean;
}

const DEFAULT_BASELINE_ORDER = 2;

/**
 * Shift, widths and phases from the average of the aligned transients, fitted with the static model
 * (variable projection, non-negative amplitudes, band-windowed like fitSpectrum). With the transients
 * aligned these are common to all of them, and the average carries nearly all the information about them.
 */
export function fitSharedLineshape(averageFid: Float64Array, grid: FitGrid, options: FitOptions): SharedLineshape {
  const components = basisComponents(grid, options);
  const [lowPpm, highPpm] = options.ppmRange ?? DEFAULT_PPM_RANGE;
  const [firstIndex, lastIndex] = ppmRangeToIndices(lowPpm, highPpm, grid);
  if (lastIndex - firstIndex < 16) throw new DataError(`dynamic fit: ppm range ${lowPpm}–${highPpm} covers too few points`);
  const length = lastIndex - firstIndex + 1;
  const ppm = Float64Array.from({ length }, (_, i) => hzToPpm(indexToHz(firstIndex + i, grid), grid));
  const range: FitRange = {
    firstIndex,
    length,
    ppm,
    phasePivotPpm: (ppm[0] + ppm[length - 1]) / 2,
    baselineColumns: polynomialBaselineColumns(ppm, options.baseline?.polynomialOrder ?? DEFAULT_BASELINE_ORDER),
  };
  const spectrum = fidToSpectrum(averageFid);
  const noiseSd = estimateNoiseSd(spectrum, grid, options.noisePpmRanges);

  const window = spectralWindowFor(grid.points, grid.dwellTimeS, firstIndex, lastIndex);
  const windowed = window.points < grid.points;
  const problem = new LineshapeProblem({
    componentFids: windowedFids(components.fids, window),
    groupOf: components.groupOf,
    groupCount: components.groupNames.length,
    points: window.points,
    dwellTimeS: window.dwellTimeS,
    firstIndex: firstIndex - window.firstBin,
    lastIndex: lastIndex - window.firstBin,
    ppm,
    phasePivotPpm: range.phasePivotPpm,
    data: spectrum.slice(2 * firstIndex, 2 * lastIndex + 2),
    extraColumns: range.baselineColumns,
    fullBand: windowed ? { componentFids: components.fids, points: grid.points, dwellTimeS: grid.dwellTimeS, firstIndex } : undefined,
  });
  const { initial, lower, upper } = startingPoint(problem, components, grid, options, spectrum, firstIndex);
  if (windowed) problem.refreshBandCorrection(initial);
  const solution = levenbergMarquardt(problem, initial, {
    lower,
    upper,
    maxIterations: options.maxIterations ?? 100,
    absoluteCostTolerance: 0.01 * noiseSd * noiseSd,
    relativeCostTolerance: 0.01 / problem.residualCount,
  });
  const free = new Uint8Array(problem.parameterCount);
  for (let k = 0; k < free.length; k++) free[k] = upper[k] > lower[k] ? 1 : 0;
  // the optimiser's last evaluation may have been a rejected step: evaluate (full-band) at the solution
  if (windowed) problem.refreshBandCorrection(solution.params);
  problem.residuals(solution.params, new Float64Array(problem.residualCount));
  const amplitudes = problem.amplitudes.slice(0, components.names.length);
  return { components, range, theta: solution.params, free, amplitudes, iterations: solution.iterations, converged: solution.converged };
}
