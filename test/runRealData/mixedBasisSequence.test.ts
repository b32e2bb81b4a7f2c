import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNiftiMrs } from '../../src/io/niftiMrsWrite.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { testScratchDir } from '../helpers/scratchDir.js';
import { runRealStudy, steamMetabolite, steamWater } from './realStudy.js';

/**
 * Two visits of the same real 7T STEAM data, one exported without SequenceName, no analysis.sequence. Today
 * visit1 is fitted with a STEAM basis and visit2 silently with a PRESS one (headerSequence: PRESS for a
 * missing name), which alone moves baseline Glu/tNAA from 0.73 to 0.66; only the methods paragraph lists
 * the two bases. A crossover compared across two bases deserves a warning.
 */
describe('glutrace run when one session header names no sequence', () => {
  it('warns that the sessions are fitted with different bases', () => {
    const dir = testScratchDir('qa-no-seq-data');
    const unnamed = join(dir, 'metab_no_sequence.nii.gz');
    const { sequenceName: _dropped, ...mrs } = readMrsFile(steamMetabolite);
    writeFileSync(unnamed, writeNiftiMrs(mrs, { gzip: true }));
    const run = runRealStudy('qa-no-seq', [
      { metabolite: steamMetabolite, water: steamWater },
      { metabolite: unnamed, water: steamWater },
    ]);
    expect(run.status).toBe(0);
    const warned = [run.stderr, run.output('study.md')]
      .join('\n')
      .split('\n')
      .some((line) => line.includes('visit2') && /sequence|basis/i.test(line));
    expect(warned).toBe(true);
  });
});
