import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fidAt, fidCount } from '../../src/types/mrsData.js';
import { writeNiftiMrs } from '../../src/io/niftiMrsWrite.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { testScratchDir } from '../helpers/scratchDir.js';
import { runRealStudy, steamMetabolite } from './realStudy.js';

/**
 * FSL-MRS-processed files keep 4095 points (see SOURCES.md). `glutrace fit` zero-fills a single 4095-point
 * spectrum, but `run` (and `fit` on several transients) stops every session with the internal
 * "FFT size must be a power of two, got 4095" (preprocessing calls fidToSpectrum on the raw length).
 */
describe('glutrace run on transients of 4095 points', () => {
  it('processes the session', () => {
    const dir = testScratchDir('qa-4095-data');
    const file = join(dir, 'metab_4095.nii.gz');
    const mrs = readMrsFile(steamMetabolite);
    const points = mrs.points - 1;
    const data = new Float64Array(2 * points * fidCount(mrs));
    for (let i = 0; i < fidCount(mrs); i++) data.set(fidAt(mrs, i).subarray(0, 2 * points), 2 * points * i);
    writeFileSync(file, writeNiftiMrs({ ...mrs, points, data }, { gzip: true }));
    const run = runRealStudy('qa-4095', [{ metabolite: file }], { sequence: 'steam' });
    expect(run.stderr).not.toContain('power of two');
    expect(run.status).toBe(0);
  });
});
