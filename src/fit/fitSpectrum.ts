import { fidToSpectrum } from '../dsp/fft.js';
import { zeroFill } from '../dsp/fidOps.js';
import { PPM_CENTRE_1H, hzToPpm, indexToHz, ppmRangeToIndices } from '../dsp/ppm.js';
import type { FitResult } from '../types/fit.js';
import { DataError } from '../util/errors.js';
import { polynomialBaselineColumns, waterTailColumns } from './baselineColumns.js';
import { addCombinations } from './combinations.js';
import { basisComponents, type FitComponents, peakComponents } from './fitComponents.js';
import { DEFAULT_PPM_RANGE, type FitGrid, type FitOptions } from './fitOptions.js';
import { absorptionLineMetrics, lineshapedSpectrum } from './fitQc.js';
import { levenbergMarquardt } from './levenbergMarquardt.js';
import { GAUSSIAN_RATE_PER_HZ2, LineshapeProblem } from './lineshapeProblem.js';
import { estimateNoiseSd } from './noiseEstimate.js';
import { splineBaseline } from './splineBaseline.js';
import { type SpectralWindow, spectralWindowFor, windowedFids } from './spectralWindow.js';
import { startingPoint } from './startingPoint.js';

export type { FitGrid, FitOptions } from './fitOptions.js';

const DEFAULT_BASELINE_ORDER = 2;
const DEFAULT_SPLINE_ED_PER_PPM = 1;

/**
 * Fit one averaged, aligned FID (NIfTI-MRS convention) with a linear-combination model of a basis set
 * (`lcm`) or with the built-in peak model (`peaks`), in the frequency domain over `ppmRange`.
 * Amplitudes are in basis units (peaks: per molecule of the prior-knowledge components).
 */
export function fitSpectrum(inputFid: Float64Array, inputGrid: FitGrid, options: FitOptions): FitResult {
  const started = performance.now();
  if (inputFid.length !== 2 * inputGrid.points) {
    throw new DataError(`fitSpectrum: FID has ${inputFid.length / 2} complex points, grid says ${inputGrid.points}`);
  }
  let anySignal = false;
  for (let i = 0; i < inputFid.length; i++) {
    if (!Number.isFinite(inputFid[i])) throw new DataError('fitSpectrum: FID contains NaN or infinite values');
    if (inputFid[i] !== 0) anySignal = true;
  }
  if (!anySignal) throw new DataError('fitSpectrum: FID is all zeros');
  // the FFT needs a power of two: zero-fill the (decayed) tail, e.g. 4095 → 4096 points
  const points = nextPowerOfTwo(inputGrid.points);
  const grid = points === inputGrid.points ? inputGrid : { ...inputGrid, points };
  const fid = points === inputGrid.points ? inputFid : zeroFill(inputFid, points);
  const components = options.model === 'lcm' ? basisComponents(grid, options) : peakComponents(grid);
  const [lowPpm, highPpm] = options.ppmRange ?? DEFAULT_PPM_RANGE;
  const [firstIndex, lastIndex] = ppmRangeToIndices(lowPpm, highPpm, grid);
  if (lastIndex - firstIndex < 16) throw new DataError(`fitSpectrum: ppm range ${lowPpm}–${highPpm} covers too few points`);
  const ppm = new Float64Array(lastIndex - firstIndex + 1);
  for (let i = 0; i < ppm.length; i++) ppm[i] = hzToPpm(indexToHz(firstIndex + i, grid), grid);
  const spectrum = fidToSpectrum(fid);
  const data = spectrum.slice(2 * firstIndex, 2 * lastIndex + 2);
  const noiseSd = estimateNoiseSd(spectrum, grid, options.noisePpmRanges);

  const window = spectralWindowFor(grid.points, grid.dwellTimeS, firstIndex, lastIndex);
  const windowed = window.points < grid.points;
  // first-order phase pivots on the range centre (φ0, φ1 nearly uncorrelated); reported about 4.65 ppm
  const phasePivotPpm = (ppm[0] + ppm[ppm.length - 1]) / 2;
  const windowFids = windowedFids(components.fids, window);
  const baseline = baselineColumns(ppm, options);
  const problem = new LineshapeProblem({
    componentFids: windowFids,
    groupOf: components.groupOf,
    groupCount: components.groupNames.length,
    points: window.points,
    dwellTimeS: window.dwellTimeS,
    firstIndex: firstIndex - window.firstBin,
    lastIndex: lastIndex - window.firstBin,
    ppm,
    phasePivotPpm,
    data,
    extraColumns: baseline.columns,
    extraPenalty: baseline.penalty,
    fullBand: windowed
      ? { componentFids: components.fids, points: grid.points, dwellTimeS: grid.dwellTimeS, firstIndex }
      : undefined,
  });

  const { initial, lower, upper } = startingPoint(problem, components, grid, options, spectrum, firstIndex);
  const lmOptions = {
    lower,
    upper,
    maxIterations: options.maxIterations ?? 100,
    // stop once a step lowers χ² by less than 0.01, with χ² in units of the noise variance or, for a model
    // that cannot reach the noise (peak model, artefacts), of the mean squared residual: parameters then
    // move by far less than their uncertainty
    absoluteCostTolerance: 0.01 * noiseSd * noiseSd,
    relativeCostTolerance: 0.01 / problem.residualCount,
  };
  // the band window is a fast surrogate for the full-bandwidth model. For lcm a correction taken at the
  // starting point keeps it accurate along the way; for every model one taken at the solution makes the
  // reported amplitudes, curves and CRLBs those of the full-bandwidth model at the fitted θ
  if (windowed && options.model === 'lcm') problem.refreshBandCorrection(initial);
  const solution = levenbergMarquardt(problem, initial, lmOptions);
  if (windowed) {
    problem.refreshBandCorrection(solution.params);
    problem.residuals(solution.params, new Float64Array(problem.residualCount));
  }
  const iterations = solution.iterations;
  const params = solution.params;
  const free = new Uint8Array(problem.parameterCount);
  for (let k = 0; k < free.length; k++) free[k] = upper[k] > lower[k] ? 1 : 0;
  problem.updateModelDerivatives();
  const { amplitudes, crlbSd, covariance } = amplitudeSummary(problem, components.names, noiseSd, free);

  const curves = phasedCurves(problem, ppm, data);
  let residualSumSquares = 0;
  for (let i = 0; i < data.length; i++) residualSumSquares += (data[i] - problem.model[i]) ** 2;
  const { snr, fwhmHz } = naaQc(problem, components, windowFids, window, params, grid, noiseSd);
  const metaboliteGroup = 0; // reported lineshape: the metabolites' (fitComponents puts them first)
  return {
    model: options.model,
    amplitudes,
    crlbSd,
    covarianceNames: components.names.slice(),
    covariance,
    phase0Deg: ((params[problem.phase0Index] + params[problem.phase1Index] * (PPM_CENTRE_1H - phasePivotPpm)) * 180) / Math.PI,
    phase1DegPerPpm: (params[problem.phase1Index] * 180) / Math.PI,
    shiftHz: params[problem.shiftIndex(metaboliteGroup)],
    lorentzianHz: params[problem.lorentzianIndex(metaboliteGroup)],
    gaussianHz: Math.sqrt(params[problem.gaussianIndex(metaboliteGroup)] / GAUSSIAN_RATE_PER_HZ2),
    curves,
    qc: {
      snr,
      fwhmHz,
      residualToNoise: Math.sqrt(residualSumSquares / data.length) / noiseSd,
      iterations,
      converged: solution.converged,
      fitTimeMs: performance.now() - started,
    },
  };
}

/**
 * Baseline columns (the regularised spline with its penalty, or the Legendre polynomial), plus the residual
 * water tail when asked for (unpenalised).
 */
function baselineColumns(ppm: Float64Array, options: FitOptions): { columns: Float64Array[]; penalty?: Float64Array } {
  const baseline = options.baseline ?? {};
  const tail = baseline.waterTail ? waterTailColumns(ppm, PPM_CENTRE_1H) : [];
  const kind = baseline.kind ?? (baseline.polynomialOrder === undefined ? 'spline' : 'polynomial');
  if (kind === 'polynomial') {
    return { columns: [...polynomialBaselineColumns(ppm, baseline.polynomialOrder ?? DEFAULT_BASELINE_ORDER), ...tail] };
  }
  const spline = splineBaseline(ppm, baseline.edPerPpm ?? DEFAULT_SPLINE_ED_PER_PPM);
  const columns = [...spline.columns, ...tail];
  const k = spline.columns.length;
  const penalty = new Float64Array(columns.length ** 2);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) penalty[a * columns.length + b] = spline.penalty[a * k + b];
  return { columns, penalty };
}

/** Amplitudes, CRLB SDs (with the combinations) and the component covariance block from the Fisher information. */
function amplitudeSummary(
  problem: LineshapeProblem,
  names: string[],
  noiseSd: number,
  free: Uint8Array,
): { amplitudes: Record<string, number>; crlbSd: Record<string, number>; covariance: Float64Array } {
  const fullCovariance = problem.amplitudeCovariance(noiseSd * noiseSd, free);
  const n = names.length;
  const columns = problem.columnCount;
  const covariance = new Float64Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) covariance[a * n + b] = fullCovariance[a * columns + b];
  const amplitudes: Record<string, number> = {};
  const crlbSd: Record<string, number> = {};
  names.forEach((name, j) => {
    amplitudes[name] = problem.amplitudes[j];
    crlbSd[name] = Math.sqrt(Math.max(covariance[j * n + j], 0));
  });
  addCombinations(names, covariance, amplitudes, crlbSd);
  return { amplitudes, crlbSd, covariance };
}

/** Data, fit, baseline and residual over the range, rotated by −φ(ν) so the real part is absorption. */
function phasedCurves(problem: LineshapeProblem, ppm: Float64Array, data: Float64Array): FitResult['curves'] {
  const m = ppm.length;
  const curves = {
    ppm,
    data: new Float64Array(m),
    fit: new Float64Array(m),
    baseline: new Float64Array(m),
    residual: new Float64Array(m),
  };
  for (let i = 0; i < m; i++) {
    const [c, s] = problem.phaseAt(i);
    const real = (x: Float64Array): number => x[2 * i] * c + x[2 * i + 1] * s;
    curves.data[i] = real(data);
    curves.fit[i] = real(problem.model);
    curves.baseline[i] = real(problem.extraModel);
    curves.residual[i] = curves.data[i] - curves.fit[i];
  }
  return curves;
}

/**
 * SNR (NAA peak height over noise SD) and NAA FWHM from the fitted NAA component, computed on the band
 * window (the same bins as the full spectrum there) zero-filled 2× for a finer half-maximum search.
 */
function naaQc(
  problem: LineshapeProblem,
  components: FitComponents,
  windowFids: Float64Array[],
  window: SpectralWindow,
  params: Float64Array,
  grid: FitGrid,
  noiseSd: number,
): { snr: number; fwhmHz: number } {
  const naa = components.names.indexOf('NAA');
  if (naa < 0 || problem.amplitudes[naa] <= 0) return { snr: NaN, fwhmHz: NaN };
  const group = components.groupOf[naa];
  const spectrum = lineshapedSpectrum(
    windowFids[naa],
    window.dwellTimeS,
    params[problem.shiftIndex(group)],
    params[problem.lorentzianIndex(group)],
    params[problem.gaussianIndex(group)],
    2 * window.points,
  );
  const fullBinHz = 1 / (grid.points * grid.dwellTimeS);
  const axis = {
    binHz: fullBinHz / 2,
    centreHz: (window.firstBin + window.points / 2 - grid.points / 2) * fullBinHz,
    spectrometerFrequencyMHz: grid.spectrometerFrequencyMHz,
  };
  const { height, fwhmHz } = absorptionLineMetrics(spectrum, axis, 1.9, 2.2);
  return { snr: (problem.amplitudes[naa] * height) / noiseSd, fwhmHz };
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
