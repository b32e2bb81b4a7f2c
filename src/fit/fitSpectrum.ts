import { nextPowerOfTwo, zeroFill } from '../dsp/fidOps.js';
import { PPM_CENTRE_1H } from '../dsp/ppm.js';
import type { FitResult } from '../types/fit.js';
import { DataError } from '../util/errors.js';
import { addCombinations } from './combinations.js';
import { basisComponents, peakComponents } from './fitComponents.js';
import { DEFAULT_PPM_RANGE, type FitGrid, type FitOptions } from './fitOptions.js';
import { fitWarnings, singletQc } from './fitQc.js';
import { GAUSSIAN_RATE_PER_HZ2, LineshapeProblem } from './lineshapeProblem.js';
import { solveLineshape } from './solveLineshape.js';

export type { FitGrid, FitOptions } from './fitOptions.js';

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
  // lcm: the windowed surrogate, corrected at the start, then the full-bandwidth model from its solution
  const solved = solveLineshape(fid, grid, options, components, options.model === 'lcm');
  const { problem, params, free, iterations, ppm, data, noiseSd, window, windowFids, phasePivotPpm } = solved;
  problem.updateModelDerivatives();
  const { amplitudes, crlbSd, covariance } = amplitudeSummary(problem, components.names, noiseSd, free);

  const curves = phasedCurves(problem, ppm, data);
  let residualSumSquares = 0;
  for (let i = 0; i < data.length; i++) residualSumSquares += (data[i] - problem.model[i]) ** 2;
  const { snr, fwhmHz, qcPeak } = singletQc({ problem, components, windowFids, window, params, grid, noiseSd, ppmRange: options.ppmRange ?? DEFAULT_PPM_RANGE });
  const residualToNoise = Math.sqrt(residualSumSquares / data.length) / noiseSd;
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
      qcPeak,
      residualToNoise,
      iterations,
      converged: solved.converged,
      fitTimeMs: performance.now() - started,
      warnings: fitWarnings({ residualToNoise, amplitudes }),
    },
  };
}

/** Amplitudes, CRLB SDs (with the combinations) and the component covariance block from the Fisher information. */
function amplitudeSummary(
  problem: LineshapeProblem,
  names: string[],
  noiseSd: number,
  free: Uint8Array,
): { amplitudes: Record<string, number>; crlbSd: Record<string, number>; covariance: Float64Array } {
  const n = names.length;
  const covariance = problem.amplitudeCovariance(noiseSd * noiseSd, free, n);
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
  const { model, extraModel } = problem;
  for (let i = 0; i < m; i++) {
    const [c, s] = problem.phaseAt(i);
    curves.data[i] = data[2 * i] * c + data[2 * i + 1] * s;
    curves.fit[i] = model[2 * i] * c + model[2 * i + 1] * s;
    curves.baseline[i] = extraModel[2 * i] * c + extraModel[2 * i + 1] * s;
    curves.residual[i] = curves.data[i] - curves.fit[i];
  }
  return curves;
}
