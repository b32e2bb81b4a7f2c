import { fidToSpectrum } from '../dsp/fft.js';
import { zeroFill } from '../dsp/fidOps.js';
import { PPM_CENTRE_1H, hzToPpm, indexToHz, ppmRangeToIndices } from '../dsp/ppm.js';
import type { FitResult } from '../types/fit.js';
import { DataError } from '../util/errors.js';
import { polynomialBaselineColumns } from './baselineColumns.js';
import { addCombinations } from './combinations.js';
import { basisComponents, type FitComponents, peakComponents } from './fitComponents.js';
import { DEFAULT_PPM_RANGE, type FitGrid, type FitOptions } from './fitOptions.js';
import { lineshapedSpectrum, peakHeight, peakWidthHz, rotateToAbsorption } from './fitQc.js';
import { levenbergMarquardt } from './levenbergMarquardt.js';
import { GAUSSIAN_RATE_PER_HZ2, LineshapeProblem } from './lineshapeProblem.js';
import { estimateNoiseSd } from './noiseEstimate.js';
import { spectralWindowFor, windowedFids } from './spectralWindow.js';
import { startingPoint } from './startingPoint.js';

export type { FitGrid, FitOptions } from './fitOptions.js';

const DEFAULT_BASELINE_ORDER = 2;

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
  for (let i = 0; i < inputFid.length; i++) {
    if (!Number.isFinite(inputFid[i])) throw new DataError('fitSpectrum: FID contains NaN or infinite values');
  }
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
  const problem = new LineshapeProblem({
    componentFids: windowedFids(components.fids, window),
    groupOf: components.groupOf,
    groupCount: components.groupNames.length,
    points: window.points,
    dwellTimeS: window.dwellTimeS,
    firstIndex: firstIndex - window.firstBin,
    lastIndex: lastIndex - window.firstBin,
    ppm,
    phasePivotPpm,
    data,
    extraColumns: polynomialBaselineColumns(ppm, options.baseline?.polynomialOrder ?? DEFAULT_BASELINE_ORDER),
    fullBand: windowed
      ? { componentFids: components.fids, points: grid.points, dwellTimeS: grid.dwellTimeS, firstIndex }
      : undefined,
  });

  const { initial, lower, upper } = startingPoint(problem, components, grid, options, spectrum, firstIndex);
  const lmOptions = {
    lower,
    upper,
    maxIterations: options.maxIterations ?? 100,
    // Δχ² below 0.01 moves every parameter by far less than its uncertainty
    absoluteCostTolerance: 0.01 * noiseSd * noiseSd,
  };
  // the band window is a fast surrogate for the full-bandwidth model; a correction taken at the starting
  // point keeps it accurate along the way, and one taken at the solution makes the reported model exact
  if (windowed) problem.refreshBandCorrection(initial);
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
  const fullCovariance = problem.amplitudeCovariance(noiseSd * noiseSd, free);

  const nComponents = components.names.length;
  const nColumns = problem.columnCount;
  const covariance = new Float64Array(nComponents * nComponents);
  for (let a = 0; a < nComponents; a++)
    for (let b = 0; b < nComponents; b++) covariance[a * nComponents + b] = fullCovariance[a * nColumns + b];
  const amplitudes: Record<string, number> = {};
  const crlbSd: Record<string, number> = {};
  components.names.forEach((name, j) => {
    amplitudes[name] = problem.amplitudes[j];
    crlbSd[name] = Math.sqrt(Math.max(covariance[j * nComponents + j], 0));
  });
  addCombinations(components.names, covariance, amplitudes, crlbSd);

  const curves = phasedCurves(problem, ppm, data);
  let residualSumSquares = 0;
  for (let i = 0; i < data.length; i++) residualSumSquares += (data[i] - problem.model[i]) ** 2;
  const { snr, fwhmHz } = naaQc(problem, components, params, grid, noiseSd);
  const metaboliteGroup = 0;
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

/** SNR (NAA peak height over noise SD) and NAA FWHM from the fitted NAA component, zero-filled 2×. */
function naaQc(
  problem: LineshapeProblem,
  components: FitComponents,
  params: Float64Array,
  grid: FitGrid,
  noiseSd: number,
): { snr: number; fwhmHz: number } {
  const naa = components.names.indexOf('NAA');
  if (naa < 0 || problem.amplitudes[naa] <= 0) return { snr: NaN, fwhmHz: NaN };
  const group = components.groupOf[naa];
  const spectrum = lineshapedSpectrum(
    components.fids[naa],
    grid.dwellTimeS,
    params[problem.shiftIndex(group)],
    params[problem.lorentzianIndex(group)],
    params[problem.gaussianIndex(group)],
    2 * grid.points,
  );
  const f0 = grid.spectrometerFrequencyMHz;
  // a basis line may carry its own phase: measure it in absorption mode
  rotateToAbsorption(spectrum, grid.dwellTimeS, f0, 1.9, 2.2);
  const height = problem.amplitudes[naa] * peakHeight(spectrum, grid.dwellTimeS, f0, 1.9, 2.2);
  return { snr: height / noiseSd, fwhmHz: peakWidthHz(spectrum, grid.dwellTimeS, f0, 1.9, 2.2) };
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
