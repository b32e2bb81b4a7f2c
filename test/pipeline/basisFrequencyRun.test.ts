import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOneSubjectSampleStudy } from '../helpers/sampleStudy.js';
import { testScratchDir } from '../helpers/scratchDir.js';

describe('glutrace run with a basis made for another field', () => {
  it('fails each session with one line naming the basis file and both frequencies', () => {
    const dir = testScratchDir('basis-frequency');
    const basis = resolve('../shared/mrs-data/basis/lcmodel/osprey_3T_PRESS_Philips_35ms_noMM.BASIS');
    const study = writeOneSubjectSampleStudy(dir, (manifest) => { manifest.analysis.basis = basis; });
    const result = spawnSync('node', ['dist/src/cli/main.js', 'run', study, '-o', join(dir, 'out'), '--jobs', '1', '--json'], { encoding: 'utf8' });
    const summary = JSON.parse(result.stdout);
    expect(summary.succeeded).toBe(0);
    expect(summary.failed).toHaveLength(2);
    for (const failure of summary.failed) {
      expect(failure.error).toContain(`basis ${basis} was made at 127.731 MHz but the data were acquired at 123.200 MHz`);
      expect(failure.error).not.toContain('\n');
    }
  });
});
