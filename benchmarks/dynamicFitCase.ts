import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { measurementOf, skippedCase, type BenchmarkCase } from '../src/bench/benchmarkCase.js';
import { PeakMemorySampler } from '../src/bench/peakMemory.js';
import { repeatSync, type RepeatOptions } from '../src/bench/repeatRuns.js';
import { shiftAndPhaseInPlace } from '../src/dsp/fidOps.js';
import type { FitGrid } from '../src/fit/fitOptions.js';
import type { SimulatedStudy } from '../src/simulate/simulateStudy.js';
import type { Basis } from '../src/types/basis.js';

const ID = 'dynamic-fit';
const TITLE = 'Dynamic fit, one whole session';

/**
 * The parts of src/fit/dynamic this case calls. The harness loads the module at run time, so it builds
 * and runs whether or not the (separately developed) dynamic fit is present, and says so in the table.
 */
interface DynamicFitModule {
  fitDynamic(transients: Float64Array, design: unknown, grid: FitGrid, basis: Basis, options?: { accepted?: Uint8Array }): { qc: { transientsUsed: number } };
}
interface DesignMatrixModule {
  buildDesignMatrix(timesMin: Float64Array, spec: { infusion: { durationMin: number; shape: 'box' }; drift?: boolean }): unknown;
}

/** The first visit's transients corrected with their true frequency and phase (the fit expects aligned data). */
function alignedWithTruth(study: SimulatedStudy): { transients: Float64Array; timesMin: Float64Array; accepted: Uint8Array } {
  const visit = study.visits[0];
  const { points, dwellTimeS } = visit.metabolite;
  const transients = Float64Array.from(visit.metabolite.data);
  visit.truth.forEach((truth, d) => {
    shiftAndPhaseInPlace(transients.subarray(2 * points * d, 2 * points * (d + 1)), dwellTimeS, -truth.frequencyHz, (-truth.phaseDeg * Math.PI) / 180);
  });
  return {
    transients,
    timesMin: Float64Array.from(visit.truth, (truth) => truth.minutesFromInfusionStart),
    accepted: Uint8Array.from(visit.truth, (truth) => (truth.corrupted ? 0 : 1)),
  };
}

/** fitDynamic on a whole simulated session (box infusion regressor plus drift), on the main thread. */
export async function dynamicFitCase(projectRoot: string, study: SimulatedStudy, repeat: RepeatOptions): Promise<BenchmarkCase> {
  const folder = join(projectRoot, 'dist', 'src', 'fit', 'dynamic');
  const fitFile = join(folder, 'fitDynamic.js');
  const designFile = join(folder, 'designMatrix.js');
  if (!existsSync(fitFile) || !existsSync(designFile)) return skippedCase(ID, TITLE, 'src/fit/dynamic is not in this build');
  try {
    const { fitDynamic } = (await import(pathToFileURL(fitFile).href)) as DynamicFitModule;
    const { buildDesignMatrix } = (await import(pathToFileURL(designFile).href)) as DesignMatrixModule;
    const { transients, timesMin, accepted } = alignedWithTruth(study);
    const design = buildDesignMatrix(timesMin, { infusion: { durationMin: study.options.infusionDurationMin, shape: 'box' }, drift: true });
    const metabolite = study.visits[0].metabolite;
    const grid: FitGrid = { points: metabolite.points, dwellTimeS: metabolite.dwellTimeS, spectrometerFrequencyMHz: metabolite.spectrometerFrequencyMHz, echoTimeS: metabolite.echoTimeS };
    const memory = new PeakMemorySampler();
    let used = 0;
    const times = repeatSync(() => {
      used = fitDynamic(transients, design, grid, study.basis, { accepted }).qc.transientsUsed;
    }, repeat, memory);
    return {
      id: ID,
      title: TITLE,
      fitsPerRun: 1,
      measurements: [measurementOf(1, times, 1, memory.stop())],
      scalingEfficiency: null,
      note: `${timesMin.length} transients (${used} used) × ${grid.points} points, ${study.basis.names.length} basis spectra, box infusion + drift design; main thread`,
    };
  } catch (error) {
    return skippedCase(ID, TITLE, `src/fit/dynamic failed: ${(error as Error).message.split('\n')[0]}`);
  }
}
