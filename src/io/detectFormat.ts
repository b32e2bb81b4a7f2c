import { isGzip } from './gzip.js';

export type MrsFileFormat =
  | 'nifti-mrs'
  | 'siemens-twix'
  | 'siemens-rda'
  | 'dicom'
  | 'philips-sdat'
  | 'ge-pfile'
  | 'lcmodel-raw'
  | 'jmrui-text'
  | 'text';

/**
 * Guess the format from magic bytes first (they cannot lie about NIfTI, DICOM, RDA), then the extension.
 * `head` is the start of the file (a few hundred bytes suffice). Returns null when nothing matches.
 */
export function detectFormat(fileName: string, head: Uint8Array): MrsFileFormat | null {
  const lower = fileName.toLowerCase();
  const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
  if (isGzip(head) || ext === 'nii' || hasNiftiSize(head)) return 'nifti-mrs';
  if (hasDicomMagic(head)) return 'dicom';
  const text = asciiStart(head, 96).trimStart();
  if (text.startsWith('>>> Begin of header <<<')) return 'siemens-rda';
  if (text.startsWith('jMRUI Data Textfile')) return 'jmrui-text';
  if (/^[$&](NMID|SEQPAR)/i.test(text)) return 'lcmodel-raw';
  switch (ext) {
    case 'dat':
      return 'siemens-twix';
    case 'rda':
      return 'siemens-rda';
    case 'ima':
    case 'dcm':
      return 'dicom';
    case 'sdat':
    case 'spar':
      return 'philips-sdat';
    case '7':
      return 'ge-pfile';
    case 'raw':
    case 'h2o':
      return 'lcmodel-raw';
    case 'txt':
    case 'csv':
      return 'text';
    default:
      return null;
  }
}

function hasNiftiSize(head: Uint8Array): boolean {
  if (head.length < 4) return false;
  const view = new DataView(head.buffer, head.byteOffset, 4);
  return [348, 540].includes(view.getInt32(0, true)) || [348, 540].includes(view.getInt32(0, false));
}

function hasDicomMagic(head: Uint8Array): boolean {
  return head.length >= 132 && asciiAt(head, 128, 4) === 'DICM';
}

function asciiStart(head: Uint8Array, length: number): string {
  return asciiAt(head, 0, Math.min(length, head.length));
}

function asciiAt(bytes: Uint8Array, offset: number, length: number): string {
  let out = '';
  for (let i = offset; i < offset + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
  return out;
}
