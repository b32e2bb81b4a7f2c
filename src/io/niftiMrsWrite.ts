import type { MrsData } from '../types/mrsData.js';
import { gzipDeterministic } from './gzip.js';
import { NIFTI_COMPLEX64 } from './niftiHeader.js';
import { describedValue, NIFTI_MRS_ECODE, TRANSIENT_TIME_KEY, UNLOCALISED_MM } from './niftiMrsHeader.js';

export interface WriteNiftiMrsOptions {
  gzip?: boolean;
  /** Extra keys for the JSON header extension (e.g. Manufacturer); they cannot override the required keys. */
  extraHeader?: Record<string, unknown>;
}

/** The NIfTI-MRS version this writer follows (written as intent_name mrs_v0_9). */
export const NIFTI_MRS_INTENT = 'mrs_v0_9';

const HEADER_BYTES = 540;
/** NIFTI_UNITS_MM | NIFTI_UNITS_SEC. */
const XYZT_MM_SEC = 2 | 8;

/**
 * Serialise as single-voxel NIfTI-MRS: NIfTI-2, little-endian, complex64, JSON extension (ecode 44),
 * pixdim[4] = dwell time, samples conjugated to the on-disk convention that spec2nii/FSL-MRS use.
 * The bytes depend only on the input (no timestamps).
 */
export function writeNiftiMrs(mrs: MrsData, options: WriteNiftiMrsOptions = {}): Uint8Array {
  if (mrs.dims.length > 3) throw new RangeError(`NIfTI-MRS holds at most 3 dims beyond the spectral one, got ${mrs.dims.length}`);
  const badTag = mrs.dims.find((d) => !d.tag.startsWith('DIM_'));
  if (badTag) throw new RangeError(`dim tag "${badTag.tag}" is not a NIfTI-MRS DIM_* tag`);
  const complexCount = mrs.data.length / 2;
  const expected = mrs.points * mrs.dims.reduce((n, d) => n * d.size, 1);
  if (complexCount !== expected) throw new RangeError(`data holds ${complexCount} complex values, dims imply ${expected}`);

  const extension = encodeExtension(headerJson(mrs, options.extraHeader ?? {}));
  const voxOffset = HEADER_BYTES + 4 + extension.length;
  const out = new Uint8Array(voxOffset + complexCount * 8);
  const view = new DataView(out.buffer);
  writeHeader(view, mrs, voxOffset);
  out[HEADER_BYTES] = 1; // extension flag
  out.set(extension, HEADER_BYTES + 4);
  // Conjugate back to the on-disk NIfTI-MRS convention (see readNiftiMrs).
  for (let i = 0; i < mrs.data.length; i += 2) {
    view.setFloat32(voxOffset + 4 * i, mrs.data[i], true);
    view.setFloat32(voxOffset + 4 * i + 4, -mrs.data[i + 1], true);
  }
  return options.gzip ? gzipDeterministic(out) : out;
}

function writeHeader(view: DataView, mrs: MrsData, voxOffset: number): void {
  const le = true;
  view.setInt32(0, HEADER_BYTES, le);
  [0x6e, 0x2b, 0x32, 0x00, 0x0d, 0x0a, 0x1a, 0x0a].forEach((b, i) => view.setUint8(4 + i, b)); // "n+2\0\r\n\032\n"
  view.setInt16(12, NIFTI_COMPLEX64, le);
  view.setInt16(14, 64, le);
  const dim = [4 + mrs.dims.length, 1, 1, 1, mrs.points, ...mrs.dims.map((d) => d.size)];
  for (let i = 0; i < 8; i++) view.setBigInt64(16 + 8 * i, BigInt(dim[i] ?? 1), le);
  const [vx, vy, vz] = mrs.voxelSizeMm ?? [UNLOCALISED_MM, UNLOCALISED_MM, UNLOCALISED_MM];
  const pixdim = [1, vx, vy, vz, mrs.dwellTimeS, 1, 1, 1];
  for (let i = 0; i < 8; i++) view.setFloat64(104 + 8 * i, pixdim[i], le);
  view.setBigInt64(168, BigInt(voxOffset), le);
  view.setFloat64(176, 1, le); // scl_slope
  // qform_code and sform_code stay 0: MrsData carries no position, and NIfTI-MRS allows pixdim-only files.
  view.setInt32(500, XYZT_MM_SEC, le);
  for (let i = 0; i < NIFTI_MRS_INTENT.length; i++) view.setUint8(508 + i, NIFTI_MRS_INTENT.charCodeAt(i));
}

function headerJson(mrs: MrsData, extra: Record<string, unknown>): Record<string, unknown> {
  const json: Record<string, unknown> = {
    ...extra,
    SpectrometerFrequency: [mrs.spectrometerFrequencyMHz],
    ResonantNucleus: [mrs.nucleus],
  };
  mrs.dims.forEach((dim, i) => {
    json[`dim_${i + 5}`] = dim.tag;
    const header: Record<string, unknown> = { ...(dim.header ?? {}) };
    if (dim.tag === 'DIM_DYN' && mrs.transientTimesS && mrs.transientTimesS.length === dim.size) {
      header[TRANSIENT_TIME_KEY] = describedValue(Array.from(mrs.transientTimesS), 'Acquisition time of each transient from the scan start, s');
    }
    if (Object.keys(header).length > 0) json[`dim_${i + 5}_header`] = header;
  });
  if (mrs.echoTimeS !== null) json.EchoTime = mrs.echoTimeS;
  if (mrs.repetitionTimeS !== null) json.RepetitionTime = mrs.repetitionTimeS;
  if (mrs.fieldStrengthT !== undefined) json.MagneticFieldStrength = describedValue(mrs.fieldStrengthT, 'Static magnetic field strength, T');
  if (mrs.sequenceName !== undefined) json.SequenceName = mrs.sequenceName;
  if (mrs.provenance.processingApplied.length > 0) {
    json.ProcessingApplied = mrs.provenance.processingApplied.map((step) => ({
      Method: step.method,
      Details: step.details,
      ...(step.program !== undefined ? { Program: step.program } : {}),
    }));
  }
  return json;
}

/** esize (multiple of 16), ecode 44, then the JSON padded with NULs. */
function encodeExtension(json: Record<string, unknown>): Uint8Array {
  const text = new TextEncoder().encode(jsonWithFloats(json));
  const size = Math.ceil((text.length + 8) / 16) * 16;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setInt32(0, size, true);
  view.setInt32(4, NIFTI_MRS_ECODE, true);
  out.set(text, 8);
  return out;
}

/**
 * JSON.stringify, except that every finite number carries a decimal point or an exponent ("2.0", not "2").
 * NIfTI-MRS types SpectrometerFrequency, EchoTime, RepetitionTime … as floats, and the reference validator
 * (nifti_mrs, run by FSL-MRS and spec2nii when they open a file) rejects a JSON integer there.
 */
function jsonWithFloats(value: unknown): string {
  if (typeof value === 'number') {
    const text = JSON.stringify(value); // "null" for NaN and ±Infinity, as JSON.stringify writes them
    return /^-?\d+$/.test(text) ? `${text}.0` : text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : jsonWithFloats(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${members.map(([key, item]) => `${JSON.stringify(key)}:${jsonWithFloats(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
