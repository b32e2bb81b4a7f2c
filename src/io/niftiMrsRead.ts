import type { MrsData, ProcessingStep } from '../types/mrsData.js';
import { InputFileError, MissingHeaderValueError } from '../util/errors.js';
import { conjugateInPlace } from './complexSamples.js';
import { gunzipIfNeeded } from './gzip.js';
import { NIFTI_COMPLEX128, NIFTI_COMPLEX64, parseNiftiHeader, type NiftiHeader } from './niftiHeader.js';
import {
  buildDims,
  NIFTI_MRS_ECODE,
  numberField,
  stringField,
  TRANSIENT_TIME_KEY,
  UNLOCALISED_MM,
} from './niftiMrsHeader.js';
import type { SuppliedMetadata } from './readOptions.js';

/** Seconds per unit of pixdim[4], from the time bits of xyzt_units (0 = unknown, taken as seconds). */
const TIME_UNIT_SECONDS: Record<number, number> = { 0: 1, 8: 1, 16: 1e-3, 24: 1e-6 };
/** Millimetres per unit of pixdim[1..3], from the space bits of xyzt_units (0 = unknown, taken as mm). */
const SPACE_UNIT_MM: Record<number, number> = { 0: 1, 1: 1000, 2: 1, 3: 1e-3 };

/**
 * Read NIfTI-MRS (NIfTI-1 or -2, gzipped or not, either endianness, complex64/128, dims 5–7).
 * NIfTI-MRS files (spec2nii, FSL-MRS, spant) put NAA at +Hz under a forward FFT, the conjugate of the
 * in-memory convention (ppm rises with Hz), so their samples are conjugated on the way in. Pre-standard
 * files without the MRS extension predate that handedness rule and were written in our convention, so
 * they are taken as stored; they need `supplied.spectrometerFrequencyMHz`.
 */
export function readNiftiMrs(bytes: Uint8Array, name: string, supplied: SuppliedMetadata = {}): MrsData {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  const raw = gunzipIfNeeded(bytes, name);
  const header = parseNiftiHeader(raw, name);
  const json = mrsExtension(header, fail);
  if (!json && !supplied.spectrometerFrequencyMHz) {
    throw new MissingHeaderValueError(
      name,
      'spectrometerFrequencyMHz',
      'NIfTI file without the NIfTI-MRS header extension, so no spectrometer frequency',
    );
  }
  const meta = json ?? {};

  const ndim = header.dim[0];
  if (ndim < 4) fail(`NIfTI-MRS needs at least 4 dims, found ${ndim}`);
  const voxels = header.dim[1] * header.dim[2] * header.dim[3];
  if (voxels !== 1) fail(`MRSI data (${header.dim.slice(1, 4).join('×')} voxels) is not supported, only single voxel`);
  const points = header.dim[4];
  const extraSizes = header.dim.slice(5, ndim + 1);
  const fidCount = extraSizes.reduce((a, b) => a * b, 1);

  const dwellTimeS = header.pixdim[4] * timeUnitSeconds(header.xyztUnits, fail);
  if (!(dwellTimeS > 0 && Number.isFinite(dwellTimeS))) fail(`invalid dwell time pixdim[4] = ${header.pixdim[4]}`);

  const spectrometerFrequencyMHz = numberField(meta, 'SpectrometerFrequency') ?? supplied.spectrometerFrequencyMHz;
  if (!(spectrometerFrequencyMHz !== undefined && spectrometerFrequencyMHz > 0)) {
    fail('SpectrometerFrequency is missing or not a positive number');
  }
  // Pre-standard files carry no nucleus; 1H is the only nucleus they were used for.
  const nucleus = stringField(meta, 'ResonantNucleus') ?? supplied.nucleus ?? (json ? undefined : '1H');
  if (!nucleus) fail('ResonantNucleus is missing');

  const data = readComplexSamples(raw, header, points * fidCount, fail);
  if (json) conjugateInPlace(data);
  const dims = buildDims(extraSizes, meta, fail);
  const dynHeader = dims.find((d) => d.tag === 'DIM_DYN')?.header?.[TRANSIENT_TIME_KEY];

  const mrs: MrsData = {
    data,
    points,
    dwellTimeS,
    spectrometerFrequencyMHz: spectrometerFrequencyMHz as number,
    nucleus: nucleus as string,
    dims,
    echoTimeS: numberField(meta, 'EchoTime') ?? supplied.echoTimeS ?? null,
    repetitionTimeS: numberField(meta, 'RepetitionTime') ?? supplied.repetitionTimeS ?? null,
    transientTimesS: dynHeader && dynHeader.every((t) => typeof t === 'number') ? Float64Array.from(dynHeader as number[]) : null,
    provenance: { format: 'nifti-mrs', sourceName: name, processingApplied: processingSteps(meta.ProcessingApplied) },
  };
  const voxelSizeMm = voxelSize(header);
  if (voxelSizeMm) mrs.voxelSizeMm = voxelSizeMm;
  const fieldStrengthT = numberField(meta, 'MagneticFieldStrength');
  if (fieldStrengthT !== undefined) mrs.fieldStrengthT = fieldStrengthT;
  const sequenceName = stringField(meta, 'SequenceName');
  if (sequenceName !== undefined) mrs.sequenceName = sequenceName;
  return mrs;
}

function mrsExtension(header: NiftiHeader, fail: (p: string) => never): Record<string, unknown> | null {
  const ext = header.extensions.find((e) => e.code === NIFTI_MRS_ECODE);
  if (!ext) return null;
  // Writers pad the JSON to a multiple of 16 bytes with NULs (or spaces).
  const text = new TextDecoder().decode(ext.content).replace(/[\0\s]+$/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    fail(`NIfTI-MRS header extension is not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    fail('NIfTI-MRS header extension is not a JSON object');
  }
  return parsed as Record<string, unknown>;
}

function timeUnitSeconds(xyztUnits: number, fail: (p: string) => never): number {
  const code = xyztUnits & 0x38;
  const factor = TIME_UNIT_SECONDS[code];
  if (factor === undefined) fail(`spectral-domain NIfTI (xyzt_units time code ${code}) is not supported; expected an FID`);
  return factor as number;
}

/** Voxel size in mm, or undefined when a dimension is unlocalised (10 m by NIfTI-MRS convention) or unset. */
function voxelSize(header: NiftiHeader): [number, number, number] | undefined {
  const factor = SPACE_UNIT_MM[header.xyztUnits & 0x07] ?? 1;
  const size = [1, 2, 3].map((i) => header.pixdim[i] * factor);
  return size.every((v) => v > 0 && v < UNLOCALISED_MM) ? (size as [number, number, number]) : undefined;
}

function readComplexSamples(
  raw: Uint8Array,
  header: NiftiHeader,
  complexCount: number,
  fail: (p: string) => never,
): Float64Array {
  const isDouble = header.datatype === NIFTI_COMPLEX128;
  if (!isDouble && header.datatype !== NIFTI_COMPLEX64) {
    fail(`NIfTI datatype ${header.datatype} is not complex64 (32) or complex128 (1792)`);
  }
  const bytesPerValue = isDouble ? 8 : 4;
  const needed = complexCount * 2 * bytesPerValue;
  const available = raw.length - header.voxOffset;
  if (needed > available) fail(`data truncated: dims need ${needed} bytes after vox_offset, file has ${available}`);
  const view = new DataView(raw.buffer, raw.byteOffset + header.voxOffset, needed);
  const out = new Float64Array(2 * complexCount);
  const le = header.littleEndian;
  if (isDouble) for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, le);
  else for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, le);
  const slope = header.sclSlope;
  if (Number.isFinite(slope) && slope !== 0 && slope !== 1) for (let i = 0; i < out.length; i++) out[i] *= slope;
  return out;
}

/** ProcessingApplied is a list of {Method, Details, Program, …} objects in NIfTI-MRS. */
function processingSteps(value: unknown): ProcessingStep[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null)
    .map((v) => {
      const step: ProcessingStep = { method: String(v.Method ?? ''), details: String(v.Details ?? '') };
      if (typeof v.Program === 'string') step.program = v.Program;
      return step;
    });
}
