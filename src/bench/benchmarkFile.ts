import { basename, resolve } from 'node:path';
import { simulateBasis } from '../basis/simulateBasis.js';
import { basisSimulationForData } from '../pipeline/headerSequence.js';
import type { SequenceName } from '../basis/pulseSequences.js';
import type { FitGrid } from '../fit/fitOptions.js';
import { readBasis } from '../io/readBasis.js';
import { readMrsFile } from '../io/readMrsFile.js';
import { parseStudyManifest } from '../manifest/studyManifest.js';
import type { BasisSource } from '../pipeline/basisSource.js';
import { combineCoils } from '../preprocess/coilCombination.js';
import { buildReference } from '../preprocess/spectralRegistration.js';
import type { Basis } from '../types/basis.js';
import { fidCount, type MrsData } from '../types/mrsData.js';
import { isInputError } from '../util/errors.js';
import { skippedCase, type BenchmarkCase } from './benchmarkCase.js';
import { machineInfo, type MachineInfo } from './machine.js';
import { benchmarkPoolFits, benchmarkSession, destroyPools, startWarmPools, type SessionSetup } from './poolCases.js';
import { benchmarkRegistration, benchmarkSingleFit } from './singleSpectrumCases.js';
import { firstWindowAverage, windowAverages } from './windowSpectra.js';

export interface BenchmarkFileOptions {
  /** Timed runs of each single-spectrum case (fits, registration). Default 30. */
  repeats?: number;
  /** Timed runs of each pool case (window fits, whole session) per worker count. Default 3. */
  sessionRepeats?: number;
  /** Worker counts for the pool cases. Default [1, 2]. */
  workers?: number[];
  /** Basis file for the LCM cases; default: simulated for the file's echo time with `sequence`. */
  basis?: string;
  /** Sequence of the simulated basis. Default: the one named in the file's header (as `glutrace fit`). */
  sequence?: SequenceName;
  /** Sliding window, transients. Defaults 24 and 3 (as the simulated study's manifest). */
  windowTransients?: number;
  stepTransients?: number;
  /** Called before each case with its title. */
  onProgress?: (title: string) => void;
}

export interface BenchmarkReport {
  /** The benchmarked file's name (no folders). */
  file: string;
  machine: MachineInfo;
  settings: {
    points: number;
    transients: number;
    repeats: number;
    sessionRepeats: number;
    workers: number[];
    windowTransients: number;
    stepTransients: number;
    /** Where the LCM basis came from, or null when there is none (LCM cases skipped). */
    basis: string | null;
  };
  cases: BenchmarkCase[];
  totalSeconds: number;
}

const DEFAULT_REPEATS = 30;
const DEFAULT_SESSION_REPEATS = 3;
const SINGLE_WARMUP = 5;
/** Windows fitted by the pool-fits case: enough for steady throughput, fewer than a whole session's. */
const POOL_FIT_WINDOWS = 128;

function gridOf(mrs: MrsData): FitGrid {
  return { points: mrs.points, dwellTimeS: mrs.dwellTimeS, spectrometerFrequencyMHz: mrs.spectrometerFrequencyMHz, echoTimeS: mrs.echoTimeS };
}

function basisFor(mrs: MrsData, options: BenchmarkFileOptions): { basis: Basis; source: BasisSource; label: string } | null {
  if (options.basis) {
    const path = resolve(options.basis);
    return { basis: readBasis(path), source: { kind: 'file', path }, label: basename(path) };
  }
  const simulation = basisSimulationForData(mrs, options.sequence);
  if (!simulation) return null;
  return {
    basis: simulateBasis(simulation),
    source: { kind: 'simulated', options: simulation },
    label: `simulated ${simulation.sequence} TE ${Math.round(simulation.echoTimeS * 1000)} ms`,
  };
}

/** A one-visit manifest around the file; the infusion timing only places windows and does not change the work. */
function sessionSetup(path: string, mrs: MrsData, basis: BasisSource | null, windowTransients: number, stepTransients: number): SessionSetup {
  const sessionMin = (fidCount(mrs) * (mrs.repetitionTimeS ?? 1)) / 60;
  const infusionStartMin = sessionMin / 4;
  // parsed, so settings the manifest leaves out take the pipeline's defaults
  const manifest = parseStudyManifest({
    name: 'glutrace bench',
    infusion: { drug: 'none', doseMgPerKg: 1, durationMin: Math.max(sessionMin / 2, 1e-3) },
    analysis: {
      model: basis ? 'lcm' : 'peaks',
      windowTransients,
      stepTransients,
      baselineMin: [-infusionStartMin, 0],
      reference: 'tNAA',
    },
    subjects: [{ id: 'bench', sex: 'F', visits: [{ id: 'visit1', condition: 'placebo', metabolite: path, infusionStartMin }] }],
  }, 'glutrace bench manifest');
  const subject = manifest.subjects[0];
  return { manifest, job: { subject, visit: subject.visits[0], visitOrder: 1 }, basis };
}

/** The case, or a skipped one naming why when the file's data cannot go through it: the other cases still count. */
async function unlessDataUnfit(id: string, title: string, run: () => Promise<BenchmarkCase>): Promise<BenchmarkCase> {
  try {
    return await run();
  } catch (error) {
    if (!isInputError(error)) throw error;
    return skippedCase(id, title, (error as Error).message.split('\n')[0]);
  }
}

/**
 * Benchmarks glutrace on one MRS file: a peak fit and an LCM fit of one window's average, registration of
 * single transients, and (when the file holds at least one window of transients)
 * window fits and the whole session in the worker pool at each worker count. Medians and spreads over
 * repeated runs; the LCM basis is the given file or one simulated for the header's echo time.
 */
export async function benchmarkFile(path: string, options: BenchmarkFileOptions = {}): Promise<BenchmarkReport> {
  const started = performance.now();
  const machine = machineInfo();
  const absolute = resolve(path);
  // as a session does, so transients are counted (and spectra averaged) after coil combination
  const read = readMrsFile(absolute);
  const mrs = read.dims.some((d) => d.tag === 'DIM_COIL') ? combineCoils(read).data : read;
  const grid = gridOf(mrs);
  const count = fidCount(mrs);
  const length = 2 * mrs.points;
  const repeats = options.repeats ?? DEFAULT_REPEATS;
  const sessionRepeats = options.sessionRepeats ?? DEFAULT_SESSION_REPEATS;
  const workers = [...new Set(options.workers ?? [1, 2])].sort((a, b) => a - b);
  const windowTransients = options.windowTransients ?? 24;
  const stepTransients = options.stepTransients ?? 3;
  const single = { warmup: SINGLE_WARMUP, repeats };
  // pools are warmed once, before the pool cases (startWarmPools)
  const pooled = { warmup: 0, repeats: sessionRepeats };
  const progress = options.onProgress ?? (() => undefined);
  const cases: BenchmarkCase[] = [];

  const spectrum = firstWindowAverage(mrs.data, mrs.points, windowTransients);
  progress('peak fit');
  cases.push(benchmarkSingleFit('peak-fit', 'Peak fit, one spectrum', spectrum, grid, { model: 'peaks' }, single));
  const basis = basisFor(mrs, options);
  progress('LCM fit');
  cases.push(basis
    ? benchmarkSingleFit('lcm-fit', 'LCM fit, one spectrum', spectrum, grid, { model: 'lcm', basis: basis.basis }, single)
    : skippedCase('lcm-fit', 'LCM fit, one spectrum', 'no echo time in the header to simulate a basis for; give a basis file'));

  if (count < 2) {
    cases.push(skippedCase('registration', 'Spectral registration, one transient', 'the file holds a single FID'));
  } else {
    progress('registration');
    const transients = Array.from({ length: count }, (_, d) => mrs.data.subarray(d * length, (d + 1) * length));
    cases.push(benchmarkRegistration(transients, buildReference(mrs.data, grid), grid, single));
  }

  if (count < windowTransients) {
    const reason = `${count} transient${count === 1 ? '' : 's'}, fewer than one window (${windowTransients})`;
    cases.push(skippedCase('pool-fits', 'Window fits in the worker pool', reason));
    cases.push(skippedCase('session', 'Whole session', reason));
  } else {
    const setup = sessionSetup(absolute, mrs, basis?.source ?? null, windowTransients, stepTransients);
    const { model } = setup.manifest.analysis;
    const settings = { grid, model: model === 'peaks' ? 'peaks' : 'lcm', basis: setup.basis } as const;
    progress('starting and warming worker pools');
    const pools = await startWarmPools(workers, spectrum, settings);
    try {
      progress('window fits in the pool');
      const windows = windowAverages(mrs.data, mrs.points, windowTransients, stepTransients);
      const batch = windows.subarray(0, Math.min(windows.length, POOL_FIT_WINDOWS * 2 * mrs.points));
      cases.push(await benchmarkPoolFits(pools, batch, settings, pooled));
      progress('whole session');
      cases.push(await unlessDataUnfit('session', 'Whole session', () => benchmarkSession(pools, setup, pooled)));
    } finally {
      await destroyPools(pools);
    }
  }

  return {
    file: basename(absolute),
    machine,
    settings: { points: mrs.points, transients: count, repeats, sessionRepeats, workers, windowTransients, stepTransients, basis: basis?.label ?? null },
    cases,
    totalSeconds: (performance.now() - started) / 1000,
  };
}
