import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import { LCMODEL_BASIS_FILE_NAME, writeBasisFiles } from '../../src/basis/writeBasisFiles.js';
import { formatLcmodelBasis, fortranE13 } from '../../src/basis/writeLcmodelBasis.js';
import { readNiftiMrs } from '../../src/io/niftiMrsRead.js';
import { readLcmodelBasis } from '../../src/io/lcmodelBasis.js';
import { readBasis } from '../../src/io/readBasis.js';

const basis = simulateBasis({
  sequence: 'press',
  echoTimeS: 0.03,
  te1S: 0.011,
  spectrometerFrequencyMHz: 123.2,
  points: 1024,
  dwellTimeS: 2.5e-4,
  metabolites: ['NAA', 'Glu', 'MM20'],
});

function maxAbsDifference(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

describe('fortranE13', () => {
  it('writes Fortran E13.5 fields with a mantissa in [0.1, 1)', () => {
    expect(fortranE13(0)).toBe('  0.00000E+00');
    expect(fortranE13(1)).toBe('  0.10000E+01');
    expect(fortranE13(-123.456)).toBe(' -0.12346E+03');
    expect(fortranE13(0.000999999)).toBe('  0.10000E-02');
    expect(fortranE13(9.999996)).toBe('  0.10000E+02');
    for (const v of [1e-30, -3.14159e12, 0.5]) {
      expect(fortranE13(v)).toHaveLength(13);
      expect(Math.abs(Number(fortranE13(v)) - v) / Math.abs(v)).toBeLessThan(1e-5);
    }
  });
});

describe('formatLcmodelBasis', () => {
  it('round-trips through the LCModel layout the ISMRM challenge basis uses (header, zero-filled conj-FFT spectra)', () => {
    const text = formatLcmodelBasis(basis, { sequenceName: 'PRESS' });
    expect(text).toMatch(/HZPPPM = 123\.2,/);
    expect(text).toMatch(/ECHOT = 30\.,/);
    expect(text).toMatch(/NDATAB = 2048/);
    const parsed = readLcmodelBasis(new TextEncoder().encode(text), 'simulated.BASIS');
    expect(parsed.names).toEqual(basis.names);
    expect(parsed.dwellTimeS).toBe(2.5e-4);
    expect(parsed.echoTimeS).toBe(0.03);
    basis.names.forEach((name, i) => {
      const fid = parsed.fids[i];
      const scale = Math.max(...basis.fids[i].map(Math.abs));
      expect(maxAbsDifference(fid.subarray(0, 2 * basis.points), basis.fids[i]) / scale, name).toBeLessThan(1e-4);
      expect(Math.max(...fid.subarray(2 * basis.points).map(Math.abs)) / scale, `${name} zero-fill`).toBeLessThan(1e-4);
    });
  });
});

describe('writeBasisFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'glutrace-basis-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one NIfTI-MRS file per metabolite and one .BASIS file, each readable back', () => {
    const written = writeBasisFiles(basis, dir);
    expect(written.map((p) => p.slice(dir.length + 1))).toEqual(['NAA.nii.gz', 'Glu.nii.gz', 'MM20.nii.gz', LCMODEL_BASIS_FILE_NAME]);
    basis.names.forEach((name, i) => {
      const mrs = readNiftiMrs(new Uint8Array(readFileSync(join(dir, `${name}.nii.gz`))), `${name}.nii.gz`);
      expect(mrs.points).toBe(basis.points);
      expect(mrs.dwellTimeS).toBeCloseTo(basis.dwellTimeS, 12);
      expect(mrs.spectrometerFrequencyMHz).toBeCloseTo(123.2, 9);
      const scale = Math.max(...basis.fids[i].map(Math.abs));
      expect(maxAbsDifference(mrs.data, basis.fids[i]) / scale, name).toBeLessThan(1e-6); // complex64 on disk
    });
    expect(readBasis(join(dir, LCMODEL_BASIS_FILE_NAME)).names).toEqual(basis.names);
    const folder = readBasis(dir);
    expect([...folder.names].sort()).toEqual([...basis.names].sort());
  });
});
