import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDicomMrs } from '../../src/io/dicomMrs.js';
import { readFslJsonBasisFile } from '../../src/io/fslJsonBasis.js';
import { readGePfile } from '../../src/io/gePfile.js';
import { readJmruiText } from '../../src/io/jmruiText.js';
import { readLcmodelBasis } from '../../src/io/lcmodelBasis.js';
import { readLcmodelRaw } from '../../src/io/lcmodelRaw.js';
import { readPhilipsSdat } from '../../src/io/philipsSdat.js';
import { readPlainText } from '../../src/io/plainText.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { readSiemensRda } from '../../src/io/siemensRda.js';
import { readSiemensTwix } from '../../src/io/siemensTwix.js';
import { InputFileError } from '../../src/util/errors.js';
import { dataPath, garbageBytes, inputErrorOf } from './helpers.js';

type Reader = (bytes: Uint8Array, name: string) => unknown;

const bytesOf = (relative: string) => new Uint8Array(readFileSync(dataPath(relative)));
const spar = bytesOf('philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SPAR');
const grid = { dwellTimeS: 5e-4, spectrometerFrequencyMHz: 127.786142 };

/**
 * Each reader with a valid sample file; truncations of that file must fail cleanly. Plain text declares
 * no length, so a cut at a line end is indistinguishable from a shorter FID and only the "never another
 * error" check applies to it.
 */
const readers: [string, Reader, string][] = [
  ['siemens rda', readSiemensRda, 'siemens-rda/suspect_SVS_30.rda'],
  ['dicom (CSA)', readDicomMrs, 'siemens-dicom/suspect_SVS_30.IMA'],
  ['dicom (standard)', readDicomMrs, 'siemens-dicom/suspect_SVS_XA60.dcm'],
  ['philips sdat', (b, n) => readPhilipsSdat(b, spar, n), 'philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SDAT'],
  ['siemens twix', readSiemensTwix, 'siemens-twix/meas_MID311_STEAM_wref1_FID115674.dat'],
  ['ge p-file', readGePfile, 'ge-pfile/tarquin_1.5T_probe-p_TE30_series/P1751_1.5T_030_2000.7'],
  ['jmrui text', readJmruiText, 'jmrui-text/s2n-7T-slaser_metab_jmrui.txt'],
  ['lcmodel raw', (b, n) => readLcmodelRaw(b, n, grid), 'lcmodel-raw/s2n-7T-slaser_metab.RAW'],
  ['plain text', (b, n) => readPlainText(b, n, grid), 'plain-text/s2n-7T-slaser_metab.txt'],
  ['lcmodel basis', readLcmodelBasis, 'basis/lcmodel/lcmodel_test_3t.basis'],
  ['fsl json basis', readFslJsonBasisFile, 'basis/fsl-json/spant_slaser_TE28_123MHz/NAA.json'],
];

function expectOneLineError(read: () => unknown, name: string): void {
  const err = inputErrorOf(read);
  expect(err.message.startsWith(`${name}: `)).toBe(true);
  expect(err.message).not.toContain('\n');
}

describe.each(readers)('%s: bad input', (label, read, sample) => {
  const good = bytesOf(sample);

  it('reads the intact sample', () => {
    expect(() => read(good, 'good')).not.toThrow();
  });

  it('empty input', () => expectOneLineError(() => read(new Uint8Array(0), 'empty'), 'empty'));

  it('garbage input (binary and text-like)', () => {
    expectOneLineError(() => read(garbageBytes(5000), 'garbage'), 'garbage');
    const text = new TextEncoder().encode('hello world\n1 2 three\n'.repeat(50));
    expectOneLineError(() => read(text, 'text-garbage'), 'text-garbage');
  });

  it.skipIf(label === 'plain text')('truncated at 1 %, 10 % and 60 % of its length', () => {
    for (const fraction of [0.01, 0.1, 0.6]) {
      const cut = good.subarray(0, Math.floor(good.length * fraction));
      expectOneLineError(() => read(cut, `cut${fraction}`), `cut${fraction}`);
    }
  });

  it('any truncation either reads or fails with an InputFileError (never another error)', () => {
    for (let k = 1; k < 40; k++) {
      const cut = good.subarray(0, Math.floor((good.length * k) / 40));
      try {
        read(cut, 'cut');
      } catch (err) {
        expect(err).toBeInstanceOf(InputFileError);
      }
    }
  });
});

describe('header values that would need huge allocations are refused', () => {
  it('RDA VectorSize of 10^12', () => {
    const text = new TextDecoder('latin1').decode(bytesOf('siemens-rda/suspect_SVS_30.rda')).replace('VectorSize: 1024', 'VectorSize: 1000000000000');
    expectOneLineError(() => readSiemensRda(new Uint8Array(Buffer.from(text, 'latin1')), 'huge.rda'), 'huge.rda');
  });

  it('SPAR samples of 10^12', () => {
    const text = new TextDecoder('latin1').decode(spar).replace('samples : 1024', 'samples : 1000000000000');
    const sdat = bytesOf('philips-sdat/spant_phantom_3T_press30/philips_spar_sdat_WS.SDAT');
    expectOneLineError(() => readPhilipsSdat(sdat, new TextEncoder().encode(text), 'huge.SDAT'), 'huge.SDAT');
  });

  it('jMRUI PointsInDataset of 10^12', () => {
    const text = new TextDecoder().decode(bytesOf('jmrui-text/s2n-7T-slaser_metab_jmrui.txt')).replace('PointsInDataset:\t4096', 'PointsInDataset:\t1000000000000');
    expectOneLineError(() => readJmruiText(new TextEncoder().encode(text), 'huge.txt'), 'huge.txt');
  });
});

describe('readMrsFile dispatcher', () => {
  it('an unknown extension with unknown content is a one-line error', () => {
    expect(inputErrorOf(() => readMrsFile(dataPath('ge-pfile/tarquin_1.5T_probe-p_TE30_series/P1751_1.5T_030_2000.7.shf'))).message).toMatch(
      /unrecognised file format/,
    );
  });

  it('a directory is a one-line error', () => {
    expect(inputErrorOf(() => readMrsFile(dataPath('siemens-rda'))).message).toMatch(/is a directory/);
  });

  it('an SDAT without its SPAR names the missing file', () => {
    expect(inputErrorOf(() => readMrsFile('/tmp/does-not-exist.SDAT')).message).toMatch(/file not found|no matching SPAR/);
  });
});
