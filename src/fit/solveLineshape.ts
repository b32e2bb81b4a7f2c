import { fidToSpectrum } from '../dsp/fft.js';
import { PPM_CENTRE_1H, hzToPpm, indexToHz, ppmRangeToIndices } from '../dsp/ppm.js';
import { DataError } from '../util/errors.js';
import { polynomialBaselineColumns, waterTailColumns } from './baselineColumns.js';
import type { FitComponents } from './fitComponents.js';
import { DEFAULT_PPM_RANGE, type FitGrid, type FitOptions } from './fitOptions.js';
import { type LevenbergMarquardtResult, levenbergMarquardt } from './levenbergMarquardt.js';
import { LineshapeProblem } from './lineshapeProblem.js';
import { estimateNoiseSd } from './noiseEstimate.js';
import { splineBaseline } from './splineBaseline.js';
import { type SpectralWindow, spectralWindowFor, windowedFids } from './spectralWindow.js';
import { startingPoint } from './startingPoint.js';

const DEFAULT_BASELINE_ORDER = 2;
export const DEFAULT_SPLINE_ED_PER_PPM = 1;

export interface BaselineColumns {
  columns: Float64Array[];
  /** Roughness penalty on the columns (the spline's), or undefined for a free polynomial. */
  penalty?: Float64Array;
}

/** Baseline columns per fitted axis and settings: fits of a session's windows share one set (never mutated). */
const baselineCache = new Map<string, BaselineColumns>();

/**
 * Baseline columns (the regularised spline with its penalty, or the Legendre polynomial), plus the residual
 * water tail when asked for (unpenalised). The same axis and settings give the same (shared) arrays, so
 * LineshapeProblem's per-column-set work is done once per session.
 */
export function baselineColumns(ppm: Float64Array, options: FitOptions): BaselineColumns {
  const baseline = options.baseline ?? {};
  const kind = baseline.kind ?? (baseline.polynomialOrder === undefined ? 'spline' : 'polynomial');
  const settings = kind === 'polynomial' ? baseline.polynomialOrder ?? DEFAULT_BASELINE_ORDER : baseline.edPerPpm ?? DEFAULT_SPLINE_ED_PER_PPM;
  // the axis is linear, so its length and ends identify it
  const key = `${ppm.length}:${ppm[0]}:${ppm[ppm.length - 1]}:${kind}:${settings}:${baseline.waterTail === true}`;
  let columns = baselineCache.get(key);
  if (!columns) {
    columns = buildBaselineColumns(ppm, kind, settings, baseline.waterTail === true);
    if (baselineCache.size > 32) baselineCache.clear();
    baselineCache.set(key, columns);
  }
  return columns;
}

function buildBaselineColumns(ppm: Float64Array, kind: 'spline' | 'polynomial', settings: number, waterTail: boolean): BaselineColumns {
  const tail = waterTail ? waterTailColumns(ppm, PPM_CENTRE_1H) : [];
  if (kind === 'polynomial') return { columns: [...polynomialBaselineColumns(ppm, settings), ...tail] };
  const spline = splineBaseline(ppm, settings);
  const columns = [...spline.columns, ...tail];
  const k = spline.columns.length;
  const penalty = new Float64Array(columns.length ** 2);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) penalty[a * columns.length + b] = spline.penalty[a * k + b];
  return { columns, penalty };
}

/** A solved lineshape problem: the fitted θ and everything the callers report from. */
export interface LineshapeSolution {
  problem: LineshapeProblem;
  params: Float64Array;
  /** 1 where θ_k was free (its uncertainty enters the CRLBs). */
  free: Uint8Array;
  iterations: number;
  converged: boolean;
  firstIndex: number;
  /** ppm of each point of the fitted range. */
  ppm: Float64Array;
  /** First-order phase pivots on the range centre (φ0, φ1 nearly uncorrelated). */
  phasePivotPpm: number;
  /** The range of the spectrum that was fitted (interleaved complex). */
  data: Float64Array;
  spectrum: Float64Array;
  noiseSd: number;
  window: SpectralWindow;
  windowFids: Float64Array[];
  baseline: BaselineColumns;
}

/**
 * Shifts, widths and phases of `components` fitted to one FID over the ppm range by Levenberg–Marquardt with
 * variable projection (amplitudes by non-negative least squares). The optimiser works on a band window as a
 * fast surrogate of the full-bandwidth model. Without `refreshAtStart` (peak model) a correction taken at the
 * solution makes the final state that of the full-bandwidth model at the surrogate's θ; with it (lcm) the
 * surrogate is corrected at the starting point and the full-bandwidth model, started at the surrogate's
 * solution, is minimised itself (usually one or two iterations). `problem` is the model of the final state.
 */
export function solveLineshape(fid: Float64Array, grid: FitGrid, options: FitOptions, components: FitComponents, refreshAtStart: boolean): LineshapeSolution {
  const [lowPpm, highPpm] = options.ppmRange ?? DEFAULT_PPM_RANGE;
  const [firstIndex, lastIndex] = ppmRangeToIndices(lowPpm, highPpm, grid);
  if (lastIndex - firstIndex < 16) throw new DataError(`fit: ppm range ${lowPpm}–${highPpm} covers too few points`);
  const ppm = new Float64Array(lastIndex - firstIndex + 1);
  for (let i = 0; i < ppm.length; i++) ppm[i] = hzToPpm(indexToHz(firstIndex + i, grid), grid);
  const spectrum = fidToSpectrum(fid);
  const data = spectrum.slice(2 * firstIndex, 2 * lastIndex + 2);
  const noiseSd = estimateNoiseSd(spectrum, grid, options.noisePpmRanges);
  const window = spectralWindowFor(grid.points, grid.dwellTimeS, firstIndex, lastIndex);
  const windowed = window.points < grid.points;
  const phasePivotPpm = (ppm[0] + ppm[ppm.length - 1]) / 2;
  const windowFids = windowedFids(components.fids, window);
  const baseline = baselineColumns(ppm, options);
  const problemOn = (fids: Float64Array[], band: SpectralWindow, fullBand: boolean): LineshapeProblem =>
    new LineshapeProblem({
      componentFids: fids,
      groupOf: components.groupOf,
      groupCount: components.groupNames.length,
      points: band.points,
      dwellTimeS: band.dwellTimeS,
      firstIndex: firstIndex - band.firstBin,
      lastIndex: lastIndex - band.firstBin,
      ppm,
      phasePivotPpm,
      data,
      extraColumns: baseline.columns,
      extraPenalty: baseline.penalty,
      fullBand: fullBand ? { componentFids: components.fids, points: grid.points, dwellTimeS: grid.dwellTimeS, firstIndex } : undefined,
    });
  let problem = problemOn(windowFids, window, windowed);

  const { initial, lower, upper } = startingPoint(problem, components, grid, options, spectrum, firstIndex);
  const maxIterations = options.maxIterations ?? 100;
  const solve = (start: Float64Array, iterationsLeft: number): LevenbergMarquardtResult =>
    levenbergMarquardt(problem, start, {
      lower,
      upper,
      maxIterations: iterationsLeft,
      // stop once a step lowers χ² by less than 0.01, with χ² in units of the noise variance or, for a model
      // that cannot reach the noise (peak model, artefacts), of the mean squared residual: parameters then
      // move by far less than their uncertainty
      absoluteCostTolerance: 0.01 * noiseSd * noiseSd,
      relativeCostTolerance: 0.01 / problem.residualCount,
    });
  if (windowed && refreshAtStart) problem.refreshBandCorrection(initial);
  let solution = solve(initial, maxIterations);
  let iterations = solution.iterations;
  if (windowed && refreshAtStart && iterations < maxIterations) {
    // the frozen correction ignores how out-of-band tails move with θ: with broad basis spectra (a measured
    // macromolecule baseline) the surrogate's minimum sits measurably off the full-bandwidth one (ISMRM
    // challenge: χ² up to 9 % higher, mI −1 %), and refreshing it does not converge there; the full-bandwidth
    // model started at the surrogate's solution does, in a few iterations
    problem = problemOn(components.fids, { firstBin: 0, points: grid.points, dwellTimeS: grid.dwellTimeS }, false);
    solution = solve(solution.params, maxIterations - iterations);
    iterations += solution.iterations;
  } else {
    // the optimiser's last evaluation may have been a rejected step: evaluate (full-band) at the solution,
    // the last θ this problem sees
    if (windowed) problem.refreshBandCorrection(solution.params, true);
    problem.residuals(solution.params, new Float64Array(problem.residualCount));
  }
  const free = new Uint8Array(problem.parameterCount);
  for (let k = 0; k < free.length; k++) free[k] = upper[k] > lower[k] ? 1 : 0;
  return {
    problem,
    params: solution.params,
    free,
    iterations,
    converged: solution.converged,
    firstIndex,
    ppm,
    phasePivotPpm,
    data,
    spectrum,
    noiseSd,
    window,
    windowFids,
    baseline,
  };
}
