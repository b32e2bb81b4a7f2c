/**
 * `npm run bench`: fitting speed, scaling and memory on a simulated study (fixed seed), with
 * ml-levenberg-marquardt as the baseline for the peak fit. Writes benchmarks/results.json and results.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchmarkCase } from '../src/bench/benchmarkCase.js';
import { benchmarkFile } from '../src/bench/benchmarkFile.js';
import { machineInfo } from '../src/bench/machine.js';
import { formatMs, machineLine, renderCasesTable } from '../src/bench/markdownTable.js';
import { benchmarkStudy } from '../src/bench/poolCases.js';
import { firstWindowAverage } from '../src/bench/windowSpectra.js';
import { DEFAULT_STUDY_SIMULATION, simulateStudy, type StudySimulationOptions } from '../src/simulate/simulateStudy.js';
import { writeSimulatedStudy } from '../src/simulate/writeSimulatedStudy.js';
import { writeFileAtomic } from '../src/util/atomicWrite.js';
import { projectRoot } from '../src/util/projectRoot.js';
import { compareWithMlLevenbergMarquardt, type BaselineComparison } from './baseline/compareSolvers.js';
import { shapedBasisCase } from './basisSimulationCase.js';
import { dynamicFitCase } from './dynamicFitCase.js';

const SEED = 20261127;
const WORKERS = [1, 2];
const WINDOW_TRANSIENTS = 24;
/** Seconds after which the study case runs once per worker count instead of three times. */
const HURRY_AFTER_S = 120;
/** 2 subjects × 2 visits; one excitation per stored transient, TR 3 s over 60 min = 1,200 transients. */
const SIMULATION: StudySimulationOptions = { ...DEFAULT_STUDY_SIMULATION, seed: SEED, subjects: 2, averagesPerTransient: 1, repetitionTimeS: 3 };

const log = (message: string): void => {
  process.stderr.write(`bench: ${message}\n`);
};

function medianOf(cases: BenchmarkCase[], id: string): number {
  return cases.find((c) => c.id === id)?.measurements[0]?.timeMs.median ?? Number.NaN;
}

function baselineSummary(comparison: BaselineComparison): string {
  const ratio = comparison.ratioTuned ?? comparison.ratioDefault;
  const budget = comparison.mlIterationsToSameCost === null
    ? 'did not reach glutrace\'s cost within 100 iterations, so the ratio uses its default run'
    : `needed ${comparison.mlIterationsToSameCost} iterations to reach glutrace's cost (glutrace: ${comparison.glutraceIterations})`;
  return [
    `**Baseline.** On the same peak-model problem (same model function, data, starting point, bounds and analytic Jacobian), ` +
      `ml-levenberg-marquardt takes **${ratio.toFixed(1)}×** glutrace's solver time with the iteration budget tuned for it ` +
      `(${comparison.ratioDefault.toFixed(1)}× with its defaults) and ${comparison.ratioToFitSpectrum.toFixed(1)}× ` +
      `a whole glutrace \`fitSpectrum\` peak fit. It ${budget}.`,
    `Same solution (${comparison.mlIterationsToSameCost === null ? 'default' : 'tuned'} run): ${comparison.sameSolution ? 'yes' : 'no'} (largest parameter difference ${comparison.maxParameterDifferenceSd.toPrecision(2)} SD, ` +
      `largest amplitude difference ${comparison.maxAmplitudeDifferenceSd.toPrecision(2)} CRLB, cost difference ${(100 * comparison.costRelativeDifference).toPrecision(2)} %).`,
  ].join('\n');
}

function targetsSummary(cases: BenchmarkCase[]): string {
  return `**Targets.** Issue 5 (one core): LCM fit ${formatMs(medianOf(cases, 'lcm-fit'))} (target < 20 ms), ` +
    `peak fit ${formatMs(medianOf(cases, 'peak-fit'))} (target < 2 ms); issue 8: dynamic fit of a 1,200-transient session ` +
    `${formatMs(medianOf(cases, 'dynamic-fit'))} (target < 10 s on 2 cores).`;
}

async function main(): Promise<void> {
  const started = performance.now();
  const machine = machineInfo();
  const dataDir = mkdtempSync(join(tmpdir(), 'glutrace-bench-'));
  try {
    log(`simulating 4 sessions × 1,200 transients (seed ${SEED}) in ${dataDir}`);
    const study = simulateStudy(SIMULATION);
    writeSimulatedStudy(study, dataDir);
    const firstVisit = study.visits[0].metabolite;
    const sessionFile = join(dataDir, 'data', `${firstVisit.provenance.sourceName}.nii.gz`);

    const fileReport = await benchmarkFile(sessionFile, {
      workers: WORKERS,
      windowTransients: WINDOW_TRANSIENTS,
      onProgress: (title) => log(title),
    });
    const cases = [...fileReport.cases];

    log('baseline: ml-levenberg-marquardt');
    const grid = { points: firstVisit.points, dwellTimeS: firstVisit.dwellTimeS, spectrometerFrequencyMHz: firstVisit.spectrometerFrequencyMHz, echoTimeS: firstVisit.echoTimeS };
    const spectrum = firstWindowAverage(firstVisit.data, firstVisit.points, WINDOW_TRANSIENTS);
    const baseline = compareWithMlLevenbergMarquardt(spectrum, grid, medianOf(cases, 'peak-fit'), { warmup: 3, repeats: 15 });
    cases.splice(1, 0, ...baseline.cases);

    log('dynamic fit');
    cases.push(dynamicFitCase(study, { warmup: 1, repeats: 5 }));

    log('whole study');
    // keeps `npm run bench` within about 5 minutes when other work slows the machine down
    const hurried = (performance.now() - started) / 1000 > HURRY_AFTER_S;
    const studyCase = await benchmarkStudy(join(dataDir, 'study.json'), WORKERS, { warmup: 0, repeats: hurried ? 1 : 3 });
    if (hurried) studyCase.note += `; 1 run per worker count because the earlier cases took over ${HURRY_AFTER_S} s (busy machine)`;
    cases.push(studyCase);

    // after the study case, so its ~25 s do not count towards HURRY_AFTER_S
    log('basis simulation: shaped PRESS');
    cases.push(await shapedBasisCase(WORKERS, 2));

    const totalSeconds = (performance.now() - started) / 1000;
    const loadAtEnd = machineInfo().loadAverage1Min;
    const results = {
      generatedAt: new Date().toISOString(),
      machine,
      loadAverage1MinAtEnd: loadAtEnd,
      data: {
        simulation: SIMULATION,
        sessions: study.visits.length,
        transientsPerSession: firstVisit.data.length / (2 * firstVisit.points),
        singleSpectrum: `mean of the first ${WINDOW_TRANSIENTS} transients of ${firstVisit.provenance.sourceName}`,
        settings: fileReport.settings,
      },
      cases,
      baseline: baseline.comparison,
      totalSeconds,
    };
    const markdown = [
      '## Benchmarks',
      '',
      `Machine: ${machineLine(machine)}, ${loadAtEnd} at the end. Simulated data, seed ${SEED}: 4 sessions of 1,200 transients × 2048 points; ` +
        `times are medians over repeated runs; \`npm run bench\` took ${totalSeconds.toFixed(0)} s.`,
      '',
      renderCasesTable(cases),
      '',
      targetsSummary(cases),
      '',
      baselineSummary(baseline.comparison),
      '',
    ].join('\n');
    writeFileAtomic(join(projectRoot(), 'benchmarks', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileAtomic(join(projectRoot(), 'benchmarks', 'results.md'), markdown);
    process.stdout.write(`${markdown}\nWrote benchmarks/results.json and benchmarks/results.md\n`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
