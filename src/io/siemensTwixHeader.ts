/**
 * The text part of a Siemens TWIX measurement header: u32 total length, u32 buffer count, then
 * buffers of (NUL-terminated name, u32 length, text). Values we need live in the ASCCONV protocol
 * ("MeasYaps"), as `key = value` lines.
 */
export interface TwixProtocol {
  /** ASCCONV `key = value` pairs, values with quotes removed. */
  values: Map<string, string>;
}

export function parseTwixHeader(bytes: Uint8Array, start: number, end: number): TwixProtocol {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Map<string, string>();
  if (start + 8 > end) return { values };
  const count = view.getUint32(start + 4, true);
  let offset = start + 8;
  for (let n = 0; n < count && n < 64 && offset < end; n++) {
    let nameEnd = offset;
    while (nameEnd < end && bytes[nameEnd] !== 0 && nameEnd - offset < 64) nameEnd++;
    const name = new TextDecoder('latin1').decode(bytes.subarray(offset, nameEnd));
    if (nameEnd + 5 > end) break;
    const length = view.getUint32(nameEnd + 1, true);
    const textStart = nameEnd + 5;
    if (textStart + length > end) break;
    if (name === 'MeasYaps') parseAscconv(new TextDecoder('latin1').decode(bytes.subarray(textStart, textStart + length)), values);
    offset = textStart + length;
  }
  return { values };
}

function parseAscconv(text: string, into: Map<string, string>): void {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][\w.[\]]*)\s*=\s*(.*?)\s*(?:#.*)?$/.exec(line);
    if (match && !into.has(match[1])) into.set(match[1], match[2].replace(/^"+|"+$/g, ''));
  }
}

export function protocolNumber(protocol: TwixProtocol, key: string): number | undefined {
  const text = protocol.values.get(key);
  if (text === undefined) return undefined;
  const value = text.startsWith('0x') ? parseInt(text, 16) : Number(text);
  return Number.isFinite(value) ? value : undefined;
}
