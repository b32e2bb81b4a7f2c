import { fidToSpectrum } from '../../dsp/fft.js';
import { nextPowerOfTwo, zeroFill } from '../../dsp/fidOps.js';
import { PPM_CENTRE_1H } from '../../dsp/ppm.js';
import type { Basis } from '../../types/basis.js';
import { DataError } from '../../util/errors.js';
import type { FitGrid, FitOptions } from '../fitOptions.js';
import { GAUSSIAN_RATE_PER_HZ2 } from '../lineshapeProblem.js';
import { estimateNoiseSd } from '../noiseEstimate.js';
import { summarizeBetas } from './betaSummaries.js';
import { BASELINE_REGRESSOR, type DesignMatrix } from './designMatrix.js';
import type { DynamicFitOptions, DynamicFitResult, Estimate } from './dynamicFitTypes.js';
import { type DynamicLinearSolution, solveDynamicLinear, type TransientNuisance } from './dynamicLinearModel.js';
import { secondOrderCorrectedSpectra } from './lineshapeCorrection.js';
import { modelColumns } from './modelColumns.js';
import { fitSharedLineshape } from './sharedLineshape.js';
import { transientNuisance } from './transientRefinement.js';

export type * from './dynamicFitTypes.js';

/** Re-solves with the second-order lineshape correction (the correction depends on the betas it corrects). */
const SECOND_ORDER_PASSES = 2;
/** Solves with per-transient phase/lineshape nuisance, each from the previous solution's predictions (the second changes β by < 0.1 SD). */
const DEFAULT_REFINEMENT_PASSES = 2;

/**
 * Fit every transient of a session at once: metabolite amplitudes follow the design (amplitude_j(t) =
 * Σ_r X_tr·β_jr), lineshape, shift and phases are shared (the transients are aligned) and fitted on their
 * average; with those fixed the model is linear in β and solved exactly (see dynamicLinearModel.ts), with
 * each transient's own small phase, frequency and width offsets fitted alongside (transientRefinement.ts).
 * `transients` holds n aligned FIDs (n·2·points, transient-major), n = the design's row count.
 */
export function fitDynamic(
  transients: Float64Array,
  design: DesignMatrix,
  inputGrid: FitGrid,
  basis: Basis,
  options: DynamicFitOptions = {},
): DynamicFitResult {
  const started = performance.now();
  const p = design.names.length;
  const n = design.columns[0]?.length ?? 0;
  validateInput(transients, design, inputGrid, n, options.accepted);
  const baselineIndex = design.names.indexOf(BASELINE_REGRESSOR);
  if (baselineIndex < 0) throw new DataError(`dynamic fit: the design has no "${BASELINE_REGRESSOR}" (intercept) column`);
  const used: number[] = [];
  for (let t = 0; t < n; t++) if (!options.accepted || options.accepted[t]) used.push(t);
  if (used.length === 0) throw new DataError('dynamic fit: no accepted transients');

  // the FFT needs a power of two: zero-fill the (decayed) tail of every transient
  const points = nextPowerOfTwo(inputGrid.points);
  const grid = points === inputGrid.points ? inputGrid : { ...inputGrid, points };
  const fidOf = (t: number): Float64Array => {
    const fid = transients.subarray(2 * inputGrid.points * t, 2 * inputGrid.points * (t + 1));
    return points === inputGrid.points ? fid : zeroFill(fid, points);
  };
  const average = new Float64Array(2 * points);
  for (const t of used) {
    const fid = fidOf(t);
    for (let i = 0; i < fid.length; i++) average[i] += fid[i];
  }
  for (let i = 0; i < average.length; i++) average[i] /= used.length;

  const fitOptions: FitOptions = {
    model: 'lcm',
    basis,
    ppmRange: options.ppmRange,
    baseline: options.baseline,
    noisePpmRanges: options.noisePpmRanges,
    groups: options.groups,
    addMacromolecules: options.addMacromolecules,
    maxShiftHz: options.maxShiftHz,
    maxIterations: options.maxIterations,
  };
  const shared = fitSharedLineshape(average, grid, fitOptions);
  const groupCount = shared.components.groupNames.length;
  const timeVaryingLineshape = options.timeVaryingLineshape ?? false;
  const model = modelColumns(shared, grid, timeVaryingLineshape);
  const { range } = shared;
  const len = 2 * range.length;
  const spectra = new Float64Array(used.length * len);
  const designRows = new Float64Array(used.length * p);
  const spectrum = new Float64Array(2 * points);
  let noiseVarianceSum = 0;
  used.forEach((t, u) => {
    fidToSpectrum(fidOf(t), spectrum);
    spectra.set(spectrum.subarray(2 * range.firstIndex, 2 * range.firstIndex + len), u * len);
    noiseVarianceSum += estimateNoiseSd(spectrum, grid, options.noisePpmRanges) ** 2;
    for (let r = 0; r < p; r++) designRows[u * p + r] = design.columns[r][t];
  });
  const noiseSd = Math.sqrt(noiseVarianceSum / used.length);
  const solve = (nuisance: TransientNuisance | undefined): DynamicLinearSolution => {
    let solution = solveDynamicLinear({ spectra, designRows, regressorNames: design.names, model, shared, nuisance });
    if (timeVaryingLineshape) {
      const columnsOf = { shift: model.componentCount, width: model.componentCount + 1 };
      for (let pass = 0; pass < SECOND_ORDER_PASSES; pass++) {
        const corrected = secondOrderCorrectedSpectra(spectra, designRows, model, shared.amplitudes, solution.betas, p, columnsOf);
        solution = solveDynamicLinear({ spectra: corrected, designRows, regressorNames: design.names, model, shared, nuisance });
      }
    }
    return solution;
  };
  let solution = solve(undefined);
  // the nuisance directions depend on the predicted spectra, hence on β: re-derived from each solution.
  // With a time-varying lineshape, frequency and width follow the design instead of varying per transient.
  const refinementPasses = options.transientRefinementPasses ?? DEFAULT_REFINEMENT_PASSES;
  for (let pass = 0; pass < refinementPasses; pass++) {
    solution = solve(transientNuisance(designRows, model, solution.betas, p, groupCount, !timeVaryingLineshape));
  }

  const componentNames = shared.components.names;
  const componentCovariance = leadingBlock(solution.covariance, (componentNames.length + model.lineshapeColumnCount) * p, componentNames.length * p);
  const summaries = summarizeBetas(solution.betas, componentCovariance, componentNames, design, options);
  const lineshapeBeta = (column: number): Record<string, Estimate> => {
    const size = (componentNames.length + model.lineshapeColumnCount) * p;
    const out: Record<string, Estimate> = {};
    design.names.forEach((name, r) => {
      const index = (componentNames.length + column) * p + r;
      out[name] = { value: solution.betas[index], sd: Math.sqrt(Math.max(solution.covariance[index * size + index], 0)) };
    });
    return out;
  };
  const residualSd = Math.sqrt(solution.residualVariance);
  const transientResidualToNoise = new Float64Array(n).fill(NaN);
  used.forEach((t, u) => {
    transientResidualToNoise[t] = Math.sqrt(solution.transientResidualSumSquares[u] / len) / noiseSd;
  });
  const theta = shared.theta;
  const phi0 = theta[3 * groupCount];
  const phi1 = theta[3 * groupCount + 1];
  return {
    regressorNames: design.names.slice(),
    componentNames: componentNames.slice(),
    ...summaries,
    componentBetaCovariance: componentCovariance,
    lineshapeEffects: options.timeVaryingLineshape ? { shiftHz: lineshapeBeta(0), lorentzianHz: lineshapeBeta(1) } : null,
    lineshape: {
      groupNames: shared.components.groupNames.slice(),
      shiftHz: Array.from({ length: groupCount }, (_, g) => theta[g]),
      lorentzianHz: Array.from({ length: groupCount }, (_, g) => theta[groupCount + g]),
      gaussianHz: Array.from({ length: groupCount }, (_, g) => Math.sqrt(theta[2 * groupCount + g] / GAUSSIAN_RATE_PER_HZ2)),
      phase0Deg: ((phi0 + phi1 * (PPM_CENTRE_1H - range.phasePivotPpm)) * 180) / Math.PI,
      phase1DegPerPpm: (phi1 * 180) / Math.PI,
    },
    qc: {
      transientsUsed: used.length,
      noiseSd,
      residualSd,
      residualToNoise: residualSd / noiseSd,
      transientResidualToNoise,
      degreesOfFreedom: solution.degreesOfFreedom,
      iterations: shared.iterations,
      converged: shared.converged,
      fitTimeMs: performance.now() - started,
    },
  };
}

function validateInput(transients: Float64Array, design: DesignMatrix, grid: FitGrid, n: number, accepted: Uint8Array | undefined): void {
  if (design.names.length === 0 || design.names.length !== design.columns.length) {
    throw new DataError(`dynamic fit: design has ${design.names.length} names and ${design.columns.length} columns`);
  }
  design.columns.forEach((column, r) => {
    if (column.length !== n) throw new DataError(`dynamic fit: design column "${design.names[r]}" has ${column.length} rows, expected ${n}`);
  });
  if (transients.length !== n * 2 * grid.points) {
    throw new DataError(`dynamic fit: ${transients.length / (2 * grid.points)} transients of ${grid.points} points for a design of ${n} rows`);
  }
  if (accepted && accepted.length !== n) throw new DataError(`dynamic fit: accepted mask has ${accepted.length} entries for ${n} transients`);
  for (let i = 0; i < transients.length; i++) {
    if (!Number.isFinite(transients[i])) throw new DataError(`dynamic fit: transient ${Math.floor(i / (2 * grid.points))} contains NaN or infinite values`);
  }
}

/** The leading `size`×`size` block of a row-major `stride`×`stride` matrix. */
function leadingBlock(matrix: Float64Array, stride: number, size: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let a = 0; a < size; a++) out.set(matrix.subarray(a * stride, a * stride + size), a * size);
  return out;
}
