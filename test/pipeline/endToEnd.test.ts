import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STUDY_SIMULATION, simulateStudy } from '../../src/simulate/simulateStudy.js';
import { writeSimulatedStudy } from '../../src/simulate/writeSimulatedStudy.js';
import { runStudy } from '../../src/pipeline/runStudy.js';
import { writeRunOutputs } from '../../src/pipeline/writeRunOutputs.js';
import { pearson, readCsv } from '../helpers/csv.js';

// A full-length simulated crossover study (2 subjects × 2 visits, 60 min each), processed with 1 and 2 workers.
const root = mkdtempSync(join(tmpdir(), 'glutrace-e2e-'));
const studyDir = join(root, 'study');
const outOne = join(root, 'jobs1');
const outTwo = join(root, 'jobs2');

beforeAll(async () => {
  writeSimulatedStudy(simulateStudy({ ...DEFAULT_STUDY_SIMULATION, seed: 5 }), studyDir);
  writeRunOutputs(await runStudy(join(studyDir, 'study.json'), { jobs: 1 }), outOne);
  writeRunOutputs(await runStudy(join(studyDir, 'study.json'), { jobs: 2 }), outTwo);
}, 600_000);

describe('glutrace run on a simulated crossover study', () => {
  it('writes every output', () => {
    for (const file of ['timecourses.csv', 'sessions.csv', 'study.json', 'study.md', 'report.html', 'errors.csv']) {
      expect(existsSync(join(outOne, file)), file).toBe(true);
    }
  });

  it('gives byte-identical tables with 1 and 2 workers', () => {
    for (const file of ['timecourses.csv', 'sessions.csv', 'study.json']) {
      expect(readFileSync(join(outTwo, file), 'utf8'), file).toBe(readFileSync(join(outOne, file), 'utf8'));
    }
  });

  it('recovers each session\'s Glu % change curve (r > 0.9 against truth)', () => {
    const truth = readCsv(join(studyDir, 'truth.csv'));
    const rows = readCsv(join(outOne, 'timecourses.csv')).filter((r) => r.metabolite === 'Glu' && r.flagged === '0');
    const sessions = [...new Set(rows.map((r) => `${r.subject}|${r.visit}`))];
    expect(sessions).toHaveLength(4);
    for (const session of sessions) {
      const [subject, visit] = session.split('|');
      const transients = truth.filter((t) => t.subject === subject && t.visit === visit && t.corrupted === '0');
      const meanGlu = (from: number, to: number): number => {
        const inside = transients.filter((t) => Number(t.t_min) >= from && Number(t.t_min) <= to);
        return inside.reduce((s, t) => s + Number(t.Glu), 0) / inside.length;
      };
      const baseline = meanGlu(-10, 0);
      const windows = rows.filter((r) => r.subject === subject && r.visit === visit);
      const truePct = windows.map((w) => 100 * (meanGlu(Number(w.t_start_min), Number(w.t_end_min)) / baseline - 1));
      const estimatedPct = windows.map((w) => Number(w.pct_change_from_baseline));
      const r = pearson(truePct, estimatedPct);
      console.log(`${session}: r = ${r.toFixed(3)} over ${windows.length} windows`);
      expect(r).toBeGreaterThan(0.9);
    }
  });

  it('shows the smaller Glx/tNAA rise after naltrexone than after placebo', () => {
    const study = JSON.parse(readFileSync(join(outOne, 'study.json'), 'utf8'));
    const meanDuringInfusion = (condition: string): number => {
      const curve = study.meanCurves.find((c: { condition: string; measure: string }) => c.condition === condition && c.measure === 'Glx/tNAA');
      const values = curve.tMin.map((t: number, i: number) => (t > 0 && t <= 40 ? curve.mean[i] : null)).filter((v: number | null) => v !== null);
      return values.reduce((s: number, v: number) => s + v, 0) / values.length;
    };
    const placebo = meanDuringInfusion('placebo');
    const naltrexone = meanDuringInfusion('naltrexone');
    console.log(`mean Glx/tNAA % change during infusion: placebo ${placebo.toFixed(2)}, naltrexone ${naltrexone.toFixed(2)}`);
    expect(placebo).toBeGreaterThan(naltrexone);
  });
});
