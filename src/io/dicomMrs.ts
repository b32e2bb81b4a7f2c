import type { MrsData } from '../types/mrsData.js';
import { InputFileError } from '../util/errors.js';
import { conjugateInPlace } from './complexSamples.js';
import { DicomFormatError, dicomNumber, dicomString, findElement, parseDicom, tag, type DicomDataset } from './dicomParse.js';
import { csaNumber, parseCsaHeader, type CsaHeader } from './siemensCsa.js';

const SPECTROSCOPY_DATA = tag(0x5600, 0x0020);
const SIEMENS_CSA_DATA = tag(0x7fe1, 0x1010);

/**
 * MR spectroscopy DICOM: the standard MR Spectroscopy Storage object (Siemens XA, Philips, …) and
 * Siemens' CSA "non-image" files (.IMA) with the FID in private tag 7FE1,1010. The standard object
 * already follows our convention (checked on Siemens XA60 and Philips files: NAA at 2.01 ppm); the CSA
 * private data are its mirror (the IMA equals the RDA sample for sample), so those are conjugated.
 */
export function readDicomMrs(bytes: Uint8Array, name: string): MrsData {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  let dataset: DicomDataset;
  try {
    dataset = parseDicom(bytes);
  } catch (err) {
    if (err instanceof DicomFormatError) fail(`invalid DICOM: ${err.message}`);
    throw err;
  }
  if (dataset.has(SPECTROSCOPY_DATA)) return readStandard(dataset, name, fail);
  if (dataset.has(SIEMENS_CSA_DATA)) return readSiemensCsa(dataset, name, fail);
  return fail('DICOM file holds no spectroscopy data (neither 5600,0020 nor Siemens 7FE1,1010)');
}

function readStandard(dataset: DicomDataset, name: string, fail: (p: string) => never): MrsData {
  const columns = dicomNumber(dataset, tag(0x0028, 0x9002), 'UL') ?? fail('DataPointColumns (0028,9002) missing');
  const rows = dicomNumber(dataset, tag(0x0028, 0x9001), 'UL') ?? 1;
  const frames = dicomNumber(dataset, tag(0x0028, 0x0008)) ?? 1;
  const voxels = (dicomNumber(dataset, tag(0x0028, 0x0010), 'US') ?? 1) * (dicomNumber(dataset, tag(0x0028, 0x0011), 'US') ?? 1);
  if (voxels !== 1) fail(`spectroscopic imaging (${voxels} voxels) is not supported, only single voxel`);
  const representation = dicomString(dataset, tag(0x0028, 0x9108));
  if (representation && representation !== 'COMPLEX') fail(`DataRepresentation ${representation} is not COMPLEX`);
  const domain = dicomString(dataset, tag(0x0028, 0x9003));
  if (domain && domain !== 'TIME') fail(`SignalDomainColumns ${domain}: only time-domain data is supported`);
  const fids = rows * frames;
  const data = float32Complex(findElement(dataset, SPECTROSCOPY_DATA)!.value, columns * fids, fail);
  const widthHz = dicomNumber(dataset, tag(0x0018, 0x9052), 'FD') ?? fail('SpectralWidth (0018,9052) missing');
  const frequencyMHz = dicomNumber(dataset, tag(0x0018, 0x9098), 'FD') ?? fail('TransmitterFrequency (0018,9098) missing');
  const echoMs = dicomNumber(dataset, tag(0x0018, 0x9082), 'FD') ?? dicomNumber(dataset, tag(0x0018, 0x0081));
  const repetitionMs = dicomNumber(dataset, tag(0x0018, 0x0080));
  const mrs = baseMrs(name, data, columns, 1 / widthHz, frequencyMHz, fail);
  mrs.nucleus = dicomString(dataset, tag(0x0018, 0x9100)) || '1H';
  mrs.dims = fids > 1 ? [{ tag: 'DIM_DYN', size: fids }] : [];
  mrs.echoTimeS = echoMs !== undefined ? echoMs / 1000 : null;
  mrs.repetitionTimeS = repetitionMs !== undefined ? repetitionMs / 1000 : null;
  addOptional(mrs, dicomNumber(dataset, tag(0x0018, 0x0087)), dicomString(dataset, tag(0x0018, 0x9005)), slabThicknesses(dataset));
  return mrs;
}

function readSiemensCsa(dataset: DicomDataset, name: string, fail: (p: string) => never): MrsData {
  const csa = csaImageHeader(dataset) ?? fail('Siemens CSA image header (0029,xx10) not found');
  const samples = findElement(dataset, SIEMENS_CSA_DATA)!.value;
  const rows = csaNumber(csa, 'DataPointRows') ?? 1;
  const voxels = ['Rows', 'Columns'].map((k) => csaNumber(csa, k) ?? 1).reduce((a, b) => a * b, 1);
  if (rows !== 1 || voxels !== 1) fail('Siemens CSI data is not supported, only single voxel');
  // Old (VA) headers omit DataPointColumns; the private data element then holds exactly one FID.
  const points = csaNumber(csa, 'DataPointColumns') ?? samples.length / 8;
  if (!Number.isInteger(points) || points < 1) fail(`cannot tell the number of points (data element ${samples.length} bytes)`);
  const data = conjugateInPlace(float32Complex(samples, points, fail));
  const dwellNs = csaNumber(csa, 'RealDwellTime') ?? fail('RealDwellTime missing from the CSA header');
  const frequencyMHz = csaNumber(csa, 'ImagingFrequency') ?? dicomNumber(dataset, tag(0x0018, 0x0084)) ?? fail('ImagingFrequency missing');
  const mrs = baseMrs(name, data, points, dwellNs / 1e9, frequencyMHz, fail);
  mrs.nucleus = csa.get('ImagedNucleus')?.[0] || csa.get('ResonantNucleus')?.[0] || '1H';
  const echoMs = csaNumber(csa, 'EchoTime');
  const repetitionMs = csaNumber(csa, 'RepetitionTime');
  mrs.echoTimeS = echoMs !== undefined ? echoMs / 1000 : null;
  mrs.repetitionTimeS = repetitionMs !== undefined ? repetitionMs / 1000 : null;
  const voi = ['VoiReadoutFoV', 'VoiPhaseFoV', 'VoiThickness'].map((k) => csaNumber(csa, k) ?? NaN);
  addOptional(mrs, csaNumber(csa, 'MagneticFieldStrength'), csa.get('SequenceName')?.[0], voi);
  return mrs;
}

/** The CSA image header sits in the private block whose creator is "SIEMENS CSA HEADER" (element xx10). */
function csaImageHeader(dataset: DicomDataset): CsaHeader | undefined {
  for (let block = 0x10; block <= 0xff; block++) {
    if (dicomString(dataset, tag(0x0029, block)) !== 'SIEMENS CSA HEADER') continue;
    const element = dataset.get(tag(0x0029, (block << 8) | 0x10));
    if (element) return parseCsaHeader(element.value);
  }
  return undefined;
}

function float32Complex(bytes: Uint8Array, complexCount: number, fail: (p: string) => never): Float64Array {
  const needed = complexCount * 8;
  if (bytes.length < needed) fail(`spectroscopy data truncated: need ${needed} bytes, element holds ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, needed);
  const out = new Float64Array(2 * complexCount);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

function baseMrs(name: string, data: Float64Array, points: number, dwellTimeS: number, frequencyMHz: number, fail: (p: string) => never): MrsData {
  if (!(dwellTimeS > 0 && Number.isFinite(dwellTimeS))) fail(`invalid dwell time ${dwellTimeS} s`);
  if (!(frequencyMHz > 0)) fail(`invalid spectrometer frequency ${frequencyMHz} MHz`);
  return {
    data,
    points,
    dwellTimeS,
    spectrometerFrequencyMHz: frequencyMHz,
    nucleus: '1H',
    dims: [],
    echoTimeS: null,
    repetitionTimeS: null,
    transientTimesS: null,
    provenance: { format: 'dicom', sourceName: name, processingApplied: [] },
  };
}

function addOptional(mrs: MrsData, fieldT: number | undefined, sequence: string | undefined, voxel: number[] | undefined): void {
  if (fieldT !== undefined && fieldT > 0) mrs.fieldStrengthT = fieldT;
  if (sequence) mrs.sequenceName = sequence;
  if (voxel && voxel.length === 3 && voxel.every((v) => v > 0)) mrs.voxelSizeMm = voxel as [number, number, number];
}

/** Voxel size from the three slabs of the Volume Localization Sequence (0018,9126). */
function slabThicknesses(dataset: DicomDataset): number[] | undefined {
  const slabs = findElement(dataset, tag(0x0018, 0x9126))?.items;
  if (!slabs || slabs.length !== 3) return undefined;
  return slabs.map((slab) => dicomNumber(slab, tag(0x0018, 0x9104), 'FD') ?? NaN);
}
