import type { MrsData } from '../types/mrsData.js';
import { InputFileError } from '../util/errors.js';
import { conjugateInPlace } from './complexSamples.js';
import { latin1 } from './textNumbers.js';

const BEGIN = '>>> Begin of header <<<';
const END = '>>> End of header <<<';

/**
 * Siemens RDA: a "Key: value" text header between BEGIN/END markers, then float64 little-endian
 * complex samples. Siemens stores the spectrum mirrored relative to the in-memory convention, so the
 * samples are conjugated (NAA then lands at 2.01 ppm).
 */
export function readSiemensRda(bytes: Uint8Array, name: string): MrsData {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  const text = latin1(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  if (!text.startsWith(BEGIN)) fail(`not a Siemens RDA file (no "${BEGIN}")`);
  const endAt = text.indexOf(END);
  if (endAt < 0) fail('RDA header has no end marker (file truncated?)');
  const fields = parseFields(text.slice(BEGIN.length, endAt));
  let dataStart = endAt + END.length;
  while (dataStart < bytes.length && (bytes[dataStart] === 0x0d || bytes[dataStart] === 0x0a)) dataStart++;

  const number = (key: string): number => {
    const value = Number(fields.get(key));
    if (!fields.has(key) || !Number.isFinite(value)) fail(`RDA header field ${key} is missing or not a number`);
    return value;
  };
  const points = number('VectorSize');
  const spectra = ['CSIMatrixSize[0]', 'CSIMatrixSize[1]', 'CSIMatrixSize[2]']
    .map((k) => (fields.has(k) ? number(k) : 1))
    .reduce((a, b) => a * b, 1);
  if (!(Number.isInteger(points) && points > 0)) fail(`invalid VectorSize ${points}`);
  if (spectra !== 1) fail(`RDA holds ${spectra} CSI voxels; only single-voxel data is supported`);
  const needed = points * 16;
  if (bytes.length - dataStart < needed) {
    fail(`data truncated: VectorSize ${points} needs ${needed} bytes, ${bytes.length - dataStart} present`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart, needed);
  const data = new Float64Array(2 * points);
  for (let i = 0; i < data.length; i++) data[i] = view.getFloat64(8 * i, true);
  conjugateInPlace(data);

  const mrs: MrsData = {
    data,
    points,
    dwellTimeS: number('DwellTime') / 1e6,
    spectrometerFrequencyMHz: number('MRFrequency'),
    nucleus: fields.get('Nucleus') || '1H',
    dims: [],
    echoTimeS: number('TE') / 1000,
    repetitionTimeS: number('TR') / 1000,
    transientTimesS: null,
    provenance: { format: 'siemens-rda', sourceName: name, processingApplied: [] },
  };
  if (!(mrs.dwellTimeS > 0)) fail(`invalid DwellTime ${fields.get('DwellTime')}`);
  if (!(mrs.spectrometerFrequencyMHz > 0)) fail(`invalid MRFrequency ${fields.get('MRFrequency')}`);
  const field = Number(fields.get('MagneticFieldStrength'));
  if (field > 0) mrs.fieldStrengthT = field;
  const sequence = fields.get('SequenceName');
  if (sequence) mrs.sequenceName = sequence;
  // Older software spells the readout size "VOIReadoutVOV".
  const voxel = [fields.get('VOIReadoutFOV') ?? fields.get('VOIReadoutVOV'), fields.get('VOIPhaseFOV'), fields.get('VOIThickness')].map(Number);
  if (voxel.every((v) => v > 0)) mrs.voxelSizeMm = voxel as [number, number, number];
  return mrs;
}

function parseFields(header: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of header.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return fields;
}
