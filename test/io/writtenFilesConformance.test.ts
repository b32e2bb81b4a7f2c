/**
 * Interoperability QA of the files glutrace writes, checked with independent strict parsers (strictNiftiMrsCheck,
 * strictLcmodelBasisCheck) against the NIfTI-MRS specification and the LCModel basis layout, so FSL-MRS, spec2nii,
 * Osprey and LCModel read them: `convert` output for one file of every vendor format, and the NIfTI-MRS and
 * LCModel files of `basis`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import { LCMODEL_BASIS_FILE_NAME, writeBasisFiles } from '../../src/basis/writeBasisFiles.js';
import { readLcmodelBasis } from '../../src/io/lcmodelBasis.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { readNiftiMrs } from '../../src/io/niftiMrsRead.js';
import { writeNiftiMrs } from '../../src/io/niftiMrsWrite.js';
import type { MrsData } from '../../src/types/mrsData.js';
import { dataPath, relativeDifference } from './helpers.js';
import { lcmodelBasisProblems, lcmodelPeakPpm, parseLcmodelBasisStrict } from './strictLcmodelBasisCheck.js';
import { checkNiftiMrs, storedMagnitudeAtPpm, type NiftiMrsParsed } from './strictNiftiMrsCheck.js';

/** One file of every vendor format `convert` reads. */
const VENDOR_FILES = [
  'siemens-twix/meas_MID311_STEAM_wref1_FID115674.dat',
  'siemens-rda/suspect_SVS_30.rda',
  'siemens-dicom/suspect_SVS_30.IMA',
  'siemens-dicom/suspect_SVS_XA60.dcm',
  'philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SDAT',
  'philips-dicom/suspect_MRSshortTELN_IM-0001-0002.dcm',
  'ge-pfile/tarquin_1.5T_probe-p_TE30_series/P1751_1.5T_030_2000.7',
  'lcmodel-raw/s2n-7T-slaser_metab.RAW',
  'jmrui-text/s2n-7T-slaser_metab_jmrui.txt',
  'nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz',
  'nifti-mrs/osprey-7T-steam-32coil/sub-01_ses-01_SVS-ref.nii.gz',
];

/** What `glutrace convert FILE -o OUT.nii.gz` writes. */
const convert = (relative: string): Uint8Array => writeNiftiMrs(readMrsFile(dataPath(relative)), { gzip: true });

function strictlyConformant(bytes: Uint8Array): NiftiMrsParsed {
  const { parsed, problems, userKeyProblems } = checkNiftiMrs(bytes);
  expect(problems).toEqual([]);
  expect(userKeyProblems).toEqual([]);
  return parsed as NiftiMrsParsed;
}

/** Strongest stored signal within ±0.06 ppm of `ppm`, read per the specification's Appendix A. */
function peakNear(parsed: NiftiMrsParsed, ppm: number): number {
  let best = 0;
  for (let p = ppm - 0.06; p <= ppm + 0.06; p += 0.004) best = Math.max(best, storedMagnitudeAtPpm(parsed, p));
  return best;
}

describe('convert output (one file per vendor format) against the NIfTI-MRS specification', () => {
  for (const relative of VENDOR_FILES) {
    it(`${relative.split('/')[0]}: header, JSON extension and data conform; dims match the source`, () => {
      const source = readMrsFile(dataPath(relative));
      const parsed = strictlyConformant(convert(relative));
      expect(parsed.dim.slice(0, 5)).toEqual([4 + source.dims.length, 1, 1, 1, source.points]);
      expect(parsed.dim.slice(5, 5 + source.dims.length)).toEqual(source.dims.map((d) => d.size));
      expect(parsed.dim.slice(5 + source.dims.length).every((d) => d === 1 || d === 0)).toBe(true);
      expect(parsed.pixdim[4]).toBe(source.dwellTimeS);
      expect(parsed.xyztUnits & 0x38).toBe(8); // pixdim[4] in seconds
      expect(parsed.json.SpectrometerFrequency).toEqual([source.spectrometerFrequencyMHz]);
      expect(parsed.json.ResonantNucleus).toEqual([source.nucleus]);
      source.dims.forEach((d, i) => expect(parsed.json[`dim_${i + 5}`]).toBe(d.tag));
      // qform_code 0 is the specification's option for data whose position is not carried.
      expect(parsed.qformCode).toBe(0);
    });
  }

  it('stores the conjugation the specification defines: NAA at 2.01 ppm, as in spec2nii output', () => {
    // The anchor: spec2nii's own file puts NAA at 2.01 ppm under Appendix A, and nothing at its mirror 7.29 ppm.
    const reference = checkNiftiMrs(new Uint8Array(readFileSync(dataPath('nifti-mrs/fslmrs-7T-steam/metab.nii.gz')))).parsed as NiftiMrsParsed;
    expect(peakNear(reference, 2.01) / peakNear(reference, 7.29)).toBeGreaterThan(5);
    for (const relative of ['lcmodel-raw/s2n-7T-slaser_metab.RAW', 'jmrui-text/s2n-7T-slaser_metab_jmrui.txt', 'philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SDAT']) {
      const parsed = strictlyConformant(convert(relative));
      expect(peakNear(parsed, 2.01) / peakNear(parsed, 7.29), relative).toBeGreaterThan(5);
    }
  });

  it('writes the same bytes for the same input', () => {
    const relative = 'siemens-twix/meas_MID311_STEAM_wref1_FID115674.dat';
    expect(Buffer.from(convert(relative)).equals(Buffer.from(convert(relative)))).toBe(true);
  });

  it('carries no subject identifiers from the source headers', () => {
    const identifiers = (relative: string, pattern: RegExp): string[] =>
      [...readFileSync(dataPath(relative), 'latin1').matchAll(pattern)].map((m) => m[1].trim()).filter((v) => v.length >= 3);
    const sources: [string, string[]][] = [
      ['siemens-twix/meas_MID311_STEAM_wref1_FID115674.dat', identifiers('siemens-twix/meas_MID311_STEAM_wref1_FID115674.dat', /"Patient(?:Name|ID|Birthday)">\s*\{\s*"([^"]+)"/g)],
      ['siemens-rda/suspect_SVS_30.rda', identifiers('siemens-rda/suspect_SVS_30.rda', /^Patient(?:Name|ID|BirthDate): *(.+?)\r?$/gm)],
    ];
    const niftiSource = 'nifti-mrs/fslmrs-7T-steam/metab_raw.nii.gz';
    const sourceJson = (checkNiftiMrs(new Uint8Array(readFileSync(dataPath(niftiSource)))).parsed as NiftiMrsParsed).json;
    sources.push([niftiSource, Object.entries(sourceJson).filter(([k, v]) => /^Patient(Name|ID|DoB)$/.test(k) && typeof v === 'string').map(([, v]) => v as string)]);
    for (const [relative, values] of sources) {
      expect(values.length, `${relative}: the source should carry identifiers for this test to mean anything`).toBeGreaterThan(0);
      const header = new TextDecoder('latin1').decode(strictlyConformant(convert(relative)).headerBytes);
      // Only a count is reported, never the identifier itself.
      expect(values.filter((v) => header.includes(v)).length, `${relative}: identifiers carried into the output`).toBe(0);
      expect(header).not.toMatch(/"(Patient\w*|private_\w*|OriginalFile)"/);
    }
  });
});

describe('NIfTI-MRS JSON typing', () => {
  const base: MrsData = {
    data: Float64Array.from({ length: 64 }, (_, i) => Math.cos(i)),
    points: 32,
    dwellTimeS: 0.0005,
    spectrometerFrequencyMHz: 123,
    nucleus: '1H',
    dims: [{ tag: 'DIM_DYN', size: 1 }],
    echoTimeS: 0.03,
    repetitionTimeS: 2,
    transientTimesS: null,
    provenance: { format: 'test', sourceName: 'test', processingApplied: [] },
  };

  it('writes integer-valued SpectrometerFrequency and RepetitionTime as floats, which the nifti_mrs validator requires', () => {
    const parsed = strictlyConformant(writeNiftiMrs(base));
    expect(parsed.jsonText).toContain('"SpectrometerFrequency":[123.0]');
    expect(parsed.jsonText).toContain('"RepetitionTime":2.0');
    const back = readNiftiMrs(writeNiftiMrs(base), 'typing.nii');
    expect([back.spectrometerFrequencyMHz, back.repetitionTimeS, back.echoTimeS]).toEqual([123, 2, 0.03]);
  });
});

describe('basis output: NIfTI-MRS per metabolite and LCModel .BASIS', () => {
  const basis = simulateBasis({
    sequence: 'press',
    echoTimeS: 0.03,
    spectrometerFrequencyMHz: 123.2,
    points: 1024,
    dwellTimeS: 2.5e-4,
    metabolites: ['NAA', 'Cr', 'Glu', 'MM20'],
  });
  const dirs = [mkdtempSync(join(tmpdir(), 'glutrace-interop-')), mkdtempSync(join(tmpdir(), 'glutrace-interop-'))];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const written = dirs.map((dir) => writeBasisFiles(basis, dir));
  const basisText = readFileSync(join(dirs[0], LCMODEL_BASIS_FILE_NAME), 'latin1');

  it('writes the same bytes twice', () => {
    written[0].forEach((path, i) => expect(readFileSync(path).equals(readFileSync(written[1][i])), path).toBe(true));
  });

  it('NIfTI-MRS basis files conform, with NAA at 2.01 ppm under the specification convention', () => {
    for (const name of basis.names) {
      const parsed = strictlyConformant(new Uint8Array(readFileSync(join(dirs[0], `${name}.nii.gz`))));
      expect(parsed.dim.slice(0, 5)).toEqual([4, 1, 1, 1, basis.points]);
      expect(parsed.pixdim.slice(1, 4)).toEqual([10000, 10000, 10000]); // unlocalised
    }
    const naa = checkNiftiMrs(new Uint8Array(readFileSync(join(dirs[0], 'NAA.nii.gz')))).parsed as NiftiMrsParsed;
    expect(peakNear(naa, 2.01) / peakNear(naa, 7.29)).toBeGreaterThan(20);
  });

  it('.BASIS has the namelists LCModel reads, $NMUSED before each $BASIS (FID-A/Osprey need it) and fixed-width data', () => {
    const parsed = parseLcmodelBasisStrict(basisText);
    expect(lcmodelBasisProblems(parsed)).toEqual([]);
    expect(parsed.seqpar?.values.get('HZPPPM')).toBe(123.2);
    expect(parsed.seqpar?.values.get('ECHOT')).toBe(30);
    expect(parsed.basis1.values.get('BADELT')).toBe(2.5e-4);
    expect(parsed.basis1.values.get('NDATAB')).toBe(2 * basis.points); // zero-filled to twice the FID, as LCModel expects
    expect(parsed.entries.map((e) => e.basis.values.get('METABO'))).toEqual(basis.names);
  });

  it('.BASIS puts NAA and Cr where LCModel basis files from other tools put them (same sign convention)', () => {
    const ours = parseLcmodelBasisStrict(basisText);
    for (const relative of ['basis/lcmodel/lcmodel_test_3t.basis', 'basis/lcmodel/osprey_3T_PRESS_Siemens_35ms_noMM.BASIS']) {
      const theirs = parseLcmodelBasisStrict(readFileSync(dataPath(relative), 'latin1'));
      expect(lcmodelBasisProblems(theirs).filter((p) => !p.includes('ECHOT'))).toEqual([]);
      expect(lcmodelPeakPpm(theirs, 'NAA'), relative).toBeCloseTo(2.0, 1);
      expect(lcmodelPeakPpm(theirs, 'Cr'), relative).toBeCloseTo(3.0, 1);
    }
    // Within one spectral point (0.016 ppm here).
    expect(Math.abs(lcmodelPeakPpm(ours, 'NAA') - 2.01)).toBeLessThan(0.016);
    expect(Math.abs(lcmodelPeakPpm(ours, 'Cr') - 3.03)).toBeLessThan(0.016);
    // The opposite sign would put NAA at its mirror image, so the check above can tell the two apart.
    expect(Math.abs(lcmodelPeakPpm(ours, 'NAA', -1) - 7.29)).toBeLessThan(0.016);
  });

  it('.BASIS reads back through glutrace’s LCModel reader with the same spectra', () => {
    const back = readLcmodelBasis(new TextEncoder().encode(basisText), 'basis.BASIS');
    expect(back.names).toEqual(basis.names);
    expect([back.points, back.dwellTimeS, back.spectrometerFrequencyMHz, back.echoTimeS]).toEqual([2 * basis.points, 2.5e-4, 123.2, 0.03]);
    basis.names.forEach((name, i) => {
      // E13.5 keeps 5 significant digits; the second half is the zero-fill.
      expect(relativeDifference(back.fids[i].subarray(0, 2 * basis.points), basis.fids[i]), name).toBeLessThan(1e-4);
      const peak = Math.max(...basis.fids[i].map(Math.abs));
      expect(Math.max(...back.fids[i].subarray(2 * basis.points).map(Math.abs)) / peak, `${name} zero-fill`).toBeLessThan(1e-4);
    });
  });
});
