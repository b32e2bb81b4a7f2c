/**
 * An independent, strict NIfTI-MRS conformance check for tests: parses the NIfTI-2 header bytes and the JSON
 * header extension itself (no glutrace reader code), following the NIfTI-MRS specification (intent_name
 * mrs_vM_m, complex data, pixdim[4] = dwell time, ecode 44 JSON with SpectrometerFrequency/ResonantNucleus
 * arrays, dim_5..7 tags, dim_N_header rules, user-defined keys as objects with a Description) and the typing
 * the reference validator (nifti_mrs, used by FSL-MRS and spec2nii) enforces: standard float keys are floats.
 */
import { gunzipSync } from 'node:zlib';

export interface NiftiMrsParsed {
  dim: number[];
  pixdim: number[];
  datatype: number;
  intentName: string;
  xyztUnits: number;
  qformCode: number;
  sformCode: number;
  voxOffset: number;
  jsonText: string;
  json: Record<string, unknown>;
  /** The stored complex samples as (re, im) float32 pairs, exactly as on disk (no conjugation). */
  samples: Float32Array;
  /** Bytes before vox_offset: header plus extensions. */
  headerBytes: Uint8Array;
}

export interface Conformance {
  parsed: NiftiMrsParsed | null;
  /** Deviations from the standard, one line each. */
  problems: string[];
  /** Keys that are not standard-defined and not objects with a Description (§2.3.4 / §2.3.5). */
  userKeyProblems: string[];
}

const DIM_TAGS = new Set([
  'DIM_COIL', 'DIM_DYN', 'DIM_INDIRECT_0', 'DIM_INDIRECT_1', 'DIM_INDIRECT_2', 'DIM_PHASE_CYCLE', 'DIM_EDIT',
  'DIM_MEAS', 'DIM_USER_0', 'DIM_USER_1', 'DIM_USER_2', 'DIM_ISIS', 'DIM_METCYCLE',
]);
/** Standard-defined keys (specification appendix) by JSON type. */
const FLOAT_KEYS = ['SpectralWidth', 'EchoTime', 'RepetitionTime', 'InversionTime', 'MixingTime', 'AcquisitionStartTime', 'ExcitationFlipAngle', 'TxOffset', 'PatientWeight'];
const STRING_KEYS = ['WaterSuppressionType', 'Manufacturer', 'ManufacturersModelName', 'DeviceSerialNumber', 'SoftwareVersions', 'InstitutionName', 'InstitutionAddress', 'TxCoil', 'RxCoil', 'SequenceName', 'ProtocolName', 'PatientPosition', 'PatientName', 'PatientID', 'PatientDoB', 'PatientSex', 'ConversionMethod', 'ConversionTime'];
const BOOL_KEYS = ['WaterSuppressed', 'SequenceTriggered'];
const OTHER_STANDARD_KEYS = ['VOI', 'OriginalFile', 'kSpace', 'EditCondition', 'EditPulse', 'ProcessingApplied'];
const STANDARD_KEYS = new Set([...FLOAT_KEYS, ...STRING_KEYS, ...BOOL_KEYS, ...OTHER_STANDARD_KEYS]);
/** Keys the standard marks for removal on anonymisation, or that identify a subject or site. */
const IDENTIFYING_KEYS = /^(Patient(Name|ID|DoB)|DeviceSerialNumber|InstitutionName|InstitutionAddress|OriginalFile|private_.*)$/;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse and check one NIfTI-MRS file (gzipped or not). */
export function checkNiftiMrs(fileBytes: Uint8Array): Conformance {
  const problems: string[] = [];
  const userKeyProblems: string[] = [];
  const bytes = fileBytes[0] === 0x1f && fileBytes[1] === 0x8b ? new Uint8Array(gunzipSync(fileBytes)) : fileBytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 544 || view.getInt32(0, true) !== 540) return { parsed: null, problems: ['not a little-endian NIfTI-2 header (sizeof_hdr ≠ 540)'], userKeyProblems };
  const magic = Array.from(bytes.subarray(4, 12));
  if (magic.join(',') !== [0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a].join(',')) problems.push('magic is not "n+2\\0\\r\\n\\032\\n"');
  const datatype = view.getInt16(12, true);
  const bitpix = view.getInt16(14, true);
  const dim = Array.from({ length: 8 }, (_, i) => Number(view.getBigInt64(16 + 8 * i, true)));
  const pixdim = Array.from({ length: 8 }, (_, i) => view.getFloat64(104 + 8 * i, true));
  const voxOffset = Number(view.getBigInt64(168, true));
  const qformCode = view.getInt32(344, true);
  const sformCode = view.getInt32(348, true);
  const xyztUnits = view.getInt32(500, true);
  const intentName = latin1CString(bytes.subarray(508, 524));

  if (datatype !== 32 || bitpix !== 64) problems.push(`datatype ${datatype}/bitpix ${bitpix} is not complex64 (32/64)`);
  if (!(dim[0] >= 4 && dim[0] <= 7)) problems.push(`dim[0] = ${dim[0]} is outside 4..7`);
  for (let i = 1; i <= Math.min(dim[0], 7); i++) if (!(dim[i] >= 1)) problems.push(`dim[${i}] = ${dim[i]}`);
  if (!/^mrs_v\d+_\d+$/.test(intentName)) problems.push(`intent_name "${intentName}" is not mrs_vM_m`);
  if (!(pixdim[4] > 0 && pixdim[4] <= 1)) problems.push(`pixdim[4] (dwell time) = ${pixdim[4]} is unrealistic`);
  if (![8, 16, 24].includes(xyztUnits & 0x38)) problems.push(`xyzt_units time bits ${xyztUnits & 0x38} are not s/ms/µs`);
  if (![1, 2, 3].includes(xyztUnits & 0x07)) problems.push(`xyzt_units space bits ${xyztUnits & 0x07} are not m/mm/µm`);
  for (let i = 1; i <= 3; i++) if (!(pixdim[i] > 0)) problems.push(`pixdim[${i}] = ${pixdim[i]} (voxel size or 10 m default required)`);
  if (qformCode > 0 && Math.abs(pixdim[0]) !== 1) problems.push(`qform set but qfac pixdim[0] = ${pixdim[0]}`);
  if (voxOffset % 16 !== 0) problems.push(`vox_offset ${voxOffset} is not a multiple of 16`);

  const extension = mrsExtension(bytes, view, voxOffset, problems);
  let json: Record<string, unknown> = {};
  if (extension !== null) {
    try {
      const parsed: unknown = JSON.parse(extension);
      if (isObject(parsed)) json = parsed;
      else problems.push('header extension is not a JSON object');
    } catch {
      problems.push('header extension is not valid JSON');
    }
    for (const literal of integerLiterals(extension)) problems.push(`number ${literal} is written as a JSON integer; readers expect floats`);
  }
  checkJson(json, dim, problems, userKeyProblems);

  const complexCount = dim.slice(1, dim[0] + 1).reduce((a, b) => a * b, 1);
  if (bytes.length !== voxOffset + 8 * complexCount) problems.push(`file holds ${bytes.length - voxOffset} data bytes, dims imply ${8 * complexCount}`);
  const samples = new Float32Array(2 * complexCount);
  const available = Math.min(samples.length, Math.floor((bytes.length - voxOffset) / 4));
  for (let i = 0; i < available; i++) samples[i] = view.getFloat32(voxOffset + 4 * i, true);
  if (samples.some((v) => !Number.isFinite(v))) problems.push('data holds NaN or infinite samples');
  const headerBytes = bytes.subarray(0, voxOffset);
  return {
    parsed: { dim, pixdim, datatype, intentName, xyztUnits, qformCode, sformCode, voxOffset, jsonText: extension ?? '', json, samples, headerBytes },
    problems,
    userKeyProblems,
  };
}

/** The single ecode-44 extension as text (trailing NUL padding removed), after checking the extension chain. */
function mrsExtension(bytes: Uint8Array, view: DataView, voxOffset: number, problems: string[]): string | null {
  if (bytes[540] !== 1) {
    problems.push('extension flag byte 540 is not 1');
    return null;
  }
  const found: string[] = [];
  let offset = 544;
  while (offset + 8 <= voxOffset) {
    const esize = view.getInt32(offset, true);
    const ecode = view.getInt32(offset + 4, true);
    if (esize < 16 || esize % 16 !== 0 || offset + esize > voxOffset) {
      problems.push(`extension at ${offset} has esize ${esize} (must be a positive multiple of 16 within vox_offset)`);
      return null;
    }
    if (ecode === 44) found.push(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(offset + 8, offset + esize)).replace(/\0+$/, ''));
    offset += esize;
  }
  if (offset !== voxOffset) problems.push(`extensions end at ${offset}, vox_offset is ${voxOffset}`);
  if (found.length !== 1) problems.push(`${found.length} NIfTI-MRS (ecode 44) extensions, expected 1`);
  return found[0] ?? null;
}

function checkJson(json: Record<string, unknown>, dim: number[], problems: string[], userKeyProblems: string[]): void {
  const frequency = json.SpectrometerFrequency;
  if (!Array.isArray(frequency) || frequency.length === 0 || !frequency.every((f) => typeof f === 'number' && f > 0)) {
    problems.push('SpectrometerFrequency is not a non-empty array of positive numbers');
  }
  const nucleus = json.ResonantNucleus;
  if (!Array.isArray(nucleus) || nucleus.length === 0 || !nucleus.every((n) => typeof n === 'string' && /^\d+[A-Z]+$/.test(n))) {
    problems.push('ResonantNucleus is not a non-empty array of nuclei like "1H"');
  }
  for (const key of FLOAT_KEYS) if (key in json && typeof json[key] !== 'number') problems.push(`${key} is not a number`);
  for (const key of STRING_KEYS) if (key in json && typeof json[key] !== 'string') problems.push(`${key} is not a string`);
  for (const key of BOOL_KEYS) if (key in json && typeof json[key] !== 'boolean') problems.push(`${key} is not a boolean`);
  if ('ProcessingApplied' in json && !(Array.isArray(json.ProcessingApplied) && json.ProcessingApplied.every(isObject))) {
    problems.push('ProcessingApplied is not an array of objects');
  }
  for (const key of Object.keys(json)) if (IDENTIFYING_KEYS.test(key)) problems.push(`identifying key ${key} present`);

  const dimKey = /^dim_(\d+)(_info|_header)?$/;
  for (const key of Object.keys(json)) {
    const match = dimKey.exec(key);
    if (!match) continue;
    const n = Number(match[1]);
    if (n < 5 || n > dim[0]) problems.push(`${key} refers to a dimension the data does not have (dim[0] = ${dim[0]})`);
  }
  for (let n = 5; n <= dim[0]; n++) {
    const tag = json[`dim_${n}`];
    if (typeof tag !== 'string' || !DIM_TAGS.has(tag)) problems.push(`dim_${n} is missing or not a defined tag (${String(tag)})`);
    if (`dim_${n}_info` in json && typeof json[`dim_${n}_info`] !== 'string') problems.push(`dim_${n}_info is not a string`);
    if (`dim_${n}_header` in json) checkDimHeader(json[`dim_${n}_header`], n, dim[n], problems, userKeyProblems);
  }

  for (const [key, value] of Object.entries(json)) {
    if (key === 'SpectrometerFrequency' || key === 'ResonantNucleus' || STANDARD_KEYS.has(key) || dimKey.test(key)) continue;
    if (!isObject(value) || !('Description' in value)) userKeyProblems.push(key);
  }
}

function checkDimHeader(header: unknown, n: number, size: number, problems: string[], userKeyProblems: string[]): void {
  if (!isObject(header)) {
    problems.push(`dim_${n}_header is not an object`);
    return;
  }
  const valuesFit = (values: unknown): boolean =>
    (Array.isArray(values) && values.length === size) || (isObject(values) && 'start' in values && 'increment' in values);
  for (const [key, values] of Object.entries(header)) {
    if (STANDARD_KEYS.has(key)) {
      if (!valuesFit(values)) problems.push(`dim_${n}_header.${key} is neither ${size} values nor {start, increment}`);
    } else if (!isObject(values) || !('Description' in values) || !('Value' in values)) {
      userKeyProblems.push(`dim_${n}_header.${key}`);
    } else if (!valuesFit(values.Value)) {
      problems.push(`dim_${n}_header.${key}.Value is neither ${size} values nor {start, increment}`);
    }
  }
}

/** Number literals without a decimal point or exponent, outside strings. */
function integerLiterals(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      const match = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 40)) as RegExpExecArray;
      if (match[1] === undefined && match[2] === undefined) out.push(match[0]);
      i += match[0].length;
    } else {
      i++;
    }
  }
  return out;
}

function latin1CString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return String.fromCharCode(...bytes.subarray(0, end < 0 ? bytes.length : end));
}

/**
 * Spectral magnitude of the stored samples (all FIDs summed) at a ppm, reading the file as the specification's
 * Appendix A defines it: a positive frequency on the absolute scale rotates counter-clockwise, and for 1H
 * (γ > 0) higher ppm means a more negative frequency, so f = (4.65 − ppm) · SpectrometerFrequency.
 */
export function storedMagnitudeAtPpm(parsed: NiftiMrsParsed, ppm: number): number {
  const points = parsed.dim[4];
  const fids = parsed.samples.length / (2 * points);
  const frequencyHz = (4.65 - ppm) * (parsed.json.SpectrometerFrequency as number[])[0];
  let re = 0;
  let im = 0;
  for (let n = 0; n < points; n++) {
    const angle = -2 * Math.PI * frequencyHz * n * parsed.pixdim[4];
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    for (let f = 0; f < fids; f++) {
      const x = parsed.samples[2 * (f * points + n)];
      const y = parsed.samples[2 * (f * points + n) + 1];
      re += x * c - y * s;
      im += x * s + y * c;
    }
  }
  return Math.hypot(re, im);
}
