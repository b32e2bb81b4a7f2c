import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCsv } from '../helpers/csv.js';
import { fileScratchDir } from '../helpers/scratchDir.js';

// The sample study with `analysis.model: "dynamic"`: every transient of a session fitted at once.
const root = fileScratchDir('dynamic');
const outDir = join(root, 'out');

beforeAll(() => {
  const manifest = JSON.parse(readFileSync('sample-spectra/study.json', 'utf8'));
  manifest.analysis.model = 'dynamic';
  for (const subject of manifest.subjects) {
    for (const visit of subject.visits) {
      visit.metabolite = resolve('sample-spectra', visit.metabolite);
      visit.water = resolve('sample-spectra', visit.water);
    }
  }
  writeFileSync(join(root, 'study.json'), JSON.stringify(manifest));
  execFileSync('node', ['dist/src/cli/main.js', 'run', join(root, 'study.json'), '-o', outDir, '--json']);
}, 600_000);

describe('the dynamic model on the sample study', () => {
  it('estimates each session\'s Glx/tNAA infusion effect at the simulated plateau rise', () => {
    const truth = readCsv('sample-spectra/truth.csv');
    const betas = readCsv(join(outDir, 'betas.csv')).filter((r) => r.measure === 'Glx/tNAA' && r.kind === 'ratio' && r.regressor === 'infusion');
    expect(betas).toHaveLength(8);
    const standardised: number[] = [];
    for (const row of betas) {
      const session = truth.filter((t) => t.subject === row.subject && t.visit === row.visit);
      const base = session.filter((t) => Number(t.t_min) < 0);
      const baseline = base.reduce((s, t) => s + Number(t.Glx_tNAA), 0) / base.length;
      // The simulated response is the design's saturating shape, so its plateau is the largest true value.
      const plateau = Math.max(...session.map((t) => Number(t.Glx_tNAA)));
      const truePct = 100 * (plateau / baseline - 1);
      const estimate = Number(row.pct_of_baseline);
      const sd = Number(row.pct_of_baseline_sd);
      console.log(`${row.subject} ${row.visit} (${row.condition}): true ${truePct.toFixed(2)} %, dynamic ${estimate.toFixed(2)} ± ${sd.toFixed(2)} %`);
      expect(sd).toBeGreaterThan(0);
      expect(Math.abs(estimate - truePct)).toBeLessThan(Math.max(4 * sd, 2));
      standardised.push((estimate - truePct) / sd);
    }
    const meanZ = standardised.reduce((s, z) => s + z, 0) / standardised.length;
    expect(Math.abs(meanZ)).toBeLessThan(2);
  });

  it('adds the model\'s curve to timecourses.csv', () => {
    const rows = readCsv(join(outDir, 'timecourses.csv')).filter((r) => r.metabolite === 'Glx/tNAA');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.model_pct_change !== '' && Number.isFinite(Number(r.model_pct_change)))).toBe(true);
  });

  it('shows each session\'s dynamic effects in the report, with the values of betas.csv', () => {
    const html = readFileSync(join(outDir, 'report.html'), 'utf8');
    const tables = html.split('Dynamic model: effect of each regressor').length - 1;
    expect(tables).toBe(8);
    const row = readCsv(join(outDir, 'betas.csv')).find((r) => r.measure === 'Glx/tNAA' && r.kind === 'ratio' && r.regressor === 'infusion')!;
    const shown = (v: string) => Number(v).toFixed(1).replace('-', '−');
    expect(html).toContain(`<td>Glx/tNAA</td><td>infusion</td>`);
    expect(html).toContain(`${shown(row.pct_of_baseline)} ± ${shown(row.pct_of_baseline_sd)}`);
  });
});
