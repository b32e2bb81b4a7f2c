import { describe, expect, it } from 'vitest';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { fidAt } from '../../src/types/mrsData.js';
import { dataPath, relativeDifference } from './helpers.js';

/** The same acquisition stored in several formats must give the same complex data after each reader's sign rule. */
const TOLERANCE = 1e-5;

describe('cross-format sets (SOURCES.md)', () => {
  it('Siemens RDA == Siemens CSA IMA (same acquisition)', () => {
    const rda = readMrsFile(dataPath('siemens-rda/suspect_SVS_30.rda'));
    const ima = readMrsFile(dataPath('siemens-dicom/suspect_SVS_30.IMA'));
    expect(relativeDifference(ima.data, rda.data)).toBeLessThan(TOLERANCE);
  });

  it('spec2nii 2020 set: pre-standard NIfTI == LCModel RAW == jMRUI == 2-column text', () => {
    const grid = { spectrometerFrequencyMHz: 297.219948, dwellTimeS: 8.33e-5 };
    const nifti = readMrsFile(dataPath('nifti-mrs/legacy-pre-standard/s2n-7T-slaser_metab.nii'), grid);
    const raw = readMrsFile(dataPath('lcmodel-raw/s2n-7T-slaser_metab.RAW'));
    const jmrui = readMrsFile(dataPath('jmrui-text/s2n-7T-slaser_metab_jmrui.txt'));
    const text = readMrsFile(dataPath('plain-text/s2n-7T-slaser_metab.txt'), grid);
    expect(relativeDifference(raw.data, nifti.data)).toBeLessThan(TOLERANCE);
    expect(relativeDifference(jmrui.data, nifti.data)).toBeLessThan(TOLERANCE);
    expect(relativeDifference(text.data, nifti.data)).toBeLessThan(TOLERANCE);
  });

  it('Philips SDAT == LCModel data.raw made from it', () => {
    const sdat = readMrsFile(dataPath('philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SDAT'));
    const raw = readMrsFile(dataPath('lcmodel-raw/lcmodel_test_lcm/data.raw'), { dwellTimeS: 5e-4, spectrometerFrequencyMHz: 127.786142 });
    expect(relativeDifference(raw.data, sdat.data)).toBeLessThan(TOLERANCE);
  });

  it('Siemens TWIX (oversampled) == spec2nii NIfTI-MRS of the same scan (its coils 18, 19, 28, 29)', () => {
    const twix = readMrsFile(dataPath('siemens-twix/meas_MID311_STEAM_wref1_FID115674.dat'), { keepOversampling: true });
    const nifti = readMrsFile(dataPath('nifti-mrs/fslmrs-7T-steam/wref_raw.nii.gz'));
    const twixCoils = [18, 19, 28, 29];
    for (let transient = 0; transient < 2; transient++) {
      twixCoils.forEach((coil, niftiCoil) => {
        const a = fidAt(twix, transient * 32 + coil);
        const b = fidAt(nifti, transient * 4 + niftiCoil);
        expect(relativeDifference(a, b)).toBeLessThan(TOLERANCE);
      });
    }
  });

  it('ISMRM 2016 challenge: RAW == jMRUI == 4-column text (conjugate option) for datasets 1, 14, 28', () => {
    const root = 'ground-truth/ismrm2016-fitting-challenge/';
    const grid = { dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.2 };
    for (const n of [1, 14, 28]) {
      const raw = readMrsFile(dataPath(`${root}datasets_LCModel/dataset${n}.RAW`), grid);
      const water = readMrsFile(dataPath(`${root}datasets_LCModel/dataset${n}.H2O`), grid);
      const jmrui = readMrsFile(dataPath(`${root}datasets_JMRUI/dataset${n}_WS.txt`));
      const jmruiWater = readMrsFile(dataPath(`${root}datasets_JMRUI/dataset${n}_nWS.txt`));
      const text = readMrsFile(dataPath(`${root}datasets_text/dataset${n}.txt`), { ...grid, conjugate: true });
      expect(text.dims).toEqual([{ tag: 'DIM_USER_0', size: 2 }]);
      expect(relativeDifference(jmrui.data, raw.data)).toBeLessThan(TOLERANCE);
      expect(relativeDifference(jmruiWater.data, water.data)).toBeLessThan(TOLERANCE);
      expect(relativeDifference(fidAt(text, 0), raw.data)).toBeLessThan(TOLERANCE);
      expect(relativeDifference(fidAt(text, 1), water.data)).toBeLessThan(TOLERANCE);
    }
  });
});
