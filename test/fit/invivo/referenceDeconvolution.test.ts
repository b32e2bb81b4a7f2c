import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SequenceName } from '../../../src/basis/pulseSequences.js';
import { readMrsFile } from '../../../src/io/readMrsFile.js';
import { fitFile } from '../../../src/pipeline/fitFile.js';
import { lineshapeCorrection } from '../../../src/preprocess/referenceDeconvolution.js';
import type { FitResult } from '../../../src/types/fit.js';
import { SHARED_DATA_DIR } from '../helpers/ismrmChallenge.js';
import { expectBrainLikeRatios } from './brainRatios.js';

/**
 * Reference deconvolution with the water reference against the default Klose eddy-current correction and
 * against no water-based correction, on the real in vivo spectra that come with a water reference (the
 * Siemens RDA file has none). Same `glutrace fit` path otherwise, same settings for every file.
 */
const data = (path: string): string => join(SHARED_DATA_DIR, path);

interface Case {
  label: string;
  file: string;
  water: string;
  sequence?: SequenceName;
}

const CASES: Case[] = [
  { label: 'Philips SDAT 3T PRESS TE 35, subject 1', file: 'philips-sdat/osprey_3T_press35/sub-01_PRESS_35_act.sdat', water: 'philips-sdat/osprey_3T_press35/sub-01_PRESS_35_ref.sdat' },
  { label: 'Philips SDAT 3T PRESS TE 35, subject 2', file: 'philips-sdat/osprey_3T_press35/sub-02_PRESS_35_act.sdat', water: 'philips-sdat/osprey_3T_press35/sub-02_PRESS_35_ref.sdat' },
  {
    label: 'Philips SDAT 3T PRESS TE 30, subject 1',
    file: 'philips-sdat/osprey_3T_press30_with_MM/sub-01_ses-01_PRESS_raw-act_noID.SDAT',
    water: 'philips-sdat/osprey_3T_press30_with_MM/sub-01_ses-01_PRESS_raw-ref_noID.SDAT',
  },
  {
    label: 'Philips SDAT 3T PRESS TE 30, subject 2',
    file: 'philips-sdat/osprey_3T_press30_with_MM/sub-02_ses-01_PRESS_raw-act_noID.SDAT',
    water: 'philips-sdat/osprey_3T_press30_with_MM/sub-02_ses-01_PRESS_raw-ref_noID.SDAT',
  },
  { label: 'NIfTI-MRS 7T STEAM TE 11', file: 'nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz', water: 'nifti-mrs/fslmrs-7T-steam/wref_raw.nii.gz', sequence: 'steam' },
];

const RATIOS = ['NAA', 'tCho', 'Ins', 'Glu', 'Glx'];

function fitted(c: Case, correction: 'none' | 'klose' | 'deconvolution'): FitResult {
  return fitFile(data(c.file), {
    model: 'lcm',
    sequence: c.sequence ?? 'press',
    waterPath: correction === 'none' ? undefined : data(c.water),
    referenceDeconvolution: correction === 'deconvolution',
  }).fit;
}

const cells = (fit: FitResult): string =>
  `${RATIOS.map((name) => (fit.amplitudes[name] / fit.amplitudes.tCr).toFixed(2)).join(' | ')} | ${fit.qc.residualToNoise.toFixed(2)}`;

describe('real data: reference deconvolution with the water reference', () => {
  const table = [
    `| data | correction | ${RATIOS.join(' | ')} | residual/noise |`,
    `|---|---|${RATIOS.map(() => '---|').join('')}---|`,
  ];
  for (const c of CASES) {
    test(c.label, () => {
      const [none, klose, deconvolved] = (['none', 'klose', 'deconvolution'] as const).map((k) => fitted(c, k));
      table.push(`| ${c.label} | none | ${cells(none)} |`, `| | Klose | ${cells(klose)} |`, `| | reference deconvolution | ${cells(deconvolved)} |`);
      expect(deconvolved.qc.converged).toBe(true);
      // measured: no clear change against Klose (the water's line is not the metabolites'); a broken
      // correction (wrong sign, noise blow-up) moves the residual far more than this
      expect(deconvolved.qc.residualToNoise / klose.qc.residualToNoise).toBeGreaterThan(0.85);
      expect(deconvolved.qc.residualToNoise / klose.qc.residualToNoise).toBeLessThan(1.15);
      const ratio = (name: string): number => deconvolved.amplitudes[name] / deconvolved.amplitudes.tCr;
      expectBrainLikeRatios(ratio);
    });
  }
  test.sequential('summary', () => {
    console.log(table.join('\n'));
    expect(table.length).toBe(2 + 3 * CASES.length);
  });
});

describe('real data: the correction itself (Philips water references, one FID each)', () => {
  test('removes the water line\'s asymmetry, keeps its width and the noise', () => {
    const rows = ['| water reference | offset Hz | target FWHM Hz | asymmetry before | after | noise gain | crossover ms |', '|---|---|---|---|---|---|---|'];
    for (const c of CASES.filter((k) => k.file.startsWith('philips'))) {
      const water = readMrsFile(data(c.water));
      const { qc } = lineshapeCorrection({ fid: water.data, dwellTimeS: water.dwellTimeS });
      rows.push(`| ${c.label} | ${qc.waterOffsetHz.toFixed(2)} | ${qc.targetFwhmHz.toFixed(2)} | ${qc.asymmetryBefore.toFixed(3)} | ${qc.asymmetryAfter.toFixed(4)} | ${qc.noiseGain.toFixed(3)} | ${(1000 * qc.crossoverTimeS).toFixed(0)} |`);
      expect(qc.asymmetryBefore).toBeGreaterThan(0.05);
      expect(qc.asymmetryAfter).toBeLessThan(0.1 * qc.asymmetryBefore);
      expect(Math.abs(qc.noiseGain - 1)).toBeLessThan(0.1);
      expect(qc.targetFwhmHz).toBeGreaterThan(5);
      expect(qc.targetFwhmHz).toBeLessThan(12);
    }
    console.log(rows.join('\n'));
  });
});
