import { describe, expect, it } from 'vitest';
import { fidToSpectrum } from '../../src/dsp/fft.js';
import { zeroFill } from '../../src/dsp/fidOps.js';
import { ppmAxis } from '../../src/dsp/ppm.js';
import { readBasis } from '../../src/io/readBasis.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import type { Basis } from '../../src/types/basis.js';
import { dataFiles, dataPath, inputErrorOf, relativeDifference } from './helpers.js';

/** ppm of the tallest point of one basis spectrum (zero-filled to a power of two). */
function tallestPpm(basis: Basis, name: string): number {
  const fid = basis.fids[basis.names.indexOf(name)];
  let n = 1;
  while (n < basis.points) n *= 2;
  const spectrum = fidToSpectrum(zeroFill(fid, n));
  const axis = ppmAxis({ points: n, dwellTimeS: basis.dwellTimeS, spectrometerFrequencyMHz: basis.spectrometerFrequencyMHz });
  let best = 0;
  let at = NaN;
  for (let k = 0; k < n; k++) {
    const magnitude = Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]);
    if (magnitude > best) [best, at] = [magnitude, axis[k]];
  }
  return at;
}

describe('LCModel .BASIS (SOURCES.md §6)', () => {
  const expected: [string, number, number, number, number][] = [
    // file, spectra, BADELT, NDATAB, HZPPPM
    ['osprey_3T_PRESS_GE_35ms_noMM.BASIS', 17, 2.5e-4, 8192, 127.731],
    ['osprey_3T_PRESS_Siemens_35ms_noMM.BASIS', 17, 2.5e-4, 8192, 123.201659],
    ['suspect_press_30ms_3T.basis', 17, 0.000207357807, 4944, 123.2],
    ['lcmodel_test_3t.basis', 17, 5e-4, 1024, 127.7861],
    ['spant_slaser_TE28_123MHz.basis', 29, 1.6667e-4, 2048, 123],
    ['fslmrs_STEAM_7T_11ms.BASIS', 23, 1.6666e-4, 4096, 297.2],
    ['osprey-history_ABFit_35.BASIS', 27, 5e-4, 2048, 127.7445],
    ['osprey-history_basis_braino.basis', 7, 2e-4, 4096, 127.7654],
  ];
  for (const [file, count, dwell, points, frequency] of expected) {
    it(`${file}: ${count} spectra, header values, NAA at 2.01 ppm`, () => {
      const basis = readBasis(dataPath(`basis/lcmodel/${file}`));
      expect(basis.names).toHaveLength(count);
      expect(basis.fids).toHaveLength(count);
      expect(basis.dwellTimeS).toBeCloseTo(dwell, 8);
      expect(basis.points).toBe(points);
      expect(basis.spectrometerFrequencyMHz).toBeCloseTo(frequency, 4);
      expect(basis.fids.every((f) => f.length === 2 * points)).toBe(true);
      // ISHIFT undone (suspect's GAMMA basis is rolled by −587 points), sign convention right
      expect(Math.abs(tallestPpm(basis, 'NAA') - 2.01)).toBeLessThan(0.04);
    });
  }

  it('names keep the file spelling and order', () => {
    const basis = readBasis(dataPath('basis/lcmodel/osprey-history_basis_braino.basis'));
    expect(basis.names).toEqual(['Cho', 'Cr', '-CrCH2', 'Glu', 'Ins', 'Lac', 'NAA']);
    expect(basis.echoTimeS).toBe(0.035);
  });

  it('ISMRM 2016 .BASIS equals the time-domain .RAW spectra it was built from', () => {
    const root = 'ground-truth/ismrm2016-fitting-challenge/basisset_LCModel/';
    const basis = readBasis(dataPath(root + 'press3T_30ms.BASIS'));
    expect(basis.names).toHaveLength(21);
    expect(basis.spectrometerFrequencyMHz).toBe(123.261703);
    for (const name of ['NAA', 'Glu', 'Cr', 'Gln']) {
      const raw = readMrsFile(dataPath(`${root}${name}.RAW`), { dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.261703 });
      const fid = basis.fids[basis.names.indexOf(name)].subarray(0, raw.data.length);
      // the .BASIS keeps 5 significant digits of a 4096-point spectrum: agreement to ~1e-4 of the peak
      expect(relativeDifference(fid, raw.data)).toBeLessThan(2e-3);
    }
  });
});

describe('basis folders', () => {
  it('FSL-MRS JSON folder (3T sLASER): 29 spectra named by file, 2048 points, NAA at 2.01 ppm', () => {
    const basis = readBasis(dataPath('basis/fsl-json/spant_slaser_TE28_123MHz'));
    expect(basis.names).toHaveLength(29);
    expect(basis.names).toContain('Glu');
    expect(basis.points).toBe(2048);
    expect(basis.dwellTimeS).toBeCloseTo(1.6667e-4, 8);
    expect(basis.spectrometerFrequencyMHz).toBe(123);
    expect(Math.abs(tallestPpm(basis, 'NAA') - 2.01)).toBeLessThan(0.03);
  });

  it('FSL-MRS JSON folder (7T fMRS demo): 19 spectra, 8192 points, 297.190252 MHz', () => {
    const basis = readBasis(dataPath('basis/fsl-json/fmrs_demo_7T_slaser36'));
    expect(basis.names).toHaveLength(19);
    expect(basis.points).toBe(8192);
    expect(basis.spectrometerFrequencyMHz).toBe(297.190252);
    expect(Math.abs(tallestPpm(basis, 'NAA') - 2.01)).toBeLessThan(0.03);
  });

  it('NIfTI-MRS basis folder ignores the JSON sidecars and agrees in shape with the FSL JSON set', () => {
    const nifti = readBasis(dataPath('basis/nifti-mrs/spant_slaser_TE28_123MHz'));
    const json = readBasis(dataPath('basis/fsl-json/spant_slaser_TE28_123MHz'));
    expect(nifti.names).toEqual(json.names);
    expect(nifti.points).toBe(2048);
    expect(Math.abs(tallestPpm(nifti, 'NAA') - 2.01)).toBeLessThan(0.03);
    expect(Math.abs(tallestPpm(nifti, 'Cr') - tallestPpm(json, 'Cr'))).toBeLessThan(0.01);
  });

  it('every basis file under basis/ loads', () => {
    for (const file of dataFiles('basis/lcmodel', /\.basis$/i)) expect(readBasis(dataPath(file)).names.length).toBeGreaterThan(0);
  });

  it('a folder without basis files is a one-line error', () => {
    const err = inputErrorOf(() => readBasis(dataPath('siemens-rda')));
    expect(err.message).toMatch(/neither FSL-MRS/);
  });
});
