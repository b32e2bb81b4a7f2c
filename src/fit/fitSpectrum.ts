import { fidToSpectrum } from '../dsp/fft.js';
import { PPM_CENTRE_1H, hzToPpm, indexToHz, ppmRangeToIndices } from '../dsp/ppm.js';
import type { FitResult } from '../types/fit.js';
import { DataError } from '../util/errors.js';
import { polynomialBaselineColumns } from './baselineColumns.js';
import { basisFidsOnGrid } from './basisOnGrid.js';
import { addCombinations } from './combinations.js';
import { DEFAULT_PPM_RANGE, type FitGrid, type FitOptions } from './fitOptions.js';
import { lineshapedSpectrum, peakHeight, peakWidthHz } from './fitQc.js';
import { bestMagnitudeLag, bestZeroOrderPhase, templateSpectrum } from './initialGuess.js';
import { levenbergMarquardt } from './levenbergMarquardt.js';
import { GAUSSIAN_RATE_PER_HZ2, LineshapeProblem } from './lineshapeProblem.js';
import { estimateNoiseSd } from './noiseEstimate.js';
import { PEAK_COMPONENTS, peakComponentFid } from './peakModel.js';
import { spectralWindowFor, windowedFids } from './spectralWindow.js';

export type { FitGrid, FitOptions } from './fitOptions.js';

const DEFAULT_BASELINE_ORDER = 2;
const MACROMOLECULE_NAME = /^(mm|mac|lip)/i;

interface Components {
  names: string[];
  fids: Float64Array[];
  groupNames: string[];
  groupOf: Int32Array;
}

/**
 * Fit one averaged, aligned FID (NIfTI-MRS convention) with a linear-combination model of a basis set
 * (`lcm`) or with the built-in peak model (`peaks`), in the frequency domain over `ppmRange`.
 * Amplitudes are in basis units (peaks: per molecule of the prior-knowledge components).
 */
export function fitSpectrum(fid: Float64Array, grid: FitGrid, options: FitOptions): FitResult {
  const started = performance.now();
  if (fid.length !== 2 * grid.points) {
    throw new DataError(`fitSpectrum: FID has ${fid.length / 2} complex points, grid says ${grid.points}`);
  }
  for (let i = 0; i < fid.length; i++) {
    if (!Number.isFinite(fid[i])) throw new DataError('fitSpectrum: FID contains NaN or infinite values');
  }
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
  });

  const { initial, lower, upper } = startingPoint(problem, components, grid, options, spectrum, firstIndex);
  const solution = levenbergMarquardt(problem, initial, {
    lower,
    upper,
    maxIterations: options.maxIterations ?? 100,
    // Δχ² below 0.01 moves every parameter by far less than its uncertainty
    absoluteCostTolerance: 0.01 * noiseSd * noiseSd,
  });
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
      iterations: solution.iterations,
      converged: solution.converged,
      fitTimeMs: performance.now() - started,
    },
  };
}

function basisComponents(grid: FitGrid, options: FitOptions): Components {
  const basis = options.basis;
  if (!basis) throw new DataError('fitSpectrum: the lcm model needs a basis set');
  if (basis.names.length === 0) throw new DataError(`fitSpectrum: basis ${basis.source} is empty`);
  const groupNames: string[] = [];
  const groupOf = new Int32Array(basis.names.length);
  // metabolites first so group 0 is the one reported as the global shift and width
  const groupName = (name: string): string =>
    options.groups?.[name] ?? (MACROMOLECULE_NAME.test(name) ? 'macromolecules' : 'metabolites');
  const ordered = [...new Set(basis.names.map(groupName))].sort((a, b) => (a === 'metabolites' ? -1 : b === 'metabolites' ? 1 : 0));
  groupNames.push(...ordered);
  basis.names.forEach((name, j) => (groupOf[j] = groupNames.indexOf(groupName(name))));
  return { names: basis.names.slice(), fids: basisFidsOnGrid(basis, grid), groupNames, groupOf };
}

/** Peak-model FIDs per grid, kept so repeated fits (windows of a session) reuse them and their windows. */
const peakFidCache = new Map<string, Float64Array[]>();

function peakComponents(grid: FitGrid): Components {
  const groupNames = ['metabolites'];
  const key = `${grid.points}:${grid.dwellTimeS}:${grid.spectrometerFrequencyMHz}`;
  let fids = peakFidCache.get(key);
  if (!fids) {
    fids = PEAK_COMPONENTS.map((c) => peakComponentFid(c, grid));
    if (peakFidCache.size > 16) peakFidCache.clear();
    peakFidCache.set(key, fids);
  }
  return {
    names: PEAK_COMPONENTS.map((c) => c.name),
    fids,
    groupNames,
    groupOf: new Int32Array(PEAK_COMPONENTS.length),
  };
}

/** Initial θ and bounds: offset from magnitude cross-correlation, phase from the template, typical widths. */
function startingPoint(
  problem: LineshapeProblem,
  components: Components,
  grid: FitGrid,
  options: FitOptions,
  spectrum: Float64Array,
  firstIndex: number,
): { initial: Float64Array; lower: Float64Array; upper: Float64Array } {
  const p = problem.parameterCount;
  const initial = new Float64Array(p);
  const lower = new Float64Array(p);
  const upper = new Float64Array(p);
  const groups = components.groupNames.length;
  const isPeaks = options.model === 'peaks';
  const lineshape = isPeaks ? (options.lineshape ?? 'voigt') : 'voigt';
  for (let g = 0; g < groups; g++) {
    const macromolecular = components.groupNames[g] === 'macromolecules';
    initial[problem.lorentzianIndex(g)] = lineshape === 'gaussian' ? 0 : isPeaks && !macromolecular ? 3 : 2;
  }
  const gaussianStartHz = lineshape === 'lorentzian' ? 0 : 4;
  for (let g = 0; g < groups; g++) initial[problem.gaussianIndex(g)] = GAUSSIAN_RATE_PER_HZ2 * gaussianStartHz ** 2;
  const residual = new Float64Array(problem.residualCount);
  problem.residuals(initial, residual);

  const binHz = 1 / (grid.points * grid.dwellTimeS);
  const maxShiftHz = options.maxShiftHz ?? 0.15 * grid.spectrometerFrequencyMHz;
  const template = templateSpectrum(problem.columns, problem.componentCount, problem.residualCount);
  const lag = bestMagnitudeLag(spectrum, firstIndex, template, Math.max(1, Math.round(maxShiftHz / binHz)));
  const shiftHz = lag * binHz;
  for (let g = 0; g < groups; g++) initial[problem.shiftIndex(g)] = shiftHz;
  // the template moved by the nearest whole bin is close enough to read the zero-order phase
  const phase0 = bestZeroOrderPhase(spectrum, firstIndex + Math.round(lag), template);
  initial[problem.phase0Index] = phase0;

  // ±0.1 ppm around the start: room for residual offsets and for a macromolecule basis referenced differently
  const shiftWindowHz = Math.max(2 * binHz, 0.1 * grid.spectrometerFrequencyMHz);
  for (let g = 0; g < groups; g++) {
    lower[problem.shiftIndex(g)] = shiftHz - shiftWindowHz;
    upper[problem.shiftIndex(g)] = shiftHz + shiftWindowHz;
    const fixedAtZero = lineshape === 'gaussian';
    lower[problem.lorentzianIndex(g)] = 0;
    upper[problem.lorentzianIndex(g)] = fixedAtZero ? 0 : 40;
    lower[problem.gaussianIndex(g)] = 0;
    upper[problem.gaussianIndex(g)] = lineshape === 'lorentzian' ? 0 : GAUSSIAN_RATE_PER_HZ2 * 40 ** 2;
  }
  lower[problem.phase0Index] = phase0 - Math.PI;
  upper[problem.phase0Index] = phase0 + Math.PI;
  lower[problem.phase1Index] = -0.5;
  upper[problem.phase1Index] = 0.5;
  return { initial, lower, upper };
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

/** SNR (NAA peak height over noise SD) and NAA FWHM from the fitted NAA component, zero-filled 4×. */
function naaQc(
  problem: LineshapeProblem,
  components: Components,
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
    4 * grid.points,
  );
  const f0 = grid.spectrometerFrequencyMHz;
  const height = problem.amplitudes[naa] * peakHeight(spectrum, grid.dwellTimeS, f0, 1.9, 2.2);
  return { snr: height / noiseSd, fwhmHz: peakWidthHz(spectrum, grid.dwellTimeS, f0, 1.9, 2.2) };
}
