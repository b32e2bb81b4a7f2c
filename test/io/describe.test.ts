import { describe, expect, it } from 'vitest';
import { describeMrsFile } from '../../src/io/describe.js';
import { dataPath } from './helpers.js';

describe('describeMrsFile', () => {
  it('summarises the FSL-MRS raw STEAM file as `glutrace info` prints it', () => {
    const file = dataPath('nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz');
    expect(describeMrsFile(file)).toEqual({
      file,
      format: 'nifti-mrs',
      nucleus: '1H',
      spectrometerFrequencyMHz: 297.219948,
      dwellTimeS: 8.33e-5,
      spectralWidthHz: 1 / 8.33e-5,
      points: 4096,
      shape: [4096, 4, 16],
      dimTags: ['DIM_COIL', 'DIM_DYN'],
      echoTimeS: 0.011,
      repetitionTimeS: 5,
    });
  });

  it('passes options through (text needs the grid)', () => {
    const info = describeMrsFile(dataPath('plain-text/s2n-7T-slaser_metab.txt'), { dwellTimeS: 8.33e-5, spectrometerFrequencyMHz: 297.219948 });
    expect(info.format).toBe('text');
    expect(info.shape).toEqual([4096]);
    expect(info.echoTimeS).toBeNull();
  });
});
