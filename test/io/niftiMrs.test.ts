import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readNiftiMrs } from '../../src/io/niftiMrsRead.js';
import { writeNiftiMrs } from '../../src/io/niftiMrsWrite.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import type { MrsData } from '../../src/types/mrsData.js';
import { dataPath, garbageBytes, inputErrorOf, peakPpm } from './helpers.js';

const STEAM = 'nifti-mrs/fslmrs-7T-steam/';

describe('readNiftiMrs on the FSL-MRS 7T STEAM files (SOURCES.md §1a)', () => {
  const cases: [string, number, string[], number[]][] = [
    ['metab.nii.gz', 4095, [], []],
    ['metab_raw.nii.gz', 4096, ['DIM_COIL', 'DIM_DYN'], [4, 16]],
    ['wref_raw.nii.gz', 4096, ['DIM_COIL', 'DIM_DYN'], [4, 2]],
    ['quant_raw.nii.gz', 4096, ['DIM_COIL', 'DIM_DYN'], [4, 2]],
    ['ecc.nii.gz', 4096, ['DIM_COIL'], [4]],
  ];
  for (const [file, points, tags, sizes] of cases) {
    it(`${file}: header values`, () => {
      const mrs = readMrsFile(dataPath(STEAM + file));
      expect(mrs.points).toBe(points);
      expect(mrs.dwellTimeS).toBeCloseTo(8.33e-5, 12);
      expect(mrs.spectrometerFrequencyMHz).toBe(297.219948);
      expect(mrs.nucleus).toBe('1H');
      expect(mrs.dims.map((d) => d.tag)).toEqual(tags);
      expect(mrs.dims.map((d) => d.size)).toEqual(sizes);
      expect(mrs.echoTimeS).toBe(0.011);
      expect(mrs.repetitionTimeS).toBe(5);
      expect(mrs.voxelSizeMm).toEqual([20, 20, 20]);
      expect(mrs.data.length).toBe(2 * points * sizes.reduce((a, b) => a * b, 1));
      expect(mrs.provenance.format).toBe('nifti-mrs');
    });
  }

  it('integer SpectrometerFrequency [297] is read as the number 297', () => {
    expect(readMrsFile(dataPath(STEAM + 'metab_int_freq.nii.gz')).spectrometerFrequencyMHz).toBe(297);
  });

  it('conjugates to the in-memory convention: NAA at 2.01 ppm, Cr at 3.03 ppm', () => {
    const mrs = readMrsFile(dataPath(STEAM + 'metab.nii.gz'));
    expect(peakPpm(mrs, 1.8, 2.2)).toBeCloseTo(2.01, 1);
    expect(peakPpm(mrs, 2.9, 3.1)).toBeCloseTo(3.02, 1);
    // and nothing comparable at the mirror image of NAA (2·4.65 − 2.01 = 7.29 ppm)
    expect(peakPpm(mrs, 1.0, 8.0)).not.toBeCloseTo(7.29, 1);
  });

  it('osprey 32-coil reference: 2048 points at 1.666e-4 s, DIM_COIL × 32', () => {
    const mrs = readMrsFile(dataPath('nifti-mrs/osprey-7T-steam-32coil/sub-01_ses-01_SVS-ref.nii.gz'));
    expect(mrs.points).toBe(2048);
    expect(mrs.dwellTimeS).toBeCloseTo(1.666e-4, 12);
    expect(mrs.dims).toEqual([{ tag: 'DIM_COIL', size: 32 }]);
  });

  it('spant basis file: complex128, values wrapped in lists, dim tags beyond the data ignored', () => {
    const mrs = readMrsFile(dataPath('basis/nifti-mrs/spant_slaser_TE28_123MHz/NAA.nii.gz'));
    expect(mrs.points).toBe(2048);
    expect(mrs.spectrometerFrequencyMHz).toBe(123);
    expect(mrs.dims).toEqual([]);
    expect(peakPpm(mrs, 1.0, 8.0)).toBeCloseTo(2.01, 1);
  });
});

describe('pre-standard NIfTI without the MRS extension', () => {
  const legacy = dataPath('nifti-mrs/legacy-pre-standard/s2n-7T-slaser_metab.nii');

  it('readMrsFile takes the frequency from the spec2nii JSON sidecar (ImagingFrequency in Hz)', () => {
    const mrs = readMrsFile(legacy);
    expect(mrs.spectrometerFrequencyMHz).toBe(297.219948);
    expect(mrs.nucleus).toBe('1H');
  });

  it('without sidecar or supplied values it fails with a one-line error asking for them', () => {
    const bytes = new Uint8Array(readFileSync(legacy));
    const err = inputErrorOf(() => readNiftiMrs(bytes, 's2n-7T-slaser_metab.nii'));
    expect(err.message).toContain('s2n-7T-slaser_metab.nii');
    expect(err.message).toContain('spectrometer frequency');
    expect(err.message).not.toContain('\n');
    const noSidecar = dataPath('nifti-mrs/legacy-pre-standard/mrs_nifti_standard_2021_metab.nii');
    expect(inputErrorOf(() => readMrsFile(noSidecar)).message).toContain('spectrometer frequency');
  });

  it('reads NIfTI-1 complex128 when the frequency is supplied', () => {
    const mrs = readMrsFile(legacy, { spectrometerFrequencyMHz: 297.219948, nucleus: '1H' });
    expect(mrs.points).toBe(4096);
    expect(mrs.dwellTimeS).toBeCloseTo(8.33e-5, 10); // float32 pixdim holds 8.33e-5
    expect(mrs.echoTimeS).toBeNull();
  });

  it('reads the 2021 NIfTI-2 complex128 example with 4095 points', () => {
    const mrs = readMrsFile(dataPath('nifti-mrs/legacy-pre-standard/mrs_nifti_standard_2021_metab.nii'), {
      spectrometerFrequencyMHz: 297.219948,
      nucleus: '1H',
    });
    expect(mrs.points).toBe(4095);
  });
});

describe('writeNiftiMrs → readNiftiMrs round trip', () => {
  const original = readMrsFile(dataPath(STEAM + 'metab_raw.nii.gz'));

  function withTimingAndSteps(mrs: MrsData): MrsData {
    return {
      ...mrs,
      transientTimesS: Float64Array.from({ length: 16 }, (_, i) => 5 * i),
      fieldStrengthT: 6.98,
      sequenceName: 'svs_st',
      provenance: { ...mrs.provenance, processingApplied: [{ method: 'RF coil combination', details: 'none yet', program: 'glutrace' }] },
    };
  }

  it('gives identical data and metadata', () => {
    const source = withTimingAndSteps(original);
    const back = readNiftiMrs(writeNiftiMrs(source, { gzip: true }), 'roundtrip.nii.gz');
    expect(back.data).toEqual(source.data);
    expect(back.points).toBe(source.points);
    expect(back.dwellTimeS).toBe(source.dwellTimeS);
    expect(back.spectrometerFrequencyMHz).toBe(source.spectrometerFrequencyMHz);
    expect(back.nucleus).toBe(source.nucleus);
    expect(back.dims.map((d) => [d.tag, d.size])).toEqual(source.dims.map((d) => [d.tag, d.size]));
    expect(back.echoTimeS).toBe(source.echoTimeS);
    expect(back.repetitionTimeS).toBe(source.repetitionTimeS);
    expect(back.transientTimesS).toEqual(source.transientTimesS);
    expect(back.voxelSizeMm).toEqual(source.voxelSizeMm);
    expect(back.fieldStrengthT).toBe(6.98);
    expect(back.sequenceName).toBe('svs_st');
    expect(back.provenance.processingApplied).toEqual(source.provenance.processingApplied);
  });

  it('writes NIfTI-2, complex64, intent mrs_v0_9, ecode 44 JSON with the required keys', () => {
    const bytes = writeNiftiMrs(original);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getInt32(0, true)).toBe(540);
    expect(String.fromCharCode(...bytes.subarray(4, 7))).toBe('n+2');
    expect(view.getInt16(12, true)).toBe(32);
    expect(String.fromCharCode(...bytes.subarray(508, 516))).toBe('mrs_v0_9');
    expect(view.getFloat64(104 + 8 * 4, true)).toBe(original.dwellTimeS);
    const esize = view.getInt32(544, true);
    expect(esize % 16).toBe(0);
    expect(view.getInt32(548, true)).toBe(44);
    const json = JSON.parse(new TextDecoder().decode(bytes.subarray(552, 544 + esize)).replace(/\0+$/, ''));
    expect(json.SpectrometerFrequency).toEqual([297.219948]);
    expect(json.ResonantNucleus).toEqual(['1H']);
    expect(json.dim_5).toBe('DIM_COIL');
    expect(json.dim_6).toBe('DIM_DYN');
    expect(json.EchoTime).toBe(0.011);
  });

  it('stores samples in the same on-disk convention as the FSL-MRS file it came from', () => {
    const written = writeNiftiMrs(original);
    const source = gunzipSync(readFileSync(dataPath(STEAM + 'metab_raw.nii.gz')));
    const sourceOffset = Number(new DataView(source.buffer, source.byteOffset).getBigInt64(168, true));
    const writtenOffset = Number(new DataView(written.buffer, written.byteOffset).getBigInt64(168, true));
    expect(Buffer.compare(source.subarray(sourceOffset), written.subarray(writtenOffset))).toBe(0);
  });

  it('is deterministic, with gzip mtime 0', () => {
    const a = writeNiftiMrs(original, { gzip: true });
    const b = writeNiftiMrs(original, { gzip: true });
    expect(Buffer.compare(a, b)).toBe(0);
    expect(Array.from(a.subarray(4, 8))).toEqual([0, 0, 0, 0]);
  });

  it('refuses dims that NIfTI-MRS cannot hold', () => {
    expect(() => writeNiftiMrs({ ...original, dims: [{ tag: 'coil', size: 4 }, { tag: 'DIM_DYN', size: 16 }] })).toThrow(/DIM_/);
    const fourDims = [1, 1, 1, 1].map((size, i) => ({ tag: `DIM_USER_${i}`, size }));
    expect(() => writeNiftiMrs({ ...original, dims: fourDims, data: original.data.subarray(0, 2 * original.points) })).toThrow(/at most 3/);
  });

  it('extra header keys are written but cannot override required ones', () => {
    const bytes = writeNiftiMrs(original, { extraHeader: { Manufacturer: 'SIEMENS', SpectrometerFrequency: [1] } });
    const back = readNiftiMrs(bytes, 'x.nii');
    expect(back.spectrometerFrequencyMHz).toBe(297.219948);
  });
});

describe('NIfTI variants built by hand', () => {
  /** Minimal NIfTI-1 single-voxel file, big- or little-endian, complex64, with an MRS extension. */
  function niftiOne(littleEndian: boolean, json: object, samples: number[], timeUnits = 8): Uint8Array {
    const text = new TextEncoder().encode(JSON.stringify(json));
    const esize = Math.ceil((text.length + 8) / 16) * 16;
    const voxOffset = 352 + esize;
    const bytes = new Uint8Array(voxOffset + samples.length * 4);
    const v = new DataView(bytes.buffer);
    const le = littleEndian;
    v.setInt32(0, 348, le);
    const dims = [5, 1, 1, 1, samples.length / 4, 2, 1, 1];
    dims.forEach((d, i) => v.setInt16(40 + 2 * i, d, le));
    v.setInt16(70, 32, le);
    v.setInt16(72, 64, le);
    [1, 10, 10, 10, 0.5, 1, 1, 1].forEach((p, i) => v.setFloat32(76 + 4 * i, p, le));
    v.setFloat32(108, voxOffset, le);
    v.setUint8(123, 2 | timeUnits);
    bytes.set(new TextEncoder().encode('mrs_v0_2'), 328);
    bytes.set(new TextEncoder().encode('n+1\0'), 344);
    bytes[348] = 1;
    v.setInt32(352, esize, le);
    v.setInt32(356, 44, le);
    bytes.set(text, 360);
    samples.forEach((s, i) => v.setFloat32(voxOffset + 4 * i, s, le));
    return bytes;
  }
  const json = {
    SpectrometerFrequency: [123.2],
    ResonantNucleus: ['1H'],
    dim_5: 'DIM_EDIT',
    dim_5_header: { EditCondition: ['ON', 'OFF'], EchoTime: { start: 0.03, increment: 0.01 } },
  };
  const samples = [1, 2, 3, 4, 5, 6, 7, 8];

  it('big- and little-endian NIfTI-1 give the same data; ms dwell units are converted; dim headers expand', () => {
    const be = readNiftiMrs(niftiOne(false, json, samples, 16), 'be.nii');
    const le = readNiftiMrs(niftiOne(true, json, samples, 16), 'le.nii');
    expect(be.data).toEqual(le.data);
    expect(Array.from(le.data)).toEqual([1, -2, 3, -4, 5, -6, 7, -8]);
    expect(le.dwellTimeS).toBeCloseTo(0.5e-3, 12);
    expect(le.dims).toEqual([
      { tag: 'DIM_EDIT', size: 2, header: { EditCondition: ['ON', 'OFF'], EchoTime: [0.03, 0.04] } },
    ]);
  });

  it('rejects spectral-domain files (xyzt time code Hz)', () => {
    const err = inputErrorOf(() => readNiftiMrs(niftiOne(true, json, samples, 32), 'hz.nii'));
    expect(err.message).toMatch(/spectral-domain/);
  });

  it('rejects a dim header whose list length does not match the dim', () => {
    const bad = { ...json, dim_5_header: { EditCondition: ['ON'] } };
    expect(inputErrorOf(() => readNiftiMrs(niftiOne(true, bad, samples), 'bad.nii')).message).toMatch(/dim_5_header/);
  });
});

describe('bad input gives a one-line InputFileError', () => {
  const good = readFileSync(dataPath(STEAM + 'metab.nii.gz'));
  const raw = gunzipSync(good);
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['garbage', garbageBytes(4096)],
    ['truncated gzip', good.subarray(0, good.length / 2)],
    ['truncated header', raw.subarray(0, 300)],
    ['truncated extension', raw.subarray(0, 700)],
    ['truncated data', raw.subarray(0, raw.length - 100)],
    ['gzip of garbage', new Uint8Array([0x1f, 0x8b, ...garbageBytes(100)])],
  ];
  for (const [label, bytes] of cases) {
    it(label, () => {
      const err = inputErrorOf(() => readNiftiMrs(bytes, `${label}.nii`));
      expect(err.message.startsWith(`${label}.nii: `)).toBe(true);
      expect(err.message).not.toContain('\n');
    });
  }

  it('header claiming enormous dims is refused before allocating', () => {
    const huge = Uint8Array.from(raw);
    new DataView(huge.buffer).setBigInt64(16 + 8 * 4, 2n ** 40n, true);
    expect(inputErrorOf(() => readNiftiMrs(huge, 'huge.nii')).message).toMatch(/truncated/);
  });

  it('readMrsFile names a missing file', () => {
    expect(inputErrorOf(() => readMrsFile('/nonexistent/x.nii.gz')).message).toBe('/nonexistent/x.nii.gz: file not found');
  });
});
