import { existsSync, readFileSync } from 'node:fs';
import { InputFileError } from '../util/errors.js';
import type { SuppliedMetadata } from './readOptions.js';

/**
 * Values from a BIDS/spec2nii JSON sidecar next to a NIfTI file (`x.nii(.gz)` → `x.json`), used for
 * pre-standard files that lack the NIfTI-MRS header extension. Null when there is no sidecar.
 */
export function niftiSidecar(niftiPath: string): SuppliedMetadata | null {
  const sidecarPath = niftiPath.replace(/\.nii(\.gz)?$/i, '.json');
  if (sidecarPath === niftiPath || !existsSync(sidecarPath)) return null;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(sidecarPath, 'utf8'));
  } catch (err) {
    throw new InputFileError(sidecarPath, `JSON sidecar is not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof json !== 'object' || json === null) return null;
  const fields = json as Record<string, unknown>;
  const number = (key: string): number | undefined => {
    const value = Array.isArray(fields[key]) ? (fields[key] as unknown[])[0] : fields[key];
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  };
  const frequency = number('SpectrometerFrequency') ?? number('ImagingFrequency');
  const nucleus = fields.ResonantNucleus;
  const out: SuppliedMetadata = {};
  // ImagingFrequency is in Hz from some converters and in MHz in BIDS; above 10⁴ it can only be Hz.
  if (frequency !== undefined) out.spectrometerFrequencyMHz = frequency > 1e4 ? frequency / 1e6 : frequency;
  if (typeof nucleus === 'string') out.nucleus = nucleus;
  const echo = number('EchoTime');
  const repetition = number('RepetitionTime');
  if (echo !== undefined) out.echoTimeS = echo;
  if (repetition !== undefined) out.repetitionTimeS = repetition;
  return out;
}
