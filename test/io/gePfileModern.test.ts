import { describe, expect, it } from 'vitest';
import { readGePfile } from '../../src/io/gePfile.js';
import { geLayout } from '../../src/io/gePfileLayout.js';
import { fidAt } from '../../src/types/mrsData.js';
import { inputErrorOf } from './helpers.js';

/**
 * No modern (rev ≥ 14) P-file is available here, so this writes one by the published layout:
 * 2 receivers, 2 reference + 3 water-suppressed frames of 8 int32 points, a baseline frame per receiver.
 */
function modernPfile(revision: number): Uint8Array {
  const layout = geLayout(revision)!;
  const points = 8;
  const frames = 5;
  const dataOffset = layout.imageTr + 4096;
  const bytes = new Uint8Array(dataOffset + 2 * (frames + 1) * points * 8);
  const v = new DataView(bytes.buffer);
  v.setFloat32(0, revision, true);
  v.setInt16(layout.nslices, 1, true);
  v.setInt16(layout.nechoes, 1, true);
  v.setInt16(layout.navs, 4, true);
  v.setInt16(layout.nframes, frames, true);
  v.setUint16(layout.frameSize, points, true);
  v.setInt16(layout.pointSize, 4, true);
  v.setInt16(layout.dab + 2, 1, true); // receivers 0..1
  v.setFloat32(layout.spectralWidth, 5000, true);
  v.setUint32(layout.psMpsFreq, 1277312340, true); // 127.731234 MHz in 0.1 Hz
  v.setFloat32(layout.user0 + 4 * 19, 2, true);
  v.setInt32(layout.imageTr, 2000000, true);
  v.setInt32(layout.imageTr + 8, 35000, true);
  v.setInt32(layout.offData!, dataOffset, true);
  // sample value encodes receiver, frame and index: 1000·r + 100·f + i (real), −i (imaginary)
  for (let r = 0; r < 2; r++) {
    for (let f = 0; f < frames; f++) {
      for (let i = 0; i < points; i++) {
        const at = dataOffset + ((r * (frames + 1) + 1 + f) * points + i) * 8;
        v.setInt32(at, 1000 * r + 100 * f + i, true);
        v.setInt32(at + 4, -i, true);
      }
    }
  }
  return bytes;
}

describe.each([14, 20, 24, 26])('GE P-file revision %i (synthetic, published layout)', (revision) => {
  const file = modernPfile(revision);

  it('reads header values and orders receivers inside transients', () => {
    const mrs = readGePfile(file, 'P.7');
    expect(mrs.points).toBe(8);
    expect(mrs.dwellTimeS).toBeCloseTo(2e-4, 12);
    expect(mrs.spectrometerFrequencyMHz).toBeCloseTo(127.731234, 6);
    expect(mrs.echoTimeS).toBe(0.035);
    expect(mrs.repetitionTimeS).toBe(2);
    expect(mrs.dims).toEqual([
      { tag: 'DIM_COIL', size: 2 },
      { tag: 'DIM_DYN', size: 3 },
    ]);
    // transient 1, receiver 1 = stored frame 2 + 1 = 3 of receiver 1; conjugated on reading
    const fid = fidAt(mrs, 1 * 2 + 1);
    expect(fid[2 * 5]).toBe(1000 + 300 + 5);
    expect(fid[2 * 5 + 1]).toBe(5);
    expect(Array.from(mrs.transientTimesS!)).toEqual([0, 8, 16]);
  });

  it('water frames come first', () => {
    const mrs = readGePfile(file, 'P.7', { geFrames: 'water' });
    expect(mrs.dims).toEqual([
      { tag: 'DIM_COIL', size: 2 },
      { tag: 'DIM_DYN', size: 2 },
    ]);
    expect(fidAt(mrs, 0)[0]).toBe(0);
  });

  it('a truncated file is a one-line error', () => {
    expect(inputErrorOf(() => readGePfile(file.subarray(0, file.length - 8), 'cut.7')).message).toMatch(/does not match|truncated/);
  });
});

describe('unsupported GE revisions', () => {
  it('name the supported list', () => {
    const bytes = new Uint8Array(8192);
    new DataView(bytes.buffer).setFloat32(0, 12, true);
    expect(inputErrorOf(() => readGePfile(bytes, 'old.7')).message).toMatch(/revision 12 is not supported \(supported: 9, 14/);
  });
});
