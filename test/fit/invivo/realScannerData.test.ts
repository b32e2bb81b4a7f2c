import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SequenceName } from '../../../src/basis/pulseSequences.js';
import { fitFile } from '../../../src/pipeline/fitFile.js';
import type { FitResult } from '../../../src/types/fit.js';
import { SHARED_DATA_DIR } from '../helpers/ismrmChallenge.js';
import { expectBrainLikeRatios } from './brainRatios.js';

/**
 * The default `glutrace fit` path (coil combination, alignment, eddy-current correction with the water
 * reference, HLSVD water removal, LCM fit with the simulated PRESS/STEAM basis or a vendor basis) on real
 * scanner files from three vendors, checked against LCModel where a reference fit exists and otherwise
 * against brain ratios to tCr and a residual close to the noise.
 */
const data = (path: string): string => join(SHARED_DATA_DIR, path);

function fitted(file: string, water?: string, basis?: string, sequence: SequenceName = 'press'): FitResult {
  return fitFile(data(file), {
    model: 'lcm',
    sequence,
    waterPath: water ? data(water) : undefined,
    basisPath: basis ? data(basis) : undefined,
  }).fit;
}

const ratio = (fit: FitResult, name: string): number => fit.amplitudes[name] / fit.amplitudes.tCr;

/** Concentration ratios to Cr+PCr from LCModel's printed table ("conc %SD /(Cr+PCr) name"). */
function lcmodelRatios(postscript: string): Map<string, number> {
  const ratios = new Map<string, number>();
  for (const match of postscript.matchAll(/\{\(\s*\S+\s+\d+%\s+(\S+)\s+(\S+)\)s\}lst/g)) {
    if (!ratios.has(match[2])) ratios.set(match[2], Number(match[1]));
  }
  return ratios;
}

describe('Philips SDAT phantom through the whole pipeline, against LCModel 6.3-1R on the same spectrum', () => {
  // LCModel's test spectrum is this SDAT conjugated; the reference fit used lcmodel_test_3t.basis
  const fit = fitted(
    'philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SDAT',
    'philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_W.SDAT',
    'basis/lcmodel/lcmodel_test_3t.basis',
  );
  const reference = lcmodelRatios(readFileSync(data('reference-outputs/lcmodel_test_lcm_out_ref_build.ps'), 'latin1'));
  const rows: [string, string][] = [
    ['NAA', 'NAA'],
    ['tNAA', 'NAA+NAAG'],
    ['tCho', 'GPC+PCh'],
    ['Ins', 'Ins'],
    ['Glu', 'Glu'],
    ['Glx', 'Glu+Gln'],
  ];

  test('ratios to tCr agree with LCModel within 15 %', () => {
    console.log(['| /tCr | glutrace | LCModel |', '|---|---|---|', ...rows.map(([ours, theirs]) =>
      `| ${ours} | ${ratio(fit, ours).toFixed(3)} | ${reference.get(theirs)!.toFixed(3)} |`)].join('\n'));
    expect(fit.qc.converged).toBe(true);
    for (const [ours, theirs] of rows) {
      expect(Math.abs(ratio(fit, ours) / reference.get(theirs)! - 1), ours).toBeLessThan(0.15);
    }
  });
});

interface BrainCase {
  label: string;
  file: string;
  water?: string;
  basis?: string;
  sequence?: SequenceName;
  /** Largest residual RMS over the noise SD accepted (high-SNR Philips data keep lineshape misfit). */
  maxResidualToNoise: number;
}

const BRAIN_CASES: BrainCase[] = [
  { label: 'Siemens RDA 3T PRESS TE 30', file: 'siemens-rda/suspect_SVS_30.rda', maxResidualToNoise: 1.5 },
  {
    label: 'Siemens RDA 3T PRESS TE 30, Osprey Siemens basis',
    file: 'siemens-rda/suspect_SVS_30.rda',
    basis: 'basis/lcmodel/osprey_3T_PRESS_Siemens_35ms_noMM.BASIS',
    maxResidualToNoise: 1.8,
  },
  {
    label: 'Philips SDAT 3T PRESS TE 35, subject 1',
    file: 'philips-sdat/osprey_3T_press35/sub-01_PRESS_35_act.sdat',
    water: 'philips-sdat/osprey_3T_press35/sub-01_PRESS_35_ref.sdat',
    maxResidualToNoise: 6.5,
  },
  {
    label: 'Philips SDAT 3T PRESS TE 35, subject 2',
    file: 'philips-sdat/osprey_3T_press35/sub-02_PRESS_35_act.sdat',
    water: 'philips-sdat/osprey_3T_press35/sub-02_PRESS_35_ref.sdat',
    maxResidualToNoise: 2.6,
  },
  {
    label: 'Philips SDAT 3T PRESS TE 30, subject 1',
    file: 'philips-sdat/osprey_3T_press30_with_MM/sub-01_ses-01_PRESS_raw-act_noID.SDAT',
    water: 'philips-sdat/osprey_3T_press30_with_MM/sub-01_ses-01_PRESS_raw-ref_noID.SDAT',
    maxResidualToNoise: 3.6,
  },
  {
    label: 'Philips SDAT 3T PRESS TE 30, subject 2',
    file: 'philips-sdat/osprey_3T_press30_with_MM/sub-02_ses-01_PRESS_raw-act_noID.SDAT',
    water: 'philips-sdat/osprey_3T_press30_with_MM/sub-02_ses-01_PRESS_raw-ref_noID.SDAT',
    maxResidualToNoise: 3.0,
  },
  {
    label: 'NIfTI-MRS 7T STEAM TE 11, 4 coils × 16 transients, with water reference',
    file: 'nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz',
    water: 'nifti-mrs/fslmrs-7T-steam/wref_raw.nii.gz',
    sequence: 'steam',
    maxResidualToNoise: 1.8,
  },
  {
    label: 'NIfTI-MRS 7T STEAM TE 11 with its vendor-matched LCModel basis',
    file: 'nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz',
    water: 'nifti-mrs/fslmrs-7T-steam/wref_raw.nii.gz',
    basis: 'basis/lcmodel/fslmrs_STEAM_7T_11ms.BASIS',
    maxResidualToNoise: 1.8,
  },
];

describe('in vivo brain spectra without a reference fit: convergence, residual and brain ratios to tCr', () => {
  const table: string[] = ['| data | NAA | tNAA | tCho | Ins | Glu | Glx | residual/noise |', '|---|---|---|---|---|---|---|---|'];
  for (const c of BRAIN_CASES) {
    test(c.label, () => {
      const fit = fitted(c.file, c.water, c.basis, c.sequence);
      const r = (name: string): number => ratio(fit, name);
      table.push(`| ${c.label} | ${['NAA', 'tNAA', 'tCho', 'Ins', 'Glu', 'Glx'].map((n) => r(n).toFixed(2)).join(' | ')} | ${fit.qc.residualToNoise.toFixed(2)} |`);
      expect(fit.qc.converged).toBe(true);
      expect(fit.qc.residualToNoise).toBeLessThan(c.maxResidualToNoise);
      expectBrainLikeRatios(r);
      expect(r('Glx')).toBeGreaterThan(1.0);
      expect(r('Glx')).toBeLessThan(2.8);
    });
  }
  test.sequential('summary', () => {
    console.log(table.join('\n'));
    expect(table.length).toBe(BRAIN_CASES.length + 2);
  });
});

describe('phantom files with their own quirks', () => {
  test('Philips DICOM 1.5T with a water-suppressed and a water frame: the water frame is not averaged in', () => {
    // before: both frames averaged, the fit followed the water (residual 2300 × noise, NAA 0)
    const fit = fitted('philips-dicom/suspect_MRSshortTELN_IM-0001-0002.dcm');
    expect(fit.qc.converged).toBe(true);
    expect(fit.qc.residualToNoise).toBeLessThan(6);
    // room-temperature phantom: lines about 0.18 ppm upfield of their 37 °C positions, found by the wider search
    expect(fit.shiftHz).toBeLessThan(-0.15 * 63.9);
    expect(ratio(fit, 'tNAA')).toBeGreaterThan(1.2);
    expect(ratio(fit, 'tNAA')).toBeLessThan(2.5);
    expect(ratio(fit, 'Ins')).toBeGreaterThan(0.5);
  });

  test('Philips SDAT 3T phantom 0.17 ppm off: the offset search goes past its preferred ±0.15 ppm', () => {
    // its "ref" file holds the same water-suppressed signal (first points equal to 4 digits), so it is no water reference
    const fit = fitted('philips-sdat/tarquin_3T_phantom_2007/svs_30_WS.SDAT');
    expect(fit.qc.converged).toBe(true);
    expect(fit.shiftHz).toBeLessThan(-0.15 * 127.8);
    expect(ratio(fit, 'tNAA')).toBeGreaterThan(1.2);
    expect(ratio(fit, 'tNAA')).toBeLessThan(2.0);
    // its Cho sits 0.02 ppm off the Cr/NAA offset, too far for ~1 Hz lines (README, known limits): not asserted
  });

  test('a "ref" file that is water-suppressed is refused as the water reference, naming it', () => {
    const water = data('philips-sdat/tarquin_3T_phantom_2007/svs_30_ref.SDAT');
    expect(() => fitFile(data('philips-sdat/tarquin_3T_phantom_2007/svs_30_WS.SDAT'), { model: 'lcm', waterPath: water }))
      .toThrow(`${water}: not an unsuppressed water reference (its water line is 2.6× the tallest metabolite line, over 120× in a water reference)`);
  });
});
