import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SequenceName } from '../../../src/basis/pulseSequences.js';
import { simulateBasis } from '../../../src/basis/simulateBasis.js';
import { fitSpectrum } from '../../../src/fit/fitSpectrum.js';
import type { FitGrid } from '../../../src/fit/fitOptions.js';
import { readMrsFile } from '../../../src/io/readMrsFile.js';
import { fitFile } from '../../../src/pipeline/fitFile.js';
import { eddyCurrentCorrect } from '../../../src/preprocess/eddyCurrent.js';
import { removeResidualWaterRetrying } from '../../../src/preprocess/hlsvd.js';
import type { FitResult } from '../../../src/types/fit.js';
import { SHARED_DATA_DIR } from '../helpers/ismrmChallenge.js';

/**
 * Aspartate in vivo (brain Asp ≈ 1–2 mM, tCr ≈ 8 mM: Asp/tCr ≈ 0.1–0.4). Without macromolecule lines between
 * 2.5 and 4.0 ppm the fit put Asp/tCr at 0.5–2.3 (src/fit/README.md, real scanner data): Asp's multiplets
 * at 2.65/2.80 and 3.89 ppm took the broad macromolecule signal there. The default `glutrace fit` path now adds
 * the upper lines of macromoleculeLines.ts; these files must come out physiological.
 */
interface AspartateCase {
  label: string;
  file: string;
  water?: string;
  basis?: string;
  sequence?: SequenceName;
}

const data = (path: string): string => join(SHARED_DATA_DIR, path);

function fitted(c: AspartateCase): FitResult {
  return fitFile(data(c.file), {
    model: 'lcm',
    sequence: c.sequence ?? 'press',
    waterPath: c.water ? data(c.water) : undefined,
    basisPath: c.basis ? data(c.basis) : undefined,
  }).fit;
}

const FIXED: AspartateCase[] = [
  { label: 'Siemens RDA 3T PRESS TE 30', file: 'siemens-rda/suspect_SVS_30.rda' },
  { label: 'Siemens RDA 3T PRESS TE 30, suspect TE 30 basis', file: 'siemens-rda/suspect_SVS_30.rda', basis: 'basis/lcmodel/suspect_press_30ms_3T.basis' },
  { label: 'Philips SDAT 3T PRESS TE 35, subject 1, no water reference', file: 'philips-sdat/osprey_3T_press35/sub-01_PRESS_35_act.sdat' },
  {
    label: 'Philips SDAT 3T PRESS TE 35, subject 2',
    file: 'philips-sdat/osprey_3T_press35/sub-02_PRESS_35_act.sdat',
    water: 'philips-sdat/osprey_3T_press35/sub-02_PRESS_35_ref.sdat',
  },
  {
    label: 'Philips SDAT 3T PRESS TE 30, subject 2',
    file: 'philips-sdat/osprey_3T_press30_with_MM/sub-02_ses-01_PRESS_raw-act_noID.SDAT',
    water: 'philips-sdat/osprey_3T_press30_with_MM/sub-02_ses-01_PRESS_raw-ref_noID.SDAT',
  },
  {
    label: 'NIfTI-MRS 7T STEAM TE 11, simulated STEAM basis',
    file: 'nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz',
    water: 'nifti-mrs/fslmrs-7T-steam/wref_raw.nii.gz',
    sequence: 'steam',
  },
  {
    label: 'NIfTI-MRS 7T STEAM TE 11, FSL-MRS basis with its measured MM (nothing added)',
    file: 'nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz',
    water: 'nifti-mrs/fslmrs-7T-steam/wref_raw.nii.gz',
    basis: 'basis/lcmodel/fslmrs_STEAM_7T_11ms.BASIS',
  },
];

/** Still high: reported, not asserted (src/fit/README.md, real scanner data, says why). */
const NOT_FIXED: AspartateCase[] = [
  // the negative out-of-voxel artefact at 0.8–1.2 ppm after Klose's correction pulls the stiff baseline down
  // under the whole spectrum (without the water reference, above: fixed)
  {
    label: 'Philips SDAT 3T PRESS TE 35, subject 1',
    file: 'philips-sdat/osprey_3T_press35/sub-01_PRESS_35_act.sdat',
    water: 'philips-sdat/osprey_3T_press35/sub-01_PRESS_35_ref.sdat',
  },
  // the fit keeps Asp and leaves MM27 at zero (its own measured macromolecules give 0.27, below)
  {
    label: 'Philips SDAT 3T PRESS TE 30, subject 1',
    file: 'philips-sdat/osprey_3T_press30_with_MM/sub-01_ses-01_PRESS_raw-act_noID.SDAT',
    water: 'philips-sdat/osprey_3T_press30_with_MM/sub-01_ses-01_PRESS_raw-ref_noID.SDAT',
  },
  // a TE 35 basis for TE 30 data: the Asp and NAA aspartyl multiplets evolve differently
  { label: 'Siemens RDA 3T PRESS TE 30, Osprey TE 35 basis', file: 'siemens-rda/suspect_SVS_30.rda', basis: 'basis/lcmodel/osprey_3T_PRESS_Siemens_35ms_noMM.BASIS' },
  // sequence and TE unknown (the RAW header's "PRESS, TE 50" are placeholders for a 7T sLASER scan)
  { label: '7T sLASER (LCModel RAW, TE from its header)', file: 'lcmodel-raw/s2n-7T-slaser_metab.RAW', sequence: 'slaser' },
];

const ratios = (fit: FitResult): Record<string, number> =>
  Object.fromEntries(['Asp', 'Glu', 'NAA', 'tCho', 'Ins'].map((name) => [name, fit.amplitudes[name] / fit.amplitudes.tCr]));

const row = (label: string, fit: FitResult): string => {
  const r = ratios(fit);
  return `| ${label} | ${['Asp', 'Glu', 'NAA', 'tCho', 'Ins'].map((n) => r[n].toFixed(2)).join(' | ')} | ${fit.qc.residualToNoise.toFixed(2)} |`;
};

describe('aspartate in vivo with the upper macromolecule lines', () => {
  const table = ['| data | Asp | Glu | NAA | tCho | Ins | residual/noise |', '|---|---|---|---|---|---|---|'];
  for (const c of FIXED) {
    test(`${c.label}: Asp/tCr physiological, the other ratios brain-like`, () => {
      const fit = fitted(c);
      table.push(row(c.label, fit));
      const r = ratios(fit);
      expect(fit.qc.converged).toBe(true);
      expect(r.Asp).toBeLessThan(0.6);
      // the macromolecule lines must not take Glu, NAA, Cho or Ins with them
      expect(r.Glu).toBeGreaterThan(0.9);
      expect(r.Glu).toBeLessThan(1.9);
      expect(r.NAA).toBeGreaterThan(1.0);
      expect(r.tCho).toBeGreaterThan(0.12);
      expect(r.Ins).toBeGreaterThan(0.5);
    });
  }
  for (const c of NOT_FIXED) {
    test(`${c.label}: fitted and reported`, () => {
      const fit = fitted(c);
      table.push(`${row(c.label, fit)} (not fixed)`);
      expect(fit.qc.converged).toBe(true);
      expect(Number.isFinite(ratios(fit).Asp)).toBe(true);
    });
  }
  test.sequential('summary', () => {
    console.log(table.join('\n'));
    expect(table.length).toBe(FIXED.length + NOT_FIXED.length + 2);
  });
});

describe("each subject's own measured macromolecules (Philips TE 30, metabolite-nulled inversion recovery, TI 600 ms)", () => {
  // the independent check of the diagnosis: with the measured MM spectrum as the only macromolecule component
  // (in place of MM09–MM20 and the built-in lines), Asp comes out physiological
  const dir = 'philips-sdat/osprey_3T_press30_with_MM/';
  /** One averaged FID, eddy-current corrected with its water reference, residual water removed. */
  function corrected(act: string, ref: string): { fid: Float64Array; grid: FitGrid } {
    const mrs = readMrsFile(data(dir + act));
    const grid: FitGrid = { points: mrs.points, dwellTimeS: mrs.dwellTimeS, spectrometerFrequencyMHz: mrs.spectrometerFrequencyMHz, echoTimeS: mrs.echoTimeS };
    const water = readMrsFile(data(dir + ref)).data;
    return { fid: removeResidualWaterRetrying(eddyCurrentCorrect(mrs.data, water, grid).fid, grid).fid, grid };
  }
  for (const subject of ['01', '02']) {
    test(`subject ${subject}: Asp/tCr < 0.4 with the measured macromolecules`, () => {
      const metabolites = corrected(`sub-${subject}_ses-01_PRESS_raw-act_noID.SDAT`, `sub-${subject}_ses-01_PRESS_raw-ref_noID.SDAT`);
      const macromolecules = corrected(`sub-${subject}_ses-01_PRESS-Inverted_TI-600_raw-act_noID.SDAT`, `sub-${subject}_ses-01_PRESS-Inverted_TI-600_raw-ref_noID.SDAT`);
      const { grid } = metabolites;
      const simulated = simulateBasis({ sequence: 'press', echoTimeS: grid.echoTimeS!, spectrometerFrequencyMHz: grid.spectrometerFrequencyMHz, points: grid.points, dwellTimeS: grid.dwellTimeS });
      const kept = simulated.names.map((_, j) => j).filter((j) => !simulated.names[j].startsWith('MM'));
      const basis = {
        ...simulated,
        names: [...kept.map((j) => simulated.names[j]), 'Mac'],
        fids: [...kept.map((j) => simulated.fids[j]), macromolecules.fid],
      };
      const fit = fitSpectrum(metabolites.fid, grid, { model: 'lcm', basis });
      const r = ratios(fit);
      console.log(`subject ${subject}, measured MM: Asp ${r.Asp.toFixed(2)} Glu ${r.Glu.toFixed(2)} NAA ${r.NAA.toFixed(2)} ` +
        `tCho ${r.tCho.toFixed(2)} Ins ${r.Ins.toFixed(2)} residual/noise ${fit.qc.residualToNoise.toFixed(2)}`);
      expect(fit.qc.converged).toBe(true);
      expect(fit.amplitudes.Mac).toBeGreaterThan(0);
      expect(r.Asp).toBeLessThan(0.4);
    });
  }
});
