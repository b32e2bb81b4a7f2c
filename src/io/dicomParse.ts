/**
 * A small DICOM Part 10 parser: enough for MR spectroscopy objects (explicit and implicit VR little
 * endian, explicit big endian, nested sequences with defined or undefined lengths). Values stay as
 * byte views; accessors decode them on demand. Every length is checked against the bytes present.
 */

export interface DicomElement {
  tag: number;
  vr: string;
  value: Uint8Array;
  littleEndian: boolean;
  items?: DicomDataset[];
}

export type DicomDataset = Map<number, DicomElement>;

export class DicomFormatError extends Error {}

const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);
const UNDEFINED = 0xffffffff;
const ITEM = 0xfffee000;
const ITEM_END = 0xfffee00d;
const SEQUENCE_END = 0xfffee0dd;
const MAX_DEPTH = 32;

export const tag = (group: number, element: number): number => ((group << 16) | element) >>> 0;

export function hasDicomPreamble(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** Parse a whole Part 10 file (128-byte preamble, "DICM", meta group, then the dataset). */
export function parseDicom(bytes: Uint8Array): DicomDataset {
  if (!hasDicomPreamble(bytes)) throw new DicomFormatError('no DICOM preamble ("DICM" at byte 128)');
  const meta = new Reader(bytes, 132, true, true);
  const dataset: DicomDataset = new Map();
  while (meta.offset + 2 <= bytes.length && meta.peekGroup() === 0x0002) {
    const element = meta.readElement(0);
    dataset.set(element.tag, element);
  }
  const syntax = dicomString(dataset, tag(0x0002, 0x0010)) ?? '1.2.840.10008.1.2.1';
  const { explicit, littleEndian } = transferSyntax(syntax);
  const body = new Reader(bytes, meta.offset, explicit, littleEndian);
  for (const [t, element] of body.readDataset(bytes.length, 0)) dataset.set(t, element);
  return dataset;
}

function transferSyntax(uid: string): { explicit: boolean; littleEndian: boolean } {
  switch (uid) {
    case '1.2.840.10008.1.2':
      return { explicit: false, littleEndian: true };
    case '1.2.840.10008.1.2.2':
      return { explicit: true, littleEndian: false };
    case '1.2.840.10008.1.2.1.99':
      throw new DicomFormatError('deflated transfer syntax is not supported');
    default:
      return { explicit: true, littleEndian: true };
  }
}

class Reader {
  private readonly view: DataView;
  constructor(
    private readonly bytes: Uint8Array,
    public offset: number,
    private readonly explicit: boolean,
    private readonly littleEndian: boolean,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  peekGroup(): number {
    return this.view.getUint16(this.offset, true);
  }

  readDataset(end: number, depth: number): DicomDataset {
    const dataset: DicomDataset = new Map();
    while (this.offset < end) {
      if (this.offset + 8 > this.bytes.length) throw new DicomFormatError(`truncated element at byte ${this.offset}`);
      const element = this.readElement(depth);
      if (element.tag === ITEM_END) break;
      dataset.set(element.tag, element);
    }
    return dataset;
  }

  readElement(depth: number): DicomElement {
    if (depth > MAX_DEPTH) throw new DicomFormatError('sequences nested too deeply');
    this.need(8);
    const le = this.littleEndian;
    const t = tag(this.view.getUint16(this.offset, le), this.view.getUint16(this.offset + 2, le));
    this.offset += 4;
    if (t === ITEM_END || t === SEQUENCE_END) {
      this.offset += 4;
      return { tag: t, vr: '', value: new Uint8Array(0), littleEndian: le };
    }
    let vr = 'UN';
    let length: number;
    const isDelimiter = t >>> 16 === 0xfffe;
    if (this.explicit && !isDelimiter) {
      vr = String.fromCharCode(this.bytes[this.offset], this.bytes[this.offset + 1]);
      if (LONG_VRS.has(vr)) {
        this.need(8);
        length = this.view.getUint32(this.offset + 4, le);
        this.offset += 8;
      } else {
        length = this.view.getUint16(this.offset + 2, le);
        this.offset += 4;
      }
    } else {
      length = this.view.getUint32(this.offset, le);
      this.offset += 4;
    }
    if (vr === 'SQ' || length === UNDEFINED) {
      return { tag: t, vr: 'SQ', value: new Uint8Array(0), littleEndian: le, items: this.readItems(length, depth + 1) };
    }
    this.need(length);
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return { tag: t, vr, value, littleEndian: le };
  }

  private readItems(length: number, depth: number): DicomDataset[] {
    const end = length === UNDEFINED ? this.bytes.length : this.offset + length;
    if (end > this.bytes.length) throw new DicomFormatError(`sequence at byte ${this.offset} runs past the end of the file`);
    const items: DicomDataset[] = [];
    while (this.offset < end) {
      this.need(8);
      const le = this.littleEndian;
      const t = tag(this.view.getUint16(this.offset, le), this.view.getUint16(this.offset + 2, le));
      const itemLength = this.view.getUint32(this.offset + 4, le);
      this.offset += 8;
      if (t === SEQUENCE_END) break;
      if (t !== ITEM) throw new DicomFormatError(`expected a sequence item at byte ${this.offset - 8}`);
      if (itemLength !== UNDEFINED) this.need(itemLength);
      const itemEnd = itemLength === UNDEFINED ? this.bytes.length : this.offset + itemLength;
      items.push(this.readDataset(itemEnd, depth));
    }
    return items;
  }

  private need(length: number): void {
    if (this.offset + length > this.bytes.length) {
      throw new DicomFormatError(`element at byte ${this.offset} needs ${length} bytes, only ${this.bytes.length - this.offset} remain`);
    }
  }
}

/** First element with this tag, searching the top level and then nested sequences depth-first. */
export function findElement(dataset: DicomDataset, t: number): DicomElement | undefined {
  const direct = dataset.get(t);
  if (direct) return direct;
  for (const element of dataset.values()) {
    for (const item of element.items ?? []) {
      const found = findElement(item, t);
      if (found) return found;
    }
  }
  return undefined;
}

export function dicomString(dataset: DicomDataset, t: number): string | undefined {
  const element = findElement(dataset, t);
  if (!element) return undefined;
  return new TextDecoder('latin1').decode(element.value).replace(/[\0\s]+$/, '').trim();
}

const BINARY_SIZES: Record<string, number> = { FD: 8, FL: 4, UL: 4, US: 2 };

/** A number stored as text (DS, IS) or, when `binary` says so, as FD/FL/UL/US. */
export function dicomNumber(dataset: DicomDataset, t: number, binary?: 'FD' | 'FL' | 'UL' | 'US'): number | undefined {
  const element = findElement(dataset, t);
  if (!element) return undefined;
  const kind = (BINARY_SIZES[element.vr] ? element.vr : element.vr === 'UN' ? binary : undefined) as keyof typeof BINARY_SIZES | undefined;
  if (kind) {
    const size = BINARY_SIZES[kind];
    if (element.value.length < size) return undefined;
    const view = new DataView(element.value.buffer, element.value.byteOffset, element.value.byteLength);
    const le = element.littleEndian;
    return kind === 'FD' ? view.getFloat64(0, le) : kind === 'FL' ? view.getFloat32(0, le) : kind === 'UL' ? view.getUint32(0, le) : view.getUint16(0, le);
  }
  const text = dicomString(dataset, t)?.split('\\')[0];
  const value = Number(text);
  return text !== undefined && text !== '' && Number.isFinite(value) ? value : undefined;
}
