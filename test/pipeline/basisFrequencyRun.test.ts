import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testScratchDir } from '../helpers/scratchDir.js';

describe('glutrace run with a basis made for another field', () => {
  it('fails each session with one line naming the basis file and both frequencies', () => {
    const dir = testScratchDir('basis-frequency');
    const sample = resolve('sample-spectra');
    const basis = resolve('../shared/mrs-data/basis/lcmodel/osprey_3T_PRESS_Philips_35ms_noMM.BASIS');
    const manifest = JSON.parse(readFileSync(join(sample, 'study.json'), 'utf8'));
    manifest.subjects = manifest.subjects.slice(0, 1);
    for (const visit of manifest.subjects[0].visits) {
      visit.metabolite = join(sample, visit.metabolite);
      if (visit.water) visit.water = join(sample, visit.water);
    }
    manifest.analysis.basis = basis;
    writeFileSync(join(dir, 'study.json'), JSON.stringify(manifest));
    const result = spawnSync('node', ['dist/src/cli/main.js', 'run', join(dir, 'study.json'), '-o', join(dir, 'out'), '--jobs', '1', '--json'], { encoding: 'utf8' });
    const summary = JSON.parse(result.stdout);
    expect(summary.succeeded).toBe(0);
    expect(summary.failed).toHaveLength(manifest.subjects[0].visits.length);
    for (const failure of summary.failed) {
      expect(failure.error).toContain(`basis ${basis} was made at 127.731 MHz but the data were acquired at 123.200 MHz`);
      expect(failure.error).not.toContain('\n');
    }
  });
});
