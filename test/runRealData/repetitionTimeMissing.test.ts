import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNiftiMrs } from '../../src/io/niftiMrsWrite.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { testScratchDir } from '../helpers/scratchDir.js';
import { runRealStudy, steamMetabolite, steamWater } from './realStudy.js';

/**
 * Real 7T STEAM transients (TR 5 s) in a NIfTI-MRS file without RepetitionTime and without per-transient
 * times. Today `run` silently spaces the transients 1 s apart (prepareSession: `repetitionTimeS ?? 1`), so
 * every window lands at the wrong minute of the infusion, exit code 0 and no warning.
 */
describe('glutrace run on multi-transient data without a repetition time', () => {
  it('does not invent a transient spacing silently', () => {
    const dir = testScratchDir('qa-no-tr-data');
    const file = join(dir, 'metab_no_tr.nii.gz');
    const mrs = readMrsFile(steamMetabolite);
    writeFileSync(file, writeNiftiMrs({ ...mrs, repetitionTimeS: null, transientTimesS: null }, { gzip: true }));
    const run = runRealStudy('qa-no-tr', [{ metabolite: file, water: steamWater }], { sequence: 'steam' });
    const told = [run.stderr, run.output('errors.csv'), run.output('study.md')]
      .join('\n')
      .split('\n')
      .some((line) => line.includes('visit1') && (/repetition time/i.test(line) || /\bTR\b/.test(line)));
    expect(told).toBe(true);
  });
});
