import { InputFileError } from '../util/errors.js';

/** The fields of a NIfTI-1 or NIfTI-2 header that MRS needs, with numbers already in native form. */
export interface NiftiHeader {
  version: 1 | 2;
  littleEndian: boolean;
  headerBytes: 348 | 540;
  /** dim[0..7]: dim[0] is the number of dims in use. */
  dim: number[];
  datatype: number;
  bitpix: number;
  /** pixdim[0..7]; pixdim[4] is the dwell time for NIfTI-MRS. */
  pixdim: number[];
  voxOffset: number;
  sclSlope: number;
  xyztUnits: number;
  intentName: string;
  extensions: NiftiExtension[];
}

export interface NiftiExtension {
  code: number;
  content: Uint8Array;
}

export const NIFTI_COMPLEX64 = 32;
export const NIFTI_COMPLEX128 = 1792;

/** Parse the header and extensions; throws InputFileError for anything that is not a sane NIfTI header. */
export function parseNiftiHeader(bytes: Uint8Array, name: string): NiftiHeader {
  if (bytes.length < 348) throw new InputFileError(name, `too short for a NIfTI header (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sizeLe = view.getInt32(0, true);
  const sizeBe = view.getInt32(0, false);
  const headerBytes = sizeLe === 348 || sizeLe === 540 ? sizeLe : sizeBe === 348 || sizeBe === 540 ? sizeBe : 0;
  if (headerBytes === 0) throw new InputFileError(name, 'not a NIfTI file (sizeof_hdr is neither 348 nor 540)');
  const littleEndian = headerBytes === sizeLe;
  if (bytes.length < headerBytes) throw new InputFileError(name, `truncated NIfTI-2 header (${bytes.length} bytes)`);
  const header = headerBytes === 348 ? parseVersion1(view, littleEndian) : parseVersion2(view, littleEndian);
  checkMagic(bytes, header.version, name);
  const ndim = header.dim[0];
  if (!(ndim >= 1 && ndim <= 7)) throw new InputFileError(name, `invalid NIfTI dim[0] = ${ndim}`);
  for (let i = 1; i <= ndim; i++) {
    if (!Number.isSafeInteger(header.dim[i]) || header.dim[i] < 1) {
      throw new InputFileError(name, `invalid NIfTI dim[${i}] = ${header.dim[i]}`);
    }
  }
  if (!Number.isSafeInteger(header.voxOffset) || header.voxOffset < headerBytes || header.voxOffset > bytes.length) {
    throw new InputFileError(name, `vox_offset ${header.voxOffset} lies outside the file (${bytes.length} bytes)`);
  }
  return { ...header, extensions: parseExtensions(bytes, view, headerBytes, header.voxOffset, littleEndian, name) };
}

type BareHeader = Omit<NiftiHeader, 'extensions'>;

function parseVersion1(view: DataView, le: boolean): BareHeader {
  return {
    version: 1,
    littleEndian: le,
    headerBytes: 348,
    dim: Array.from({ length: 8 }, (_, i) => view.getInt16(40 + 2 * i, le)),
    datatype: view.getInt16(70, le),
    bitpix: view.getInt16(72, le),
    pixdim: Array.from({ length: 8 }, (_, i) => view.getFloat32(76 + 4 * i, le)),
    voxOffset: Math.round(view.getFloat32(108, le)),
    sclSlope: view.getFloat32(112, le),
    xyztUnits: view.getUint8(123),
    intentName: readCString(view, 328, 16),
  };
}

function parseVersion2(view: DataView, le: boolean): BareHeader {
  return {
    version: 2,
    littleEndian: le,
    headerBytes: 540,
    dim: Array.from({ length: 8 }, (_, i) => Number(view.getBigInt64(16 + 8 * i, le))),
    datatype: view.getInt16(12, le),
    bitpix: view.getInt16(14, le),
    pixdim: Array.from({ length: 8 }, (_, i) => view.getFloat64(104 + 8 * i, le)),
    voxOffset: Number(view.getBigInt64(168, le)),
    sclSlope: view.getFloat64(176, le),
    xyztUnits: view.getInt32(500, le),
    intentName: readCString(view, 508, 16),
  };
}

function checkMagic(bytes: Uint8Array, version: 1 | 2, name: string): void {
  const at = version === 1 ? 344 : 4;
  const magic = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2]);
  const expected = version === 1 ? ['n+1', 'ni1'] : ['n+2', 'ni2'];
  if (!expected.includes(magic)) throw new InputFileError(name, `bad NIfTI-${version} magic "${printable(magic)}"`);
  if (magic.startsWith('ni')) throw new InputFileError(name, 'separate .hdr/.img NIfTI pairs are not supported; use a single .nii');
}

/** Extensions sit between the header (after a 4-byte flag) and vox_offset: esize, ecode, then esize − 8 bytes. */
function parseExtensions(
  bytes: Uint8Array,
  view: DataView,
  headerBytes: number,
  voxOffset: number,
  le: boolean,
  name: string,
): NiftiExtension[] {
  const extensions: NiftiExtension[] = [];
  if (voxOffset < headerBytes + 4 || bytes[headerBytes] === 0) return extensions;
  let offset = headerBytes + 4;
  while (offset + 8 <= voxOffset) {
    const size = view.getInt32(offset, le);
    const code = view.getInt32(offset + 4, le);
    if (size < 8 || offset + size > voxOffset) {
      throw new InputFileError(name, `header extension at byte ${offset} has invalid size ${size}`);
    }
    extensions.push({ code, content: bytes.subarray(offset + 8, offset + size) });
    offset += size;
  }
  return extensions;
}

function readCString(view: DataView, offset: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const c = view.getUint8(offset + i);
    if (c === 0) break;
    out += String.fromCharCode(c);
  }
  return out;
}

function printable(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}
