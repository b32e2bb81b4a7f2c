import type { MrsData } from '../types/mrsData.js';
import { InputFileError } from '../util/errors.js';
import { latin1, looksLikeText } from './textNumbers.js';

/**
 * Philips SDAT/SPAR: SPAR is a `key : value` text header ('!' comments); SDAT holds `samples × rows`
 * complex VAX F-floats. Philips' sign convention matches ours (NAA at 2.01 ppm as stored).
 * `name` names the SDAT file in error messages.
 */
export function readPhilipsSdat(sdat: Uint8Array, spar: Uint8Array, name: string): MrsData {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  if (!looksLikeText(spar)) fail('the SPAR header is not a text file');
  const fields = parseSpar(latin1(spar));
  const number = (key: string): number => {
    const value = Number(fields.get(key));
    if (!fields.has(key) || !Number.isFinite(value)) fail(`SPAR field ${key} is missing or not a number`);
    return value;
  };
  const points = number('samples');
  const rows = fields.has('rows') ? number('rows') : 1;
  if (!(Number.isInteger(points) && points > 0)) fail(`invalid SPAR samples ${points}`);
  if (!(Number.isInteger(rows) && rows > 0)) fail(`invalid SPAR rows ${rows}`);
  const needed = points * rows * 8;
  if (sdat.length < needed) fail(`SDAT truncated: SPAR announces ${points}×${rows} complex points (${needed} bytes), file has ${sdat.length}`);
  const data = decodeVaxFloats(sdat.subarray(0, needed));
  if (data.some((v) => !Number.isFinite(v))) fail('SDAT holds values that are not finite VAX floats');

  const sampleFrequencyHz = number('sample_frequency');
  const synthesizerHz = number('synthesizer_frequency');
  if (!(sampleFrequencyHz > 0)) fail(`invalid sample_frequency ${sampleFrequencyHz}`);
  if (!(synthesizerHz > 0)) fail(`invalid synthesizer_frequency ${synthesizerHz}`);
  const mrs: MrsData = {
    data,
    points,
    dwellTimeS: 1 / sampleFrequencyHz,
    spectrometerFrequencyMHz: synthesizerHz / 1e6,
    nucleus: fields.get('nucleus') || '1H',
    dims: rows > 1 ? [{ tag: 'DIM_DYN', size: rows }] : [],
    echoTimeS: fields.has('echo_time') ? number('echo_time') / 1000 : null,
    repetitionTimeS: fields.has('repetition_time') ? number('repetition_time') / 1000 : null,
    transientTimesS: null,
    provenance: { format: 'philips-sdat', sourceName: name, processingApplied: [] },
  };
  const sequence = fields.get('scan_id');
  if (sequence) mrs.sequenceName = sequence;
  const voxel = ['lr_size', 'ap_size', 'cc_size'].map((k) => Number(fields.get(k)));
  if (voxel.every((v) => v > 0 && v < 1e4)) mrs.voxelSizeMm = voxel as [number, number, number];
  return mrs;
}

/**
 * VAX F-float → number: the two 16-bit words are stored swapped relative to IEEE single, and the
 * exponent bias is 2 larger (a factor of 4).
 */
export function decodeVaxFloats(bytes: Uint8Array): Float64Array {
  const out = new Float64Array(bytes.length / 4);
  const swapped = new DataView(new ArrayBuffer(4));
  for (let i = 0; i < out.length; i++) {
    const o = 4 * i;
    swapped.setUint8(0, bytes[o + 2]);
    swapped.setUint8(1, bytes[o + 3]);
    swapped.setUint8(2, bytes[o]);
    swapped.setUint8(3, bytes[o + 1]);
    out[i] = swapped.getFloat32(0, true) / 4;
  }
  return out;
}

function parseSpar(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line.trimStart().startsWith('!')) continue;
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim().replace(/^"|"$/g, ''));
  }
  return fields;
}
