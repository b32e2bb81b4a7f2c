import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fitFile } from '../../src/pipeline/fitFile.js';
import { basisSimulationForData, sequenceFromHeader } from '../../src/pipeline/headerSequence.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { combineCoilsWithWater, perCoilFids } from '../../src/preprocess/coilCombination.js';
import { DataError } from '../../src/util/errors.js';

const DATA = new URL('../../../shared/mrs-data/', import.meta.url).pathname;
const STEAM_7T = join(DATA, 'nifti-mrs/fslmrs-7T-steam');

/** |mean over transients of each coil's first point|. */
function coilFirstPoints(path: string): number[] {
  const mrs = readMrsFile(path);
  return perCoilFids(mrs, mrs.dims.findIndex((d) => d.tag === 'DIM_COIL')).map((fids) => {
    const re = fids.reduce((s, f) => s + f[0], 0) / fids.length;
    const im = fids.reduce((s, f) => s + f[1], 0) / fids.length;
    return Math.hypot(re, im);
  });
}

describe('water-scaled mM with a multi-coil water reference (7T STEAM, 4 coils)', () => {
  const metabolite = join(STEAM_7T, 'metab_raw.nii.gz');
  const fits = ['wref_raw', 'quant_raw'].map((name) => fitFile(metabolite, { model: 'lcm', sequence: 'steam', waterPath: join(STEAM_7T, `${name}.nii.gz`) }));
  const wref = coilFirstPoints(join(STEAM_7T, 'wref_raw.nii.gz'));
  const quant = coilFirstPoints(join(STEAM_7T, 'quant_raw.nii.gz'));
  // quant_raw's water is stronger by the same factor in every coil (1.44–1.55); summed over coils ≈ 1.46
  const waterRatio = quant.reduce((s, q) => s + q, 0) / wref.reduce((s, w) => s + w, 0);

  test('mM falls by the water ratio when the water is stronger in every coil', () => {
    quant.forEach((q, c) => expect(Math.abs(q / wref[c] / waterRatio - 1), `coil ${c}`).toBeLessThan(0.07));
    const [withWref, withQuant] = fits.map((f) => f.report.metabolites);
    // before the fix: the water was combined with its own WSVD weights, tNAA 24.7 → 34.5 mM (×1.39, not ÷1.46)
    for (const name of ['tCr', 'tNAA']) {
      const change = withQuant[name].concentrationMM! / withWref[name].concentrationMM!;
      console.log(`${name}: ${withWref[name].concentrationMM!.toFixed(2)} → ${withQuant[name].concentrationMM!.toFixed(2)} mM, × ${change.toFixed(4)}; 1/water ratio ${(1 / waterRatio).toFixed(4)}`);
      // the two references also give the eddy-current correction different phases: the fit moves by 1–3 %
      expect(Math.abs(change * waterRatio - 1), name).toBeLessThan(0.04);
    }
  });

  test('the water scaling per basis unit follows the water ratio to within 1 %', () => {
    const scale = fits.map((f) => f.report.metabolites.tCr.concentrationMM! / f.fit.amplitudes.tCr);
    expect(Math.abs((scale[1] / scale[0]) * waterRatio - 1)).toBeLessThan(0.01);
  });

  test('single-coil data and water pass through unchanged', () => {
    const data = readMrsFile(join(DATA, 'philips-sdat/osprey_3T_press35/sub-02_PRESS_35_act.sdat'));
    const water = readMrsFile(join(DATA, 'philips-sdat/osprey_3T_press35/sub-02_PRESS_35_ref.sdat'));
    const combined = combineCoilsWithWater(data, water);
    expect(combined.data).toBe(data);
    expect(combined.water).toBe(water);
  });
});

describe('water reference of another length or sampling', () => {
  test('4096-point water for 4095-point data is truncated to fit; mM of pre-combined data with a multi-coil water are flagged', () => {
    const { report } = fitFile(join(STEAM_7T, 'metab.nii.gz'), { model: 'lcm', waterPath: join(STEAM_7T, 'wref_raw.nii.gz') });
    // (a localisation test object, not brain: the fit itself is poor; what matters is that mM exist)
    for (const metabolite of Object.values(report.metabolites)) expect(Number.isFinite(metabolite.concentrationMM)).toBe(true);
    expect(report.warnings.some((w) => w.startsWith('mM are unreliable: the water file was coil-combined here'))).toBe(true);
  });

  test('a water reference at another dwell time is a DataError naming the water file', () => {
    const twix = join(DATA, 'siemens-twix/meas_MID311_STEAM_wref1_FID115674.dat');
    expect(() => fitFile(join(STEAM_7T, 'metab.nii.gz'), { model: 'lcm', waterPath: twix })).toThrow(DataError);
    expect(() => fitFile(join(STEAM_7T, 'metab.nii.gz'), { model: 'lcm', waterPath: twix })).toThrow(/meas_MID311_STEAM_wref1_FID115674\.dat: water reference sampled every 0\.0001666 s/);
  });

  test('a water reference from another field is a DataError naming both frequencies', () => {
    const water3T = join(DATA, 'philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_W.SDAT');
    expect(() => fitFile(join(STEAM_7T, 'metab.nii.gz'), { model: 'lcm', waterPath: water3T }))
      .toThrow(`${water3T}: water reference acquired at 127.786 MHz, the metabolite data at 297.220 MHz`);
  });
});

describe('basis choice', () => {
  test('sequence names from headers', () => {
    for (const name of ['svs_st', '*svs_st', 'STEAM', '%CustomerSeq%\\uzay_steam_gui']) expect(sequenceFromHeader(name), name).toBe('steam');
    for (const name of ['semi-LASER', 'slaser', 'svs_slaser', 'eja_svs_slaser', 'sLASER']) expect(sequenceFromHeader(name), name).toBe('slaser');
    for (const name of ['*svs_se', 'PRESS', 'SV_PRESS_30', 'svs_se', undefined]) expect(sequenceFromHeader(name), String(name)).toBe('press');
  });

  test('fit, run and bench simulate for the header\'s sequence, TE and sampling unless a sequence is given', () => {
    const steam = readMrsFile(join(STEAM_7T, 'metab.nii.gz'));
    expect(basisSimulationForData(steam)).toEqual({
      sequence: 'steam', echoTimeS: steam.echoTimeS, spectrometerFrequencyMHz: steam.spectrometerFrequencyMHz, points: steam.points, dwellTimeS: steam.dwellTimeS,
    });
    expect(basisSimulationForData(steam, 'press')?.sequence).toBe('press');
    expect(basisSimulationForData({ ...steam, echoTimeS: null })).toBeNull();
  });

  test('7T STEAM data get a STEAM basis unless a sequence is given, and the report names it', () => {
    const fromHeader = fitFile(join(STEAM_7T, 'metab.nii.gz'), { model: 'lcm' }).report;
    expect(fromHeader.basis).toMatch(/^simulated: STEAM/);
    const forced = fitFile(join(STEAM_7T, 'metab.nii.gz'), { model: 'lcm', sequence: 'press' }).report;
    expect(forced.basis).toMatch(/^simulated: PRESS/);
  });

  test('a basis file for another field is refused with a message naming the file and both frequencies', () => {
    const basis = join(DATA, 'basis/lcmodel/osprey_3T_PRESS_Philips_35ms_noMM.BASIS');
    expect(() => fitFile(join(DATA, 'siemens-rda/suspect_SVS_30.rda'), { model: 'lcm', basisPath: basis })).toThrow(
      /osprey_3T_PRESS_Philips_35ms_noMM\.BASIS was made at 127\.7\d\d MHz but the data were acquired at 123\.235 MHz/,
    );
  });

  test('a GE P-file\'s own water reference frames give mM when no water file is given', () => {
    const pfile = join(DATA, 'ge-pfile/tarquin_1.5T_probe-p_TE30_series/P1751_1.5T_030_2000.7');
    const { report } = fitFile(pfile, { model: 'lcm' });
    // (a localisation test object, not brain: the fit itself is poor; what matters is that mM exist)
    for (const metabolite of Object.values(report.metabolites)) expect(Number.isFinite(metabolite.concentrationMM)).toBe(true);
    // given as its own --water, the file's water-suppressed frames are read, and refused as a water reference
    expect(() => fitFile(pfile, { model: 'lcm', waterPath: pfile })).toThrow(`${pfile}: not an unsuppressed water reference`);
  });

  test('an unsuppressed water scan fitted as metabolite data is flagged', () => {
    const { report } = fitFile(join(STEAM_7T, 'wref_raw.nii.gz'), { model: 'lcm' });
    expect(report.warnings.some((w) => w.startsWith('looks like an unsuppressed water scan'))).toBe(true);
  });
});
