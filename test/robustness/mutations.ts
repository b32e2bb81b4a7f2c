import fc from 'fast-check';

/** One edit of a file's bytes; offsets are fractions of the length so one arbitrary fits every file. */
export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'field'; at: number; value: number; width: 2 | 4 | 8; float: boolean; littleEndian: boolean }
  | { kind: 'number'; index: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'delete'; at: number; length: number };

/** Most headers live in the first few kilobytes: half of all edits land there. */
const HEADER_BYTES = 4096;
const position = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }).map((f) => ({ f, header: false })), fc.nat(HEADER_BYTES - 1).map((n) => ({ f: n, header: true })));
const at = position.map((p) => (p.header ? -1 - p.f : p.f));

/** Values a corrupt or hostile header might hold for a size, count or scale. */
const extremeNumbers = [0, -1, 1, 2, 3, 255, 65535, 2 ** 31 - 1, -(2 ** 31), 2 ** 32 - 1, 1e9, 1e12, 1e300, -1e300, Number.NaN, Infinity, -Infinity, 1e-300];
const extremeTexts = ['0', '-1', '1e308', '-1e308', 'NaN', 'Infinity', '99999999999', '1e12', '2147483648', '', '-0', '0.0000001', '1,5', 'x'];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at, bit: fc.nat(7) }),
  fc.record({ kind: fc.constant('set' as const), at, value: fc.nat(255) }),
  fc.record({
    kind: fc.constant('field' as const),
    at,
    value: fc.constantFrom(...extremeNumbers),
    width: fc.constantFrom(2 as const, 4 as const, 8 as const),
    float: fc.boolean(),
    littleEndian: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('number' as const), index: fc.nat(200), text: fc.constantFrom(...extremeTexts) }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('duplicate' as const), at, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 512 }) }),
);

export const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

function offsetIn(length: number, at: number): number {
  if (length === 0) return 0;
  const offset = at < 0 ? -1 - at : Math.floor(at * length);
  return Math.min(length - 1, offset);
}

function writeNumber(bytes: Uint8Array, offset: number, m: Extract<Mutation, { kind: 'field' }>): void {
  if (offset + m.width > bytes.length) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, m.width);
  if (m.float && m.width === 8) view.setFloat64(0, m.value, m.littleEndian);
  else if (m.float && m.width === 4) view.setFloat32(0, m.value, m.littleEndian);
  else if (m.width === 8) view.setBigInt64(0, BigInt.asIntN(64, BigInt(Number.isFinite(m.value) ? Math.trunc(Math.max(-1e18, Math.min(1e18, m.value))) : 0)), m.littleEndian);
  else if (m.width === 4) view.setInt32(0, Number.isFinite(m.value) ? m.value | 0 : 0, m.littleEndian);
  else view.setInt16(0, Number.isFinite(m.value) ? m.value & 0xffff : 0, m.littleEndian);
}

/** Replaces the index-th number in the text part of the file (wrapping), for text headers such as RDA or SPAR. */
function replaceNumber(bytes: Uint8Array, index: number, text: string): Uint8Array {
  const latin1 = Buffer.from(bytes).toString('latin1');
  const numbers = [...latin1.slice(0, 64 * 1024).matchAll(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g)];
  if (numbers.length === 0) return bytes;
  const hit = numbers[index % numbers.length];
  const start = hit.index ?? 0;
  return new Uint8Array(Buffer.from(latin1.slice(0, start) + text + latin1.slice(start + hit[0].length), 'latin1'));
}

/** Applies the edits in order to a copy of `original`. */
export function mutate(original: Uint8Array, edits: Mutation[]): Uint8Array {
  let bytes: Uint8Array = Uint8Array.from(original);
  for (const m of edits) {
    const offset = offsetIn(bytes.length, 'at' in m ? m.at : 0);
    switch (m.kind) {
      case 'flip':
        if (bytes.length) bytes[offset] ^= 1 << m.bit;
        break;
      case 'set':
        if (bytes.length) bytes[offset] = m.value;
        break;
      case 'field':
        writeNumber(bytes, offset, m);
        break;
      case 'number':
        bytes = replaceNumber(bytes, m.index, m.text);
        break;
      case 'truncate':
        bytes = bytes.slice(0, offset);
        break;
      case 'duplicate': {
        const piece = bytes.slice(offset, offset + m.length);
        const grown = new Uint8Array(bytes.length + piece.length);
        grown.set(bytes.subarray(0, offset + piece.length));
        grown.set(bytes.subarray(offset), offset + piece.length);
        bytes = grown;
        break;
      }
      case 'delete': {
        const removed = Math.min(m.length, bytes.length - offset);
        const shrunk = new Uint8Array(bytes.length - removed);
        shrunk.set(bytes.subarray(0, offset));
        shrunk.set(bytes.subarray(offset + removed), offset);
        bytes = shrunk;
        break;
      }
    }
  }
  return bytes;
}
