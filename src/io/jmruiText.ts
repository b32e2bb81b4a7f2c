import type { MrsData } from '../types/mrsData.js';
import { InputFileError } from '../util/errors.js';
import { latin1, looksLikeText, parseNumberList } from './textNumbers.js';

const MAGIC = 'jMRUI Data Textfile';

/**
 * jMRUI "Data Textfile": `Key: value` header (SamplingInterval in ms, TransmitterFrequency in Hz),
 * then one block per signal starting "Signal i out of n", rows of re/im (optionally FFT re/im).
 * jMRUI's convention already matches ours; several signals become a DIM_DYN dim.
 */
export function readJmruiText(bytes: Uint8Array, name: string): MrsData {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  if (!looksLikeText(bytes)) fail('not a jMRUI text file (binary content)');
  const text = latin1(bytes);
  if (!text.trimStart().startsWith(MAGIC)) fail(`not a jMRUI text file (no "${MAGIC}" line)`);
  const blocks = text.split(/^\s*Signal \d+ out of \d+ in file\s*$/m);
  const header = parseHeader(blocks[0]);
  const number = (key: string): number => {
    const value = Number(header.get(key));
    if (!header.has(key) || !Number.isFinite(value)) fail(`header field ${key} is missing or not a number`);
    return value;
  };
  const points = number('PointsInDataset');
  const datasets = header.has('DatasetsInFile') ? number('DatasetsInFile') : 1;
  if (!(Number.isInteger(points) && points > 0)) fail(`invalid PointsInDataset ${points}`);
  if (blocks.length - 1 !== datasets) fail(`header announces ${datasets} signals, file holds ${blocks.length - 1}`);
  // every value takes at least two characters of text: refuse sizes the file cannot hold before allocating
  if (points * datasets * 4 > bytes.length) fail(`header announces ${points} points per signal, more than the file can hold`);

  const data = new Float64Array(2 * points * datasets);
  blocks.slice(1).forEach((block, index) => {
    const numbers = parseNumberList(block);
    if (!numbers || numbers.length % points !== 0) fail(`signal ${index + 1} does not hold ${points} rows of numbers`);
    const columns = (numbers as Float64Array).length / points;
    if (columns !== 2 && columns !== 4) fail(`signal ${index + 1} has ${columns} columns, expected 2 or 4`);
    const values = numbers as Float64Array;
    for (let n = 0; n < points; n++) {
      data[2 * (index * points + n)] = values[n * columns];
      data[2 * (index * points + n) + 1] = values[n * columns + 1];
    }
  });

  const mrs: MrsData = {
    data,
    points,
    dwellTimeS: number('SamplingInterval') / 1000,
    spectrometerFrequencyMHz: number('TransmitterFrequency') / 1e6,
    nucleus: '1H',
    dims: datasets > 1 ? [{ tag: 'DIM_DYN', size: datasets }] : [],
    echoTimeS: null,
    repetitionTimeS: null,
    transientTimesS: null,
    provenance: { format: 'jmrui-text', sourceName: name, processingApplied: [] },
  };
  if (!(mrs.dwellTimeS > 0)) fail('SamplingInterval must be positive');
  if (!(mrs.spectrometerFrequencyMHz > 0)) fail('TransmitterFrequency must be positive');
  const field = Number(header.get('MagneticField'));
  if (field > 0) mrs.fieldStrengthT = field;
  return mrs;
}

function parseHeader(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return fields;
}
