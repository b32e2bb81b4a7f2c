/**
 * Siemens CSA header (the private "SV10" blob in DICOM 0029,xx10/xx20): named elements, each with a
 * list of string items. Only the CSA2 layout is parsed; the old CSA1 layout (no "SV10") differs only
 * in its prologue, so both are handled.
 */
export type CsaHeader = Map<string, string[]>;

export function parseCsaHeader(bytes: Uint8Array): CsaHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: CsaHeader = new Map();
  const isCsa2 = bytes.length >= 16 && String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) === 'SV10';
  let offset = isCsa2 ? 8 : 0;
  if (offset + 8 > bytes.length) return fields;
  const count = view.getUint32(offset, true);
  offset += 8;
  if (count > 1000) return fields;
  for (let n = 0; n < count; n++) {
    if (offset + 84 > bytes.length) break;
    const name = cString(bytes, offset, 64);
    const itemCount = view.getInt32(offset + 76, true);
    offset += 84;
    if (itemCount < 0 || itemCount > 1000) break;
    const items: string[] = [];
    for (let i = 0; i < itemCount; i++) {
      if (offset + 16 > bytes.length) return fields;
      const length = view.getInt32(offset, true);
      offset += 16;
      if (length < 0 || offset + length > bytes.length) return fields;
      items.push(cString(bytes, offset, length).trim());
      offset += Math.ceil(length / 4) * 4;
    }
    fields.set(name, items);
  }
  return fields;
}

/** First non-empty item of a CSA element as a number. */
export function csaNumber(header: CsaHeader, name: string): number | undefined {
  const text = header.get(name)?.find((item) => item !== '');
  const value = Number(text);
  return text !== undefined && Number.isFinite(value) ? value : undefined;
}

function cString(bytes: Uint8Array, offset: number, length: number): string {
  let out = '';
  for (let i = offset; i < offset + length && i < bytes.length && bytes[i] !== 0; i++) out += String.fromCharCode(bytes[i]);
  return out;
}
