import { measurementOf, type BenchmarkCase } from '../../src/bench/benchmarkCase.js';
import { PeakMemorySampler } from '../../src/bench/peakMemory.js';
import { repeatSync, type RepeatOptions } from '../../src/bench/repeatRuns.js';
import { median } from '../../src/bench/statistics.js';
import type { FitGrid } from '../../src/fit/fitOptions.js';
import { levenbergMarquardt } from '../../src/fit/levenbergMarquardt.js';
import { solveWithMl, type MlSolution } from './mlLevenbergMarquardt.js';
import { peakFitProblem, type PeakFitProblem } from './peakFitProblem.js';

const MAX_ITERATIONS = 100;
/** Differences below this fraction of a parameter's (or amplitude's) SD count as the same solution. */
const SAME_SOLUTION_SD = 0.1;

export interface BaselineComparison {
  glutraceIterations: number;
  /** Iterations ml-levenberg-marquardt needs to reach glutrace's cost (null: not within 100). */
  mlIterationsToSameCost: number | null;
  /** ml time / glutrace time (medians), same problem: with the tuned iteration budget, and with defaults. */
  ratioTuned: number | null;
  ratioDefault: number;
  /** ml (tuned, else default) time / glutrace's whole `fitSpectrum` peak fit. */
  ratioToFitSpectrum: number;
  /** (ml cost − glutrace cost) / glutrace cost, for the ml run compared (tuned, else default). */
  costRelativeDifference: number;
  /** Largest |Δθ| over the nonlinear parameters, in units of glutrace's SD for that parameter. */
  maxParameterDifferenceSd: number;
  /** Largest |Δamplitude| over the peak components, in units of their CRLB. */
  maxAmplitudeDifferenceSd: number;
  sameSolution: boolean;
}

/** Amplitudes and their CRLB SDs at θ (the problem's latest evaluation is left at θ). */
function amplitudesAt(setup: PeakFitProblem, params: Float64Array): { values: Float64Array; sds: Float64Array } {
  const { problem, lower, upper, noiseSd } = setup;
  problem.residuals(params, new Float64Array(problem.residualCount));
  problem.updateModelDerivatives();
  const free = Uint8Array.from(lower, (lo, k) => (upper[k] > lo ? 1 : 0));
  const covariance = problem.amplitudeCovariance(noiseSd * noiseSd, free);
  const n = problem.columnCount;
  const count = problem.componentCount;
  return {
    values: problem.amplitudes.slice(0, count),
    sds: Float64Array.from({ length: count }, (_, j) => Math.sqrt(Math.max(covariance[j * n + j], 0))),
  };
}

/** Smallest iteration budget whose ml result reaches `targetCost` (its best cost never rises with the budget). */
function iterationsToReach(setup: PeakFitProblem, targetCost: number): number | null {
  if (solveWithMl(setup, MAX_ITERATIONS).cost > targetCost) return null;
  let low = 0;
  let high = MAX_ITERATIONS;
  while (high - low > 1) {
    const middle = (low + high) >> 1;
    if (solveWithMl(setup, middle).cost <= targetCost) high = middle;
    else low = middle;
  }
  return high;
}

function solverCase(id: string, title: string, times: number[], peakRssMB: number, note: string): BenchmarkCase {
  return { id, title, fitsPerRun: 1, measurements: [measurementOf(1, times, 1, peakRssMB)], scalingEfficiency: null, note };
}

/**
 * The same peak fit solved by glutrace's Levenberg–Marquardt and by ml-levenberg-marquardt: same model
 * function, data, starting point, bounds and analytic Jacobian. ml-levenberg-marquardt has no relative
 * convergence test, so it is timed twice: with its default 100 iterations, and with the smallest budget that
 * reaches glutrace's cost (found beforehand, untimed — an advantage no real user would have).
 */
export function compareWithMlLevenbergMarquardt(
  fid: Float64Array,
  grid: FitGrid,
  fitSpectrumMedianMs: number,
  repeat: RepeatOptions,
): { cases: BenchmarkCase[]; comparison: BaselineComparison } {
  const setup = peakFitProblem(fid, grid);
  const { problem, initial, lower, upper, noiseSd } = setup;
  // fitSpectrum's convergence settings
  const options = { lower, upper, maxIterations: MAX_ITERATIONS, absoluteCostTolerance: 0.01 * noiseSd * noiseSd };

  const memory = new PeakMemorySampler();
  let ours = levenbergMarquardt(problem, initial, options);
  const oursTimes = repeatSync(() => {
    ours = levenbergMarquardt(problem, initial, options);
  }, repeat, memory);
  const oursRss = memory.stop();

  const budget = iterationsToReach(setup, ours.cost + options.absoluteCostTolerance);
  const timeMl = (iterations: number): { times: number[]; solution: MlSolution; rss: number } => {
    const sampler = new PeakMemorySampler();
    let solution = solveWithMl(setup, iterations);
    const times = repeatSync(() => {
      solution = solveWithMl(setup, iterations);
    }, repeat, sampler);
    return { times, solution, rss: sampler.stop() };
  };
  const byDefault = timeMl(MAX_ITERATIONS);
  const tuned = budget === null ? null : timeMl(budget);

  const compared = (tuned ?? byDefault).solution;
  const reference = amplitudesAt(setup, ours.params);
  const other = amplitudesAt(setup, compared.params);
  let maxParameterDifferenceSd = 0;
  for (let k = 0; k < problem.parameterCount; k++) {
    const sd = noiseSd * Math.sqrt(ours.unscaledCovariance[k * problem.parameterCount + k]);
    if (sd > 0) maxParameterDifferenceSd = Math.max(maxParameterDifferenceSd, Math.abs(compared.params[k] - ours.params[k]) / sd);
  }
  let maxAmplitudeDifferenceSd = 0;
  reference.values.forEach((value, j) => {
    if (reference.sds[j] > 0) maxAmplitudeDifferenceSd = Math.max(maxAmplitudeDifferenceSd, Math.abs(other.values[j] - value) / reference.sds[j]);
  });

  const oursMedian = median(oursTimes);
  const mlMedian = median((tuned ?? byDefault).times);
  const comparison: BaselineComparison = {
    glutraceIterations: ours.iterations,
    mlIterationsToSameCost: budget,
    ratioTuned: tuned ? median(tuned.times) / oursMedian : null,
    ratioDefault: median(byDefault.times) / oursMedian,
    ratioToFitSpectrum: mlMedian / fitSpectrumMedianMs,
    costRelativeDifference: (compared.cost - ours.cost) / ours.cost,
    maxParameterDifferenceSd,
    maxAmplitudeDifferenceSd,
    sameSolution: maxParameterDifferenceSd < SAME_SOLUTION_SD && maxAmplitudeDifferenceSd < SAME_SOLUTION_SD,
  };

  const shared = `same peak model, data, start, bounds, analytic Jacobian`;
  const cases = [
    solverCase('peak-solver-glutrace', 'Peak model solve: glutrace LM', oursTimes, oursRss, `${shared}; ${ours.iterations} iterations, stops on Δcost < 0.01σ²`),
  ];
  if (tuned) {
    cases.push(solverCase('peak-solver-ml-tuned', 'Peak model solve: ml-levenberg-marquardt, tuned budget', tuned.times, tuned.rss, `${shared}; ${budget} iterations (smallest budget reaching glutrace's cost)`));
  }
  cases.push(solverCase('peak-solver-ml-default', 'Peak model solve: ml-levenberg-marquardt, defaults', byDefault.times, byDefault.rss, `${shared}; ${byDefault.solution.iterations} iterations (no relative stopping rule)`));
  return { cases, comparison };
}
