/** Conversions between the two shapes a set of transients arrives in: an array of FIDs or one flat array. */
import { DataError } from '../util/errors.js';

export type TransientSet = readonly Float64Array[] | Float64Array;

/** Views (no copies) of each transient; a flat input is n·2·points long. */
export function splitTransients(fids: TransientSet, points: number): Float64Array[] {
  const length = 2 * points;
  if (fids instanceof Float64Array) {
    if (fids.length % length !== 0) {
      throw new DataError(`transient data of ${fids.length} values is not a whole number of ${points}-point FIDs`);
    }
    const out: Float64Array[] = [];
    for (let offset = 0; offset < fids.length; offset += length) out.push(fids.subarray(offset, offset + length));
    return out;
  }
  for (const [i, fid] of fids.entries()) {
    if (fid.length !== length) throw new DataError(`transient ${i} has ${fid.length / 2} points, expected ${points}`);
  }
  return [...fids];
}

/** One flat array n·2·points long holding the transients in order. */
export function concatTransients(fids: readonly Float64Array[]): Float64Array {
  const length = fids.length === 0 ? 0 : fids[0].length;
  const out = new Float64Array(fids.length * length);
  fids.forEach((fid, i) => out.set(fid, i * length));
  return out;
}

/** Throws a DataError naming the first transient holding NaN or Infinity. */
export function assertFinite(fids: readonly Float64Array[]): void {
  for (const [i, fid] of fids.entries()) {
    for (let k = 0; k < fid.length; k++) {
      if (!Number.isFinite(fid[k])) throw new DataError(`transient ${i} holds a non-finite value at point ${k >> 1}`);
    }
  }
}
