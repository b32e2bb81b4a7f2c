import { gunzipSync, gzipSync, constants } from 'node:zlib';
import { InputFileError } from '../util/errors.js';

/** Largest decompressed size accepted: guards against gzip bombs and absurd allocations. */
export const MAX_GUNZIPPED_BYTES = 1 << 30;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompress gzip data if it is gzip, otherwise return the input unchanged. */
export function gunzipIfNeeded(bytes: Uint8Array, name: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_GUNZIPPED_BYTES });
  } catch (err) {
    const reason = err instanceof RangeError ? `decompressed size exceeds ${MAX_GUNZIPPED_BYTES} bytes` : oneLine(err);
    throw new InputFileError(name, `cannot decompress gzip data (${reason})`);
  }
}

/** Deterministic gzip: fixed level, and Node writes mtime 0 with no file name. */
export function gzipDeterministic(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
