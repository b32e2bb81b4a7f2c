import { describe, expect, it } from 'vitest';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { dataFiles, dataPath, naaOverMirror } from './helpers.js';

/** Header values from SOURCES.md (§2–§5), read through the dispatcher. */
describe('Siemens RDA', () => {
  it('suspect_SVS_30.rda: 3T PRESS TE 30, TR 2000, 1024 points at 833 µs, 123.234655 MHz', () => {
    const mrs = readMrsFile(dataPath('siemens-rda/suspect_SVS_30.rda'));
    expect(mrs.provenance.format).toBe('siemens-rda');
    expect(mrs.points).toBe(1024);
    expect(mrs.dwellTimeS).toBeCloseTo(833e-6, 12);
    expect(mrs.spectrometerFrequencyMHz).toBe(123.234655);
    expect(mrs.echoTimeS).toBe(0.03);
    expect(mrs.repetitionTimeS).toBe(2);
    expect(mrs.fieldStrengthT).toBe(3);
    expect(mrs.voxelSizeMm).toEqual([20, 40, 20]);
    expect(mrs.dims).toEqual([]);
  });

  it('tarquin_example.rda: 1.5T, TE 30, TR 1500, 2048 points at 500 µs, 63.68399 MHz, 20 mm cube', () => {
    const mrs = readMrsFile(dataPath('siemens-rda/tarquin_example.rda'));
    expect(mrs.points).toBe(2048);
    expect(mrs.dwellTimeS).toBeCloseTo(500e-6, 12);
    expect(mrs.spectrometerFrequencyMHz).toBe(63.68399);
    expect(mrs.echoTimeS).toBe(0.03);
    expect(mrs.repetitionTimeS).toBe(1.5);
    expect(mrs.voxelSizeMm).toEqual([20, 20, 20]);
  });
});

describe('DICOM', () => {
  it('Siemens CSA IMA (D13): 1024 points, TE 30, TR 2000, 123.234655 MHz', () => {
    const mrs = readMrsFile(dataPath('siemens-dicom/suspect_SVS_30.IMA'));
    expect(mrs.provenance.format).toBe('dicom');
    expect(mrs.points).toBe(1024);
    expect(mrs.spectrometerFrequencyMHz).toBe(123.234655);
    expect(mrs.dwellTimeS).toBeCloseTo(833.4e-6, 12);
    expect(mrs.echoTimeS).toBe(0.03);
    expect(mrs.repetitionTimeS).toBe(2);
    expect(mrs.voxelSizeMm).toEqual([20, 40, 20]);
  });

  it('Siemens CSA VA21 without a DICOM extension: 2048 points at 500 µs, 1.5T', () => {
    const mrs = readMrsFile(dataPath('siemens-dicom/tarquin_SIEMENSTEST'));
    expect(mrs.points).toBe(2048);
    expect(mrs.dwellTimeS).toBeCloseTo(500e-6, 12);
    expect(mrs.spectrometerFrequencyMHz).toBeCloseTo(63.68397, 6);
    expect(mrs.echoTimeS).toBe(0.03);
    expect(mrs.fieldStrengthT).toBeCloseTo(1.494, 3);
  });

  it('Siemens XA60 MR Spectroscopy Storage: 1024 points, SW 1199.904 Hz, 123.255089 MHz, TE 30, TR 2000', () => {
    const mrs = readMrsFile(dataPath('siemens-dicom/suspect_SVS_XA60.dcm'));
    expect(mrs.points).toBe(1024);
    expect(1 / mrs.dwellTimeS).toBeCloseTo(1199.904, 3);
    expect(mrs.spectrometerFrequencyMHz).toBeCloseTo(123.255089, 6);
    expect(mrs.echoTimeS).toBe(0.03);
    expect(mrs.repetitionTimeS).toBe(2);
    expect(mrs.dims).toEqual([]);
  });

  it('Philips MR Spectroscopy Storage: 2 frames × 1024 points, SW 1000 Hz, 63.89575 MHz, 1.5T', () => {
    const mrs = readMrsFile(dataPath('philips-dicom/suspect_MRSshortTELN_IM-0001-0002.dcm'));
    expect(mrs.points).toBe(1024);
    expect(mrs.dims).toEqual([{ tag: 'DIM_DYN', size: 2 }]);
    expect(1 / mrs.dwellTimeS).toBeCloseTo(1000, 3);
    expect(mrs.spectrometerFrequencyMHz).toBeCloseTo(63.89575, 6);
    expect(mrs.fieldStrengthT).toBe(1.5);
  });
});

describe('Philips SDAT/SPAR', () => {
  const sdats = [
    ...dataFiles('philips-sdat/spant_phantom_3T_press30', /\.SDAT$/i),
    ...dataFiles('philips-sdat/osprey_3T_press35', /\.sdat$/i),
    ...dataFiles('philips-sdat/osprey_3T_press30_with_MM', /\.SDAT$/i),
    ...dataFiles('philips-sdat/tarquin_3T_phantom_2007', /\.SDAT$/i),
  ];

  it('all 18 pairs load with 2000 Hz bandwidth and TR 2000 or 1500 ms', () => {
    expect(sdats).toHaveLength(18);
    for (const file of sdats) {
      const mrs = readMrsFile(dataPath(file));
      expect(1 / mrs.dwellTimeS).toBe(2000);
      expect([2, 1.5]).toContain(mrs.repetitionTimeS);
      expect(mrs.data.every(Number.isFinite)).toBe(true);
    }
  });

  it('spant phantom: 1024 points, 127.786142 MHz, TE 30, 20 mm cube; readable through its SPAR too', () => {
    const viaSdat = readMrsFile(dataPath('philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SDAT'));
    const viaSpar = readMrsFile(dataPath('philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SPAR'));
    expect(viaSdat.points).toBe(1024);
    expect(viaSdat.spectrometerFrequencyMHz).toBe(127.786142);
    expect(viaSdat.echoTimeS).toBe(0.03);
    expect(viaSdat.voxelSizeMm).toEqual([20, 20, 20]);
    expect(viaSpar.data).toEqual(viaSdat.data);
  });

  it('osprey PRESS 35: 2048 points, TE 35; tarquin TE 135 phantom: 127.788256 MHz, 30 mm cube', () => {
    const osprey = readMrsFile(dataPath('philips-sdat/osprey_3T_press35/sub-01_PRESS_35_act.sdat'));
    expect(osprey.points).toBe(2048);
    expect(osprey.echoTimeS).toBe(0.035);
    const tarquin = readMrsFile(dataPath('philips-sdat/tarquin_3T_phantom_2007/svs_135_WS.SDAT'));
    expect(tarquin.echoTimeS).toBe(0.135);
    expect(tarquin.repetitionTimeS).toBe(1.5);
    expect(tarquin.spectrometerFrequencyMHz).toBe(127.788256);
    expect(tarquin.voxelSizeMm).toEqual([30, 30, 30]);
  });
});

describe('Siemens TWIX VB17', () => {
  const file = dataPath('siemens-twix/meas_MID311_STEAM_wref1_FID115674.dat');

  it('removes 2× oversampling: 2048 points at 1.666e-4 s, 32 coils × 2 averages (pymapvbvd sqzSize)', () => {
    const mrs = readMrsFile(file);
    expect(mrs.provenance.format).toBe('siemens-twix');
    expect(mrs.points).toBe(2048);
    expect(mrs.dwellTimeS).toBeCloseTo(1.666e-4, 12);
    expect(mrs.dims).toEqual([
      { tag: 'DIM_COIL', size: 32 },
      { tag: 'DIM_DYN', size: 2 },
    ]);
    expect(mrs.spectrometerFrequencyMHz).toBe(297.219948);
    expect(mrs.echoTimeS).toBe(0.011);
    expect(mrs.repetitionTimeS).toBe(5);
    expect(mrs.nucleus).toBe('1H');
    expect(mrs.voxelSizeMm).toEqual([20, 20, 20]);
    expect(mrs.transientTimesS).toHaveLength(2);
    expect(mrs.transientTimesS![1]).toBeCloseTo(5, 0); // one TR apart
  });

  it('keeps 4096 points at 8.33e-5 s when asked (as spec2nii does)', () => {
    const mrs = readMrsFile(file, { keepOversampling: true });
    expect(mrs.points).toBe(4096);
    expect(mrs.dwellTimeS).toBeCloseTo(8.33e-5, 12);
  });

  it('oversampling removal keeps the in-band signal: decimated[k] ≈ full[2k] for the water FID', () => {
    const full = readMrsFile(file, { keepOversampling: true });
    const decimated = readMrsFile(file);
    let diff = 0;
    let norm = 0;
    for (let k = 20; k < 1000; k++) {
      diff += Math.hypot(decimated.data[2 * k] - full.data[4 * k], decimated.data[2 * k + 1] - full.data[4 * k + 1]) ** 2;
      norm += Math.hypot(full.data[4 * k], full.data[4 * k + 1]) ** 2;
    }
    expect(Math.sqrt(diff / norm)).toBeLessThan(0.05);
  });
});

describe('GE P-file rev 9 (PROBE-P series)', () => {
  const files = dataFiles('ge-pfile/tarquin_1.5T_probe-p_TE30_series', /\.7$/);

  it('all 20 files load: 16 water-suppressed frames × 2048 points, SW 2500 Hz, TE 30, TR 2000', () => {
    expect(files).toHaveLength(20);
    const frequencies = files.map((file) => {
      const mrs = readMrsFile(dataPath(file));
      expect(mrs.points).toBe(2048);
      expect(mrs.dims).toEqual([{ tag: 'DIM_DYN', size: 16 }]);
      expect(1 / mrs.dwellTimeS).toBe(2500);
      expect(mrs.echoTimeS).toBe(0.03);
      expect(mrs.repetitionTimeS).toBe(2);
      return mrs.spectrometerFrequencyMHz;
    });
    // centre_freq drifts from 63.872622 to 63.872605 MHz over the session (SOURCES §4)
    expect(frequencies[0]).toBeCloseTo(63.872622, 6);
    expect(Math.min(...frequencies)).toBeCloseTo(63.872605, 6);
  });

  it('water reference frames: 8 frames with ~30× the water-suppressed first-point magnitude', () => {
    const file = dataPath(files[0]);
    const water = readMrsFile(file, { geFrames: 'water' });
    const metabolite = readMrsFile(file);
    expect(water.dims).toEqual([{ tag: 'DIM_DYN', size: 8 }]);
    expect(Math.hypot(water.data[0], water.data[1]) / Math.hypot(metabolite.data[0], metabolite.data[1])).toBeGreaterThan(10);
  });
});

describe('LCModel RAW, jMRUI and text', () => {
  it('s2n RAW: header values (hzpppm 297.219948, 4096 points, echot 50)', () => {
    const mrs = readMrsFile(dataPath('lcmodel-raw/s2n-7T-slaser_metab.RAW'));
    expect(mrs.points).toBe(4096);
    expect(mrs.spectrometerFrequencyMHz).toBe(297.219948);
    expect(mrs.echoTimeS).toBe(0.05);
    expect(mrs.sequenceName).toBe('PRESS');
  });

  it('RAW without a dwell time fails clearly, and reads when it is supplied (control file deltat)', () => {
    const file = dataPath('lcmodel-raw/lcmodel_test_lcm/data.raw');
    expect(() => readMrsFile(file)).toThrow(/dwell time/);
    const mrs = readMrsFile(file, { dwellTimeS: 5e-4, spectrometerFrequencyMHz: 127.786142 });
    expect(mrs.points).toBe(1024);
  });

  it('jMRUI text: 4096 points, SamplingInterval 8.33e-2 ms, 297219948 Hz', () => {
    const mrs = readMrsFile(dataPath('jmrui-text/s2n-7T-slaser_metab_jmrui.txt'));
    expect(mrs.points).toBe(4096);
    expect(mrs.dwellTimeS).toBeCloseTo(8.33e-5, 12);
    expect(mrs.spectrometerFrequencyMHz).toBe(297.219948);
    expect(mrs.fieldStrengthT).toBe(6.98);
  });

  it('plain text needs dwell time and frequency', () => {
    const file = dataPath('plain-text/s2n-7T-slaser_metab.txt');
    expect(() => readMrsFile(file)).toThrow(/dwell time/);
    expect(readMrsFile(file, { dwellTimeS: 8.33e-5, spectrometerFrequencyMHz: 297.219948 }).points).toBe(4096);
  });

  it('every ISMRM 2016 challenge RAW, H2O and jMRUI file loads (2048 points, 4 kHz)', () => {
    const root = 'ground-truth/ismrm2016-fitting-challenge/';
    const raws = dataFiles(root + 'datasets_LCModel', /\.(RAW|H2O)$/);
    const jmrui = dataFiles(root + 'datasets_JMRUI', /\.txt$/);
    expect(raws).toHaveLength(56);
    expect(jmrui).toHaveLength(56);
    for (const file of raws) expect(readMrsFile(dataPath(file), { dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.2 }).points).toBe(2048);
    for (const file of jmrui) {
      const mrs = readMrsFile(dataPath(file));
      expect(mrs.points).toBe(2048);
      expect(mrs.dwellTimeS).toBeCloseTo(2.5e-4, 12);
    }
  });
});

describe('sign convention: NAA lands at 2.01 ppm, not at its mirror 7.29 ppm', () => {
  const cases: [string, object][] = [
    ['nifti-mrs/fslmrs-7T-steam/metab.nii.gz', {}],
    ['nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz', {}],
    ['nifti-mrs/legacy-pre-standard/s2n-7T-slaser_metab.nii', { spectrometerFrequencyMHz: 297.219948 }],
    ['siemens-rda/suspect_SVS_30.rda', {}],
    ['siemens-rda/tarquin_example.rda', {}],
    ['siemens-dicom/suspect_SVS_30.IMA', {}],
    ['siemens-dicom/suspect_SVS_XA60.dcm', {}],
    ['philips-dicom/suspect_MRSshortTELN_IM-0001-0002.dcm', {}],
    ['philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SDAT', {}],
    ['philips-sdat/osprey_3T_press35/sub-01_PRESS_35_act.sdat', {}],
    ['philips-sdat/tarquin_3T_phantom_2007/svs_30_WS.SDAT', {}],
    ['ge-pfile/tarquin_1.5T_probe-p_TE30_series/P1751_1.5T_030_2000.7', {}],
    ['lcmodel-raw/s2n-7T-slaser_metab.RAW', { dwellTimeS: 8.33e-5 }],
    ['lcmodel-raw/lcmodel_test_lcm/data.raw', { dwellTimeS: 5e-4, spectrometerFrequencyMHz: 127.786142 }],
    ['jmrui-text/s2n-7T-slaser_metab_jmrui.txt', {}],
    ['ground-truth/ismrm2016-fitting-challenge/datasets_JMRUI/dataset1_WS.txt', {}],
    ['ground-truth/ismrm2016-fitting-challenge/datasets_LCModel/dataset1.RAW', { dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.2 }],
  ];
  for (const [file, options] of cases) {
    it(file, () => {
      expect(naaOverMirror(readMrsFile(dataPath(file), options))).toBeGreaterThan(1.5);
    });
  }
});
