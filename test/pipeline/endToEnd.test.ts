import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pearson, readCsv } from '../helpers/csv.js';
import { checkReportInChromium, chromiumInstalled } from '../report/chromiumCheck.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

// `glutrace run` on the committed sample study (4 subjects × 2 visits), with 1 and with 2 worker threads.
const sampleDir = 'sample-spectra';
const root = fileScratchDir('e2e');
const outOne = join(root, 'jobs1');
const outTwo = join(root, 'jobs2');

function runCli(output: string, jobs: number): { succeeded: number; sessions: number } {
  const stdout = execFileSync('node', ['dist/src/cli/main.js', 'run', join(sampleDir, 'study.json'), '-o', output, '--jobs', String(jobs), '--json'], { encoding: 'utf8' });
  return JSON.parse(stdout);
}

let summary: { succeeded: number; sessions: number };
beforeAll(() => {
  summary = runCli(outOne, 1);
  runCli(outTwo, 2);
}, 600_000);

describe('glutrace run on the sample study', () => {
  it('processes every session and writes every output', () => {
    expect(summary).toMatchObject({ sessions: 8, succeeded: 8 });
    for (const file of ['timecourses.csv', 'sessions.csv', 'study.json', 'study.md', 'report.html', 'errors.csv']) {
      expect(existsSync(join(outOne, file)), file).toBe(true);
    }
    const plots = readdirSync(join(outOne, 'plots'));
    for (const stem of ['sub-01_visit1_glx', 'sub-01_visit2_glx', 'sub-01_visits', 'group_means']) {
      expect(plots).toContain(`${stem}.svg`);
      expect(plots).toContain(`${stem}.png`);
    }
  });

  it('gives byte-identical tables with 1 and 2 workers', () => {
    for (const file of ['timecourses.csv', 'sessions.csv', 'study.json', 'study.md']) {
      expect(readFileSync(join(outTwo, file), 'utf8'), file).toBe(readFileSync(join(outOne, file), 'utf8'));
    }
  });

  it('recovers each session\'s Glu % change curve (r > 0.9 against truth.csv)', () => {
    const truth = readCsv(join(sampleDir, 'truth.csv'));
    const rows = readCsv(join(outOne, 'timecourses.csv')).filter((r) => r.metabolite === 'Glu' && r.flagged === '0');
    const sessions = [...new Set(rows.map((r) => `${r.subject}|${r.visit}`))];
    expect(sessions).toHaveLength(8);
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

  it('shows the smaller Glx/tNAA rise after naltrexone that the simulation put in', () => {
    const study = JSON.parse(readFileSync(join(outOne, 'study.json'), 'utf8'));
    const metric = study.pairedMetrics.find((m: { metric: string }) => m.metric === 'meanInfusionPctChange');
    console.log(`naltrexone − placebo mean Glx/tNAA % change during infusion: ${metric.estimate.toFixed(2)} [${metric.ciLow.toFixed(2)}, ${metric.ciHigh.toFixed(2)}]`);
    expect(metric.n).toBe(4);
    expect(metric.ciHigh).toBeLessThan(0);
    const truth = readCsv(join(sampleDir, 'truth.csv'));
    const trueMeanRise = (condition: string): number => {
      const rows = truth.filter((t) => t.condition === condition);
      const base = rows.filter((t) => Number(t.t_min) < 0);
      const during = rows.filter((t) => Number(t.t_min) > 0 && Number(t.t_min) <= 40);
      const mean = (xs: typeof rows): number => xs.reduce((s, t) => s + Number(t.Glx_tNAA), 0) / xs.length;
      return 100 * (mean(during) / mean(base) - 1);
    };
    const trueDifference = trueMeanRise('naltrexone') - trueMeanRise('placebo');
    expect(Math.abs(metric.estimate - trueDifference)).toBeLessThan(0.3 * Math.abs(trueDifference));
  });
});

describe.skipIf(!chromiumInstalled())('the sample run\'s report.html in headless Chromium', () => {
  it('renders every figure: SVGs laid out with shapes and text, no broken images', () => {
    const reportPath = join(outOne, 'report.html');
    const html = readFileSync(reportPath, 'utf8');
    const check = checkReportInChromium(reportPath);
    expect(check.svgs).toHaveLength((html.match(/<svg/g) ?? []).length);
    expect(check.svgs.length).toBeGreaterThan(20);
    for (const [i, svg] of check.svgs.entries()) {
      expect(svg.widthPx, `svg ${i} width`).toBeGreaterThan(300);
      expect(svg.drawnElements, `svg ${i} shapes`).toBeGreaterThan(20);
      expect(svg.textRuns, `svg ${i} text`).toBeGreaterThan(5);
    }
    expect(check.brokenImages).toBe(0);
  }, 120_000);
});
