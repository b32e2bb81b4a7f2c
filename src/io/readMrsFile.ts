import { readFileSync, statSync } from 'node:fs';
import type { MrsData } from '../types/mrsData.js';
import { GlutraceError, InputFileError } from '../util/errors.js';
import { findCompanion } from './companionFile.js';
import { detectFormat, type MrsFileFormat } from './detectFormat.js';
import { readDicomMrs } from './dicomMrs.js';
import { readGePfile, type GePfileOptions } from './gePfile.js';
import { isGzip } from './gzip.js';
import { readJmruiText } from './jmruiText.js';
import { readLcmodelRaw } from './lcmodelRaw.js';
import { readNiftiMrs } from './niftiMrsRead.js';
import { niftiSidecar } from './niftiSidecar.js';
import { readPhilipsSdat } from './philipsSdat.js';
import { readPlainText, type PlainTextOptions } from './plainText.js';
import { readSiemensRda } from './siemensRda.js';
import { readSiemensTwix, type TwixOptions } from './siemensTwix.js';

export interface ReadMrsFileOptions extends PlainTextOptions, TwixOptions, GePfileOptions {
  /** Force a format instead of detecting it. */
  format?: MrsFileFormat;
}

/** Files beyond this size are refused before reading (the largest MRS exports are a few hundred MB). */
const MAX_FILE_BYTES = 2 ** 31 - 1;

/**
 * Read any supported MRS file into MrsData, in the one in-memory sign convention (each reader applies
 * its format's rule). Every failure, from a missing file to a corrupt header, becomes a one-line
 * InputFileError naming the file. Options supply values a format lacks (e.g. dwell time for text).
 */
export function readMrsFile(path: string, options: ReadMrsFileOptions = {}): MrsData {
  try {
    const bytes = readBytes(path);
    assertPlausibleBytes(path, bytes);
    const format = options.format ?? detectFormat(path, bytes.subarray(0, 512));
    if (!format) throw new InputFileError(path, 'unrecognised file format (extension and contents match no MRS format)');
    return withSuppliedTiming(readAs(format, path, bytes, options), options);
  } catch (err) {
    throw asInputFileError(path, err);
  }
}

/** Problems the extension and size reveal before any format is guessed, said plainly. */
function assertPlausibleBytes(path: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new InputFileError(path, 'empty file (0 bytes)');
  if (/\.gz$/i.test(path) && !isGzip(bytes)) {
    const kind = /\.nii\.gz$/i.test(path) ? '.nii.gz' : '.gz file';
    throw new InputFileError(path, `not gzip data (a ${kind} must be gzip-compressed)`);
  }
}

/** TE and TR the user supplied fill in where the format has none (values in the file win). */
function withSuppliedTiming(mrs: MrsData, options: ReadMrsFileOptions): MrsData {
  return {
    ...mrs,
    echoTimeS: mrs.echoTimeS ?? options.echoTimeS ?? null,
    repetitionTimeS: mrs.repetitionTimeS ?? options.repetitionTimeS ?? null,
  };
}

function readAs(format: MrsFileFormat, path: string, bytes: Uint8Array, options: ReadMrsFileOptions): MrsData {
  switch (format) {
    case 'nifti-mrs':
      // explicit options win over a sidecar, and values inside the file win over both
      return readNiftiMrs(bytes, path, { ...niftiSidecar(path), ...options });
    case 'siemens-rda':
      return readSiemensRda(bytes, path);
    case 'siemens-twix':
      return readSiemensTwix(bytes, path, options);
    case 'ge-pfile':
      return readGePfile(bytes, path, options);
    case 'dicom':
      return readDicomMrs(bytes, path);
    case 'philips-sdat':
      return readSdatPair(path, bytes);
    case 'lcmodel-raw':
      return readLcmodelRaw(bytes, path, options);
    case 'jmrui-text':
      return readJmruiText(bytes, path);
    case 'text':
      return readPlainText(bytes, path, options);
  }
}

/** SDAT and SPAR travel in pairs: whichever one is named, find the other next to it. */
function readSdatPair(path: string, bytes: Uint8Array): MrsData {
  const isSpar = path.toLowerCase().endsWith('.spar');
  const other = findCompanion(path, isSpar ? 'SDAT' : 'SPAR');
  if (!other) throw new InputFileError(path, `no matching ${isSpar ? 'SDAT' : 'SPAR'} file next to it`);
  const sdatPath = isSpar ? other : path;
  return isSpar
    ? readPhilipsSdat(readBytes(other), bytes, sdatPath)
    : readPhilipsSdat(bytes, readBytes(other), sdatPath);
}

export function readBytes(path: string): Uint8Array {
  const stat = statSync(path);
  if (stat.isDirectory()) throw new InputFileError(path, 'is a directory, expected a file');
  if (stat.size > MAX_FILE_BYTES) throw new InputFileError(path, `file too large (${stat.size} bytes)`);
  const buffer = readFileSync(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Keep our own one-line errors; turn anything else (ENOENT, RangeError …) into one. */
export function asInputFileError(path: string, err: unknown): GlutraceError {
  if (err instanceof GlutraceError) return err;
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new InputFileError(path, 'file not found');
  if (code === 'EACCES') return new InputFileError(path, 'permission denied');
  const message = err instanceof Error ? err.message : String(err);
  return new InputFileError(path, `cannot read: ${message.split('\n')[0]}`);
}
