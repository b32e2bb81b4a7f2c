import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDicomMrs } from '../../src/io/dicomMrs.js';
import { isGzip } from '../../src/io/gzip.js';
import { readNiftiMrs } from '../../src/io/niftiMrsRead.js';
import { readPhilipsSdat } from '../../src/io/philipsSdat.js';
import { GlutraceError } from '../../src/util/errors.js';
import { SDAT_SAMPLE, SPAR_SAMPLE, sharedData, vendorReaderSamples, type Reader } from '../helpers/readerSamples.js';
import { mutate, mutations } from './mutations.js';

// Every reader over mutated real files: it may read the file or throw one of our typed errors, never anything
// else, and what it returns is bounded by the input's size (no allocation driven by a header's claimed sizes).
// CI runs a few hundred cases per reader; GLUTRACE_FUZZ_RUNS=10000 (and GLUTRACE_FUZZ_SEED) for the long run.
const RUNS = Number(process.env.GLUTRACE_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.GLUTRACE_FUZZ_SEED ?? 20251127);

const sdat = sharedData(SDAT_SAMPLE);

const legacy = { spectrometerFrequencyMHz: 297.219948, nucleus: '1H', dwellTimeS: 8.3333e-5 };

/** Reader, and the real file it is fuzzed from (a path under mrs-data, or bytes). */
const readers: [string, Reader, string | Uint8Array][] = [
  ['nifti-mrs (uncompressed, with header extension)', readNiftiMrs, gunzipSync(sharedData('nifti-mrs/fslmrs-7T-steam/metab.nii.gz'))],
  ['nifti-mrs (gzip)', readNiftiMrs, 'nifti-mrs/fslmrs-7T-steam/metab.nii.gz'],
  ['nifti (legacy, metadata supplied)', (b, n) => readNiftiMrs(b, n, legacy), 'nifti-mrs/legacy-pre-standard/s2n-7T-slaser_metab.nii'],
  ...vendorReaderSamples(),
  ['dicom (philips)', readDicomMrs, 'philips-dicom/suspect_MRSshortTELN_IM-0001-0002.dcm'],
  ['philips sdat (SPAR mutated)', (b, n) => readPhilipsSdat(sdat, b, n), SPAR_SAMPLE],
];

/** Bytes held by every typed array reachable from a reader's result. */
function typedBytes(value: unknown, seen = new Set<unknown>()): number {
  if (value === null || typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  return Object.values(value).reduce<number>((sum, v) => sum + typedBytes(v, seen), 0);
}

function decompressedLength(bytes: Uint8Array): number {
  if (!isGzip(bytes)) return bytes.length;
  try {
    return gunzipSync(bytes).length;
  } catch {
    return bytes.length;
  }
}

describe.each(readers)('fuzz: %s', (label, read, sample) => {
  const original = typeof sample === 'string' ? sharedData(sample) : new Uint8Array(sample);

  it(`reads or fails with a GlutraceError on ${RUNS} mutated files, with output bounded by the input`, () => {
    expect(() => read(original, 'original')).not.toThrow();
    let slowestMs = 0;
    let largestAllocation = 0;
    const outcomes = { read: 0, refused: 0 };
    fc.assert(
      fc.property(mutations, (edits) => {
        const bytes = mutate(original, edits);
        const inputBytes = decompressedLength(bytes);
        const buffersBefore = process.memoryUsage().arrayBuffers;
        const started = performance.now();
        try {
          const result = read(bytes, 'fuzzed');
          outcomes.read++;
          // Interleaved complex doubles: at most 16 bytes per sample, and a sample costs at least 1 input byte.
          expect(typedBytes(result)).toBeLessThanOrEqual(16 * inputBytes + 65_536);
        } catch (error) {
          if (!(error instanceof GlutraceError)) throw error;
          expect(error.message).not.toContain('\n');
          outcomes.refused++;
        } finally {
          slowestMs = Math.max(slowestMs, performance.now() - started);
          // Buffers allocated during the read, kept or not (they stay counted until collected): a header's
          // claimed size must not drive an allocation far beyond the input.
          largestAllocation = Math.max(largestAllocation, (process.memoryUsage().arrayBuffers - buffersBefore) / Math.max(inputBytes, 65_536));
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.log(`${label}: ${RUNS} mutated inputs, ${outcomes.read} read, ${outcomes.refused} refused, slowest ${slowestMs.toFixed(0)} ms, largest buffer growth ${largestAllocation.toFixed(1)}× the input (or 64 kB)`);
    expect(largestAllocation).toBeLessThan(64);
  }, 60_000 + 100 * RUNS);
});
