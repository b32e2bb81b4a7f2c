import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitFile } from '../../src/pipeline/fitFile.js';
import { readCsv } from '../helpers/csv.js';

describe('the sample study\'s water references', () => {
  it('give the simulated concentrations in mM through fit --water', () => {
    const dir = resolve('sample-spectra');
    const { report } = fitFile(join(dir, 'data/sub-01_visit1_svs.nii.gz'), { model: 'lcm', waterPath: join(dir, 'data/sub-01_visit1_ref.nii.gz') });
    // NAA, tCr and Ins do not change over the session: one row of the truth holds them
    const truth = readCsv(join(dir, 'truth.csv')).find((row) => row.subject === 'sub-01' && row.visit === 'visit1')!;
    for (const name of ['NAA', 'tCr', 'Ins']) {
      expect(Math.abs(report.metabolites[name].concentrationMM! / Number(truth[name]) - 1), name).toBeLessThan(0.02);
    }
  });
});
