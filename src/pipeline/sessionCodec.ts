/**
 * JSON that round-trips everything a session outcome holds, bit for bit: typed arrays as base64 of their
 * bytes, and NaN, ±Infinity and −0 (which plain JSON loses) as tagged strings.
 */
type TypedArrayName = 'Float64Array' | 'Float32Array' | 'Uint8Array' | 'Int32Array';
const TYPED_ARRAYS = { Float64Array, Float32Array, Uint8Array, Int32Array } as const;

interface TaggedArray {
  $typed: TypedArrayName;
  base64: string;
}
interface TaggedNumber {
  $number: 'NaN' | 'Infinity' | '-Infinity' | '-0';
}

function typedName(value: unknown): TypedArrayName | null {
  for (const name of Object.keys(TYPED_ARRAYS) as TypedArrayName[]) if (value instanceof TYPED_ARRAYS[name]) return name;
  return null;
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return { $number: 'NaN' } satisfies TaggedNumber;
    if (value === Infinity) return { $number: 'Infinity' } satisfies TaggedNumber;
    if (value === -Infinity) return { $number: '-Infinity' } satisfies TaggedNumber;
    if (Object.is(value, -0)) return { $number: '-0' } satisfies TaggedNumber;
    return value;
  }
  const name = typedName(value);
  if (name) {
    const view = value as ArrayBufferView;
    return { $typed: name, base64: Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64') } satisfies TaggedArray;
  }
  if (ArrayBuffer.isView(value)) throw new TypeError(`cannot store a ${value.constructor.name}`);
  return value;
}

const NUMBERS: Record<TaggedNumber['$number'], number> = { NaN: Number.NaN, Infinity, '-Infinity': -Infinity, '-0': -0 };

function reviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if ('$number' in value && typeof value.$number === 'string' && value.$number in NUMBERS) return NUMBERS[value.$number as TaggedNumber['$number']];
  if ('$typed' in value && 'base64' in value && typeof value.base64 === 'string' && typeof value.$typed === 'string' && value.$typed in TYPED_ARRAYS) {
    const bytes = new Uint8Array(Buffer.from(value.base64, 'base64')); // a fresh, aligned buffer
    const Type = TYPED_ARRAYS[value.$typed as TypedArrayName];
    if (bytes.byteLength % Type.BYTES_PER_ELEMENT !== 0) throw new SyntaxError(`${value.$typed} of ${bytes.byteLength} bytes`);
    return new Type(bytes.buffer);
  }
  return value;
}

export function encodeExact(value: unknown): string {
  return JSON.stringify(value, replacer);
}

export function decodeExact(text: string): unknown {
  return JSON.parse(text, reviver);
}
