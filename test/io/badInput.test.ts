import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJmruiText } from '../../src/io/jmruiText.js';
import { readPhilipsSdat } from '../../src/io/philipsSdat.js';
import { readMrsFile } from '../../src/io/readMrsFile.js';
import { readSiemensRda } from '../../src/io/siemensRda.js';
import { InputFileError } from '../../src/util/errors.js';
import { SDAT_SAMPLE, SPAR_SAMPLE, vendorReaderSamples } from '../helpers/readerSamples.js';
import { dataPath, garbageBytes, inputErrorOf } from './helpers.js';

const bytesOf = (relative: string) => new Uint8Array(readFileSync(dataPath(relative)));

/**
 * Each reader with a valid sample file; truncations of that file must fail cleanly. Plain text declares
 * no length, so a cut at a line end is indistinguishable from a shorter FID and only the "never another
 * error" check applies to it.
 */
const readers = vendorReaderSamples();

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
    const text = new TextDecoder('latin1').decode(bytesOf(SPAR_SAMPLE)).replace('samples : 1024', 'samples : 1000000000000');
    const sdat = bytesOf(SDAT_SAMPLE);
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
