/**
 * The one in-memory form of MRS data. Every reader returns it in one convention: a signal at +f Hz from
 * the 4.65 ppm reference evolves as exp(+i·2π·f·t), so ppm rises with Hz (and with spectrum index after
 * `fidToSpectrum`). Stored NIfTI-MRS files hold the complex conjugate; the NIfTI-MRS reader and writer convert.
 */

/** NIfTI-MRS dimension tags for dims 5–7 (DIM_COIL, DIM_DYN, DIM_INDIRECT_0, DIM_EDIT …). */
export type DimTag = string;

export interface MrsDim {
  tag: DimTag;
  size: number;
  /** Per-index header values (NIfTI-MRS dim_N_header), already expanded from {start, increment}. */
  header?: Record<string, unknown[]>;
}

export interface Provenance {
  /** Reader that produced the data, e.g. "nifti-mrs", "siemens-twix". */
  format: string;
  /** File name as given (never subject identifiers from the header). */
  sourceName: string;
  /** Processing steps applied so far (becomes NIfTI-MRS ProcessingApplied). */
  processingApplied: ProcessingStep[];
}

export interface ProcessingStep {
  method: string;
  details: string;
  program?: string;
}

export interface MrsData {
  /** Interleaved complex time-domain samples (re, im, …); points vary fastest, then dims in order. */
  data: Float64Array;
  points: number;
  dwellTimeS: number;
  spectrometerFrequencyMHz: number;
  /** e.g. "1H". */
  nucleus: string;
  /** Dims beyond the spectral one (NIfTI dims 5–7), in storage order. Empty for a single FID. */
  dims: MrsDim[];
  echoTimeS: number | null;
  repetitionTimeS: number | null;
  /** Acquisition time of each transient along DIM_DYN, seconds from scan start, when known. */
  transientTimesS: Float64Array | null;
  fieldStrengthT?: number;
  sequenceName?: string;
  voxelSizeMm?: [number, number, number];
  provenance: Provenance;
}

/** Number of FIDs stored (product of dim sizes). */
export function fidCount(mrs: MrsData): number {
  return mrs.dims.reduce((n, d) => n * d.size, 1);
}

/** A view (no copy) of FID number `index` in storage order. */
export function fidAt(mrs: MrsData, index: number): Float64Array {
  const len = 2 * mrs.points;
  return mrs.data.subarray(index * len, (index + 1) * len);
}

export function spectralWidthHz(mrs: Pick<MrsData, 'dwellTimeS'>): number {
  return 1 / mrs.dwellTimeS;
}
