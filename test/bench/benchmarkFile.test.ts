import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchmarkFile, type BenchmarkReport } from '../../src/bench/benchmarkFile.js';
import { renderCasesTable } from '../../src/bench/markdownTable.js';
import { DEFAULT_STUDY_SIMULATION, simulateStudy } from '../../src/simulate/simulateStudy.js';
import { writeSimulatedStudy } from '../../src/simulate/writeSimulatedStudy.js';

// A tiny session: 48 single transients of 1024 points (2 min at TR 2.5 s), so two 24-transient windows every 12.
const dir = mkdtempSync(join(tmpdir(), 'glutrace-bench-test-'));
let report: BenchmarkReport;

beforeAll(async () => {
  const study = simulateStudy({
    ...DEFAULT_STUDY_SIMULATION,
    seed: 5,
    subjects: 1,
    averagesPerTransient: 1,
    preInfusionMin: 1,
    infusionDurationMin: 1,
    postInfusionMin: 0,
    points: 1024,
    bandwidthHz: 2000,
  });
  writeSimulatedStudy(study, dir);
  report = await benchmarkFile(join(dir, 'data', 'sub-01_visit1_svs.nii.gz'), {
    repeats: 3,
    sessionRepeats: 1,
    workers: [1],
    windowTransients: 24,
    stepTransients: 12,
  });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('benchmarkFile on a small simulated session', () => {
  it('describes the file, the machine and the settings', () => {
    expect(report.file).toBe('sub-01_visit1_svs.nii.gz');
    expect(report.machine.cores).toBeGreaterThanOrEqual(1);
    expect(report.machine.nodeVersion).toBe(process.version);
    expect(report.settings).toMatchObject({ points: 1024, transients: 48, repeats: 3, sessionRepeats: 1, workers: [1], basis: 'simulated press TE 30 ms' });
    expect(report.totalSeconds).toBeGreaterThan(0);
  });

  it('runs every case with the requested number of timed runs', () => {
    expect(report.cases.map((c) => c.id)).toEqual(['peak-fit', 'lcm-fit', 'registration', 'pool-fits', 'session']);
    for (const c of report.cases) {
      expect(c.measurements.map((m) => m.workers), c.id).toEqual([1]);
      const runs = ['pool-fits', 'session'].includes(c.id) ? 1 : 3;
      expect(c.measurements[0].timeMs.runs, c.id).toBe(runs);
      expect(c.measurements[0].timeMs.median, c.id).toBeGreaterThan(0);
      expect(c.measurements[0].peakRssMB, c.id).toBeGreaterThan(0);
      expect(c.scalingEfficiency, c.id).toBeNull();
    }
  });

  it('counts the fits each run makes', () => {
    const byId = Object.fromEntries(report.cases.map((c) => [c.id, c]));
    expect(byId['peak-fit'].fitsPerRun).toBe(1);
    expect(byId['registration'].fitsPerRun).toBeNull();
    expect(byId['registration'].measurements[0].perFitMs).toBeNull();
    // windows start at transients 0, 12 and 24
    expect(byId['pool-fits'].fitsPerRun).toBe(3);
    // the session fits its windows plus the session average
    expect(byId['session'].fitsPerRun).toBeGreaterThanOrEqual(2);
    expect(byId['session'].fitsPerRun).toBeLessThanOrEqual(4);
    const session = byId['session'].measurements[0];
    expect(session.perFitMs! * byId['session'].fitsPerRun!).toBeCloseTo(session.timeMs.median, 6);
  });

  it('renders one table row per case and worker count', () => {
    const table = renderCasesTable(report.cases).split('\n');
    expect(table).toHaveLength(2 + report.cases.length);
    expect(table[2]).toContain('Peak fit, one spectrum');
    // the pool cases ran once: no quartiles to show
    expect(table.find((row) => row.startsWith('| Whole session'))).toContain('(1 run)');
  });
});

describe('benchmarkFile on a single-FID file', () => {
  it('skips the cases that need transients, with the reason', async () => {
    const single = await benchmarkFile(join(dir, 'data', 'sub-01_visit1_ref.nii.gz'), { repeats: 1, workers: [1] });
    const skipped = single.cases.filter((c) => c.measurements.length === 0).map((c) => [c.id, c.note]);
    expect(skipped).toEqual([
      ['registration', 'skipped: the file holds a single FID'],
      ['pool-fits', 'skipped: 1 transient, fewer than one window (24)'],
      ['session', 'skipped: 1 transient, fewer than one window (24)'],
    ]);
  }, 60_000);
});
