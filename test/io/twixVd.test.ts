import { describe, expect, it } from 'vitest';
import { readSiemensTwix } from '../../src/io/siemensTwix.js';
import { fidAt } from '../../src/types/mrsData.js';
import { inputErrorOf } from './helpers.js';

/**
 * No VD/VE/XA TWIX file is available here, so this builds one following the published layout:
 * a multi-raid directory (u32 0, u32 count, 152-byte entries with u64 offset/length), then per
 * measurement a text header and 192-byte scan headers each followed by 32-byte channel headers.
 */
const PROTOCOL = [
  'sRXSPEC.alDwellTime[0] = 250000',
  'sTXSPEC.asNucleusInfo[0].lFrequency = 123255089',
  'sTXSPEC.asNucleusInfo[0].tNucleus = "1H"',
  'alTE[0] = 30000',
  'alTR[0] = 2000000',
  'sSpecPara.lVectorSize = 8',
].join('\n');

interface Adc {
  mask: number;
  timeStamp: number;
  /** Per channel, interleaved re/im float32 samples. */
  channels: number[][];
}

function measurement(adcs: Adc[]): Uint8Array {
  const text = new TextEncoder().encode(PROTOCOL);
  const name = new TextEncoder().encode('MeasYaps\0');
  const headerLength = 8 + name.length + 4 + text.length;
  const blocks = adcs.map((adc) => {
    const samples = adc.channels[0].length / 2;
    const size = 192 + adc.channels.length * (32 + samples * 8);
    const block = new Uint8Array(size);
    const v = new DataView(block.buffer);
    v.setUint32(0, size, true);
    v.setUint32(12, adc.timeStamp, true);
    v.setUint32(40, adc.mask, true);
    v.setUint16(48, samples, true);
    v.setUint16(50, adc.channels.length, true);
    adc.channels.forEach((values, c) => values.forEach((x, i) => v.setFloat32(192 + c * (32 + samples * 8) + 32 + 4 * i, x, true)));
    return block;
  });
  const acqEnd = new Uint8Array(192);
  new DataView(acqEnd.buffer).setUint32(40, 1, true);
  const total = headerLength + blocks.reduce((n, b) => n + b.length, 0) + acqEnd.length;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, headerLength, true);
  v.setUint32(4, 1, true);
  out.set(name, 8);
  v.setUint32(8 + name.length, text.length, true);
  out.set(text, 12 + name.length);
  let offset = headerLength;
  for (const block of [...blocks, acqEnd]) {
    out.set(block, offset);
    offset += block.length;
  }
  return out;
}

function multiRaid(measurements: Uint8Array[]): Uint8Array {
  const directory = 8 + 64 * 152;
  const total = directory + measurements.reduce((n, m) => n + m.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(4, measurements.length, true);
  let offset = directory;
  measurements.forEach((m, i) => {
    v.setBigUint64(8 + i * 152 + 8, BigInt(offset), true);
    v.setBigUint64(8 + i * 152 + 16, BigInt(m.length), true);
    out.set(m, offset);
    offset += m.length;
  });
  return out;
}

/** A 16-sample (2× oversampled) FID: a slow complex exponential, different per channel and transient. */
function fid(channel: number, transient: number): number[] {
  return Array.from({ length: 16 }, (_, n) => [Math.cos(0.2 * n + channel), Math.sin(0.2 * n + channel) + transient]).flat();
}

const noise: Adc = { mask: 1 << 25, timeStamp: 0, channels: [fid(0, 9), fid(1, 9)] };
const image = (t: number): Adc => ({ mask: 0, timeStamp: 1000 + 800 * t, channels: [fid(0, t), fid(1, t)] });
const file = multiRaid([measurement([noise]), measurement([noise, image(0), { mask: 1 << 5, timeStamp: 0, channels: [fid(0, 0)] }, image(1), image(2)])]);

describe('Siemens TWIX VD/VE multi-raid (synthetic, published layout)', () => {
  it('reads the last measurement: 2 coils × 3 transients, noise and sync packets skipped, timestamps in 2.5 ms ticks', () => {
    const mrs = readSiemensTwix(file, 'vd.dat', { keepOversampling: true });
    expect(mrs.points).toBe(16);
    expect(mrs.dims).toEqual([
      { tag: 'DIM_COIL', size: 2 },
      { tag: 'DIM_DYN', size: 3 },
    ]);
    expect(Array.from(mrs.transientTimesS!)).toEqual([0, 2, 4]);
    expect(mrs.spectrometerFrequencyMHz).toBe(123.255089);
    expect(mrs.echoTimeS).toBe(0.03);
    expect(mrs.repetitionTimeS).toBe(2);
    const expected = fid(1, 2);
    const actual = Array.from(fidAt(mrs, 2 * 2 + 1));
    actual.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 6));
  });

  it('removes oversampling: 8 points at twice the dwell time', () => {
    const mrs = readSiemensTwix(file, 'vd.dat');
    expect(mrs.points).toBe(8);
    expect(mrs.dwellTimeS).toBeCloseTo(5e-4, 12);
  });

  it('measurementIndex selects another measurement; out of range is a one-line error', () => {
    expect(() => readSiemensTwix(file, 'vd.dat', { measurementIndex: 0 })).toThrow(/no imaging ADC data/);
    expect(inputErrorOf(() => readSiemensTwix(file, 'vd.dat', { measurementIndex: 5 })).message).toMatch(/measurement 5 requested, file holds 2/);
  });

  it('a measurement cut short is a one-line truncation error', () => {
    expect(inputErrorOf(() => readSiemensTwix(file.subarray(0, file.length - 300), 'cut.dat')).message).toMatch(/truncated/);
  });
});
