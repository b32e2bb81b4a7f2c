import FFT from 'fft.js';
import type { MrsData } from '../types/mrsData.js';
import { InputFileError } from '../util/errors.js';
import { parseTwixHeader, protocolNumber } from './siemensTwixHeader.js';

export interface TwixOptions {
  /** Keep the 2× readout oversampling instead of removing it (default: remove). */
  keepOversampling?: boolean;
  /** VD/VE multi-raid files: which measurement to read (default: the last, the imaging one). */
  measurementIndex?: number;
}

const SYNCDATA = 1 << 5;
/** Evaluation-info mask bits of scans that are not imaging data (mapVBVD naming). */
const NON_IMAGE_MASK =
  (1 << 0) | // ACQEND
  (1 << 1) | // RTFEEDBACK
  (1 << 2) | // HPFEEDBACK
  SYNCDATA |
  (1 << 14) | // REFPHASESTABSCAN
  (1 << 15) | // PHASESTABSCAN
  (1 << 21) | // PHASCOR
  (1 << 25); // NOISEADJSCAN
/** The low 25 bits of the first MDH word hold the packet length in bytes. */
const DMA_LENGTH_MASK = 0x1ffffff;
/** MDH timestamps tick every 2.5 ms. */
const TIMESTAMP_TICK_S = 2.5e-3;

interface Layout {
  /** Bytes of the scan header and of each per-channel header before its samples. */
  scanHeader: number;
  channelHeader: number;
  /** Offsets of fields in the scan header. */
  timeStamp: number;
  evalMask: number;
  samples: number;
  channels: number;
}
const VB: Layout = { scanHeader: 0, channelHeader: 128, timeStamp: 12, evalMask: 20, samples: 28, channels: 30 };
const VD: Layout = { scanHeader: 192, channelHeader: 32, timeStamp: 12, evalMask: 40, samples: 48, channels: 50 };

/**
 * Siemens TWIX raw data (VB single-raid and VD/VE/XA multi-raid). Imaging ADCs become FIDs with dims
 * DIM_COIL × DIM_DYN (transients in acquisition order, timed by the MDH timestamps). Raw TWIX samples
 * already follow our convention (they equal the conjugate of spec2nii's NIfTI-MRS of the same scan,
 * while RDA/IMA exports are mirrored); readout oversampling is removed unless asked to keep it.
 */
export function readSiemensTwix(bytes: Uint8Array, name: string, options: TwixOptions = {}): MrsData {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  if (bytes.length < 16) fail(`too short for a TWIX file (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { start, end, layout } = locateMeasurement(view, bytes.length, options.measurementIndex, fail);
  const headerLength = view.getUint32(start, true);
  if (headerLength < 8 || start + headerLength > end) fail(`measurement header length ${headerLength} is outside the file`);
  const protocol = parseTwixHeader(bytes, start, start + headerLength);

  const scans = collectImageScans(view, start + headerLength, end, layout, fail);
  if (scans.length === 0) fail('no imaging ADC data found (file truncated or only adjustment scans)');
  const { samples, channels } = scans[0];
  if (scans.some((s) => s.samples !== samples || s.channels !== channels)) fail('imaging scans differ in samples or channels');

  const vectorSize = protocolNumber(protocol, 'sSpecPara.lVectorSize');
  const removeOversampling = !options.keepOversampling && vectorSize !== undefined && samples === 2 * vectorSize && isPowerOfTwo(samples);
  const points = removeOversampling ? samples / 2 : samples;
  const data = new Float64Array(2 * points * channels * scans.length);
  const fid = new Float64Array(2 * samples);
  scans.forEach((scan, t) => {
    for (let c = 0; c < channels; c++) {
      const at = scan.offset + c * (layout.channelHeader + samples * 8) + layout.channelHeader;
      for (let i = 0; i < 2 * samples; i++) fid[i] = view.getFloat32(at + 4 * i, true);
      const out = removeOversampling ? decimateByTwo(fid) : fid;
      data.set(out, 2 * points * (t * channels + c));
    }
  });

  const dwellNs = protocolNumber(protocol, 'sRXSPEC.alDwellTime[0]') ?? fail('sRXSPEC.alDwellTime[0] missing from the protocol');
  const frequencyHz = protocolNumber(protocol, 'sTXSPEC.asNucleusInfo[0].lFrequency') ?? fail('sTXSPEC.asNucleusInfo[0].lFrequency missing');
  if (!(dwellNs > 0) || !(frequencyHz > 0)) fail('non-positive dwell time or frequency in the protocol');
  const teUs = protocolNumber(protocol, 'alTE[0]');
  const trUs = protocolNumber(protocol, 'alTR[0]');
  const firstTick = scans[0].timeStamp;
  const mrs: MrsData = {
    data,
    points,
    dwellTimeS: ((dwellNs / 1e9) * samples) / points,
    spectrometerFrequencyMHz: frequencyHz / 1e6,
    nucleus: protocol.values.get('sTXSPEC.asNucleusInfo[0].tNucleus') || '1H',
    dims: [
      { tag: 'DIM_COIL', size: channels },
      { tag: 'DIM_DYN', size: scans.length },
    ],
    echoTimeS: teUs !== undefined ? teUs / 1e6 : null,
    repetitionTimeS: trUs !== undefined ? trUs / 1e6 : null,
    transientTimesS: Float64Array.from(scans, (s) => (s.timeStamp - firstTick) * TIMESTAMP_TICK_S),
    provenance: {
      format: 'siemens-twix',
      sourceName: name,
      processingApplied: removeOversampling ? [{ method: 'Oversampling removal', details: 'readout 2× oversampling removed in the frequency domain', program: 'glutrace' }] : [],
    },
  };
  const field = protocolNumber(protocol, 'sProtConsistencyInfo.flNominalB0');
  if (field !== undefined && field > 0) mrs.fieldStrengthT = field;
  const sequence = protocol.values.get('tSequenceFileName');
  if (sequence) mrs.sequenceName = sequence;
  const voxel = ['sSpecPara.sVoI.dReadoutFOV', 'sSpecPara.sVoI.dPhaseFOV', 'sSpecPara.sVoI.dThickness'].map((k) => protocolNumber(protocol, k) ?? NaN);
  if (voxel.every((v) => v > 0)) mrs.voxelSizeMm = voxel as [number, number, number];
  return mrs;
}

interface Measurement {
  start: number;
  end: number;
  layout: Layout;
}

/** VD/VE files start with a multi-raid directory (u32 0, u32 count, 152-byte entries); VB files do not. */
function locateMeasurement(view: DataView, length: number, index: number | undefined, fail: (p: string) => never): Measurement {
  const first = view.getUint32(0, true);
  const count = view.getUint32(4, true);
  const isMultiRaid = first < 10000 && count >= 1 && count <= 64;
  if (!isMultiRaid) {
    if (first < 8 || first > length) fail('not a TWIX file (header length does not fit the file)');
    return { start: 0, end: length, layout: VB };
  }
  const chosen = index ?? count - 1;
  if (!(Number.isInteger(chosen) && chosen >= 0 && chosen < count)) fail(`measurement ${chosen} requested, file holds ${count}`);
  const entry = 8 + chosen * 152;
  if (entry + 24 > length) fail('multi-raid directory truncated');
  const start = Number(view.getBigUint64(entry + 8, true));
  const size = Number(view.getBigUint64(entry + 16, true));
  if (start + 8 > length) fail(`measurement ${chosen} starts at byte ${start}, beyond the end of the file (${length} bytes)`);
  return { start, end: Math.min(length, start + size), layout: VD };
}

interface Scan {
  offset: number;
  samples: number;
  channels: number;
  timeStamp: number;
}

function collectImageScans(view: DataView, from: number, end: number, layout: Layout, fail: (p: string) => never): Scan[] {
  const scans: Scan[] = [];
  let offset = from;
  const headerSize = Math.max(layout.scanHeader, layout.channelHeader);
  while (offset + headerSize <= end) {
    const mask = view.getUint32(offset + layout.evalMask, true);
    if (mask & 1) break; // ACQEND
    // SYNCDATA packets (physiology) are not sample blocks: their DMA length says how far to skip.
    const size =
      mask & SYNCDATA
        ? view.getUint32(offset, true) & DMA_LENGTH_MASK
        : layout.scanHeader + view.getUint16(offset + layout.channels, true) * (layout.channelHeader + view.getUint16(offset + layout.samples, true) * 8);
    if (size <= layout.scanHeader) fail(`corrupt scan header at byte ${offset}`);
    if (offset + size > end) fail(`data truncated: scan at byte ${offset} needs ${size} bytes, ${end - offset} remain`);
    if ((mask & NON_IMAGE_MASK) === 0) {
      scans.push({
        offset: offset + layout.scanHeader,
        samples: view.getUint16(offset + layout.samples, true),
        channels: view.getUint16(offset + layout.channels, true),
        timeStamp: view.getUint32(offset + layout.timeStamp, true),
      });
    }
    offset += size;
  }
  return scans;
}

/** Halve the bandwidth: keep the central half of the spectrum, amplitude preserved. */
function decimateByTwo(fid: Float64Array): Float64Array {
  const n = fid.length / 2;
  const half = n / 2;
  const spectrum = new Float64Array(2 * n);
  new FFT(n).transform(spectrum, fid);
  const kept = new Float64Array(2 * half);
  kept.set(spectrum.subarray(0, half)); // frequencies 0 … +bw/4
  kept.set(spectrum.subarray(2 * n - half, 2 * n), half); // −bw/4 … 0
  const out = new Float64Array(2 * half);
  new FFT(half).inverseTransform(out, kept);
  for (let i = 0; i < out.length; i++) out[i] *= 0.5;
  return out;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 2 && (n & (n - 1)) === 0;
}
