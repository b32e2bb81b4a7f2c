import type { MrsDim } from '../types/mrsData.js';

/** Helpers for the NIfTI-MRS JSON header extension (ecode 44), tolerant of the variants seen in the wild. */

export const NIFTI_MRS_ECODE = 44;

/** Default tags for dims 5, 6, 7 when the header does not name them (NIfTI-MRS standard). */
export const DEFAULT_DIM_TAGS = ['DIM_COIL', 'DIM_DYN', 'DIM_INDIRECT_0'];

/** Per-transient acquisition times (s) travel as this DIM_DYN dim_N_header key (a glutrace extension). */
export const TRANSIENT_TIME_KEY = 'TransientTime';

/** pixdim of a dimension without localisation (10 m, NIfTI-MRS convention). */
export const UNLOCALISED_MM = 10000;

/** Some writers wrap every value in a one-element list (spant); unwrap those. */
export function unwrapSingle(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/** A user-defined (non-standard) key's value: the standard wraps it as {"Value": …, "Description": "…"}. */
export function userValue(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'Value' in value ? (value as { Value: unknown }).Value : value;
}

/** A user-defined key as the standard writes it. */
export function describedValue(value: unknown, description: string): { Value: unknown; Description: string } {
  return { Value: value, Description: description };
}

export function numberField(json: Record<string, unknown>, key: string): number | undefined {
  const value = unwrapSingle(userValue(json[key]));
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function stringField(json: Record<string, unknown>, key: string): string | undefined {
  const value = unwrapSingle(json[key]);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Expand a dim_N_header into per-index arrays: each key holds either a full list of `size` values
 * or a `{start, increment}` pair, for a user-defined key wrapped as {"Value": …, "Description": …}. Returns an
 * error message for malformed entries.
 */
export function expandDimHeader(raw: unknown, size: number): Record<string, unknown[]> | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'is not a JSON object';
  const out: Record<string, unknown[]> = {};
  for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) {
    const value = userValue(entry);
    if (Array.isArray(value)) {
      if (value.length !== size) return `key ${key} has ${value.length} values for a dim of size ${size}`;
      out[key] = value;
    } else if (isStartIncrement(value)) {
      out[key] = Array.from({ length: size }, (_, i) => value.start + i * value.increment);
    } else {
      return `key ${key} is neither a list nor {start, increment}`;
    }
  }
  return out;
}

function isStartIncrement(value: unknown): value is { start: number; increment: number } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.start === 'number' && typeof v.increment === 'number';
}

/** Build the dims beyond the spectral one from their sizes and the header's dim_N tags and headers. */
export function buildDims(
  sizes: number[],
  json: Record<string, unknown>,
  fail: (problem: string) => never,
): MrsDim[] {
  return sizes.map((size, i) => {
    const n = i + 5;
    const tag = stringField(json, `dim_${n}`) ?? DEFAULT_DIM_TAGS[i];
    if (!tag.startsWith('DIM_')) fail(`dim_${n} tag "${tag}" is not a NIfTI-MRS DIM_* tag`);
    const dim: MrsDim = { tag, size };
    const rawHeader = json[`dim_${n}_header`];
    if (rawHeader !== undefined) {
      const header = expandDimHeader(rawHeader, size);
      if (typeof header === 'string') fail(`dim_${n}_header ${header}`);
      dim.header = header;
    }
    return dim;
  });
}
