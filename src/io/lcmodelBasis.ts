import type { Basis } from '../types/basis.js';
import { InputFileError } from '../util/errors.js';
import { dft } from './dft.js';
import { parseLcmodelBasis } from './lcmodelBasisParse.js';
import { latin1, looksLikeText } from './textNumbers.js';

/**
 * LCModel `.BASIS`: spectra (frequency domain, NDATAB points, dwell BADELT, HZPPPM MHz). An entry's FID
 * in our convention is FFT(conj(spectrum)) / √N: verified against the time-domain `.RAW` files the
 * ISMRM 2016 basis was built from (correlation 1.0000, zero phase, equal amplitude). ISHIFT (points the
 * spectrum was rolled by when the basis was made) is undone as a frequency shift of ISHIFT points.
 */
export function readLcmodelBasis(bytes: Uint8Array, name: string): Basis {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  if (!looksLikeText(bytes)) fail('not an LCModel basis file (binary content)');
  const parsed = parseLcmodelBasis(latin1(bytes));
  if (typeof parsed === 'string') return fail(parsed);
  const number = (key: string): number => {
    const value = Number(parsed.header.get(key)?.replace(/[dD]/, 'e'));
    if (!parsed.header.has(key) || !Number.isFinite(value)) fail(`${key} is missing or not a number`);
    return value;
  };
  const points = number('NDATAB');
  const dwellTimeS = number('BADELT');
  const frequencyMHz = number('HZPPPM');
  if (!(dwellTimeS > 0) || !(frequencyMHz > 0)) fail('BADELT and HZPPPM must be positive');
  const echo = Number(parsed.header.get('ECHOT'));
  return {
    names: parsed.entries.map((e) => e.name),
    fids: parsed.entries.map((entry) => entryFid(entry.spectrum, entry.ishift)),
    points,
    dwellTimeS,
    spectrometerFrequencyMHz: frequencyMHz,
    echoTimeS: parsed.header.get('ECHOT')?.trim() && Number.isFinite(echo) && echo > 0 ? echo / 1000 : null,
    source: name,
  };
}

function entryFid(spectrum: Float64Array, ishift: number): Float64Array {
  const points = spectrum.length / 2;
  const conjugated = Float64Array.from(spectrum);
  for (let i = 1; i < conjugated.length; i += 2) conjugated[i] = -conjugated[i];
  const fid = dft(conjugated);
  const scale = 1 / Math.sqrt(points);
  for (let n = 0; n < points; n++) {
    const angle = (2 * Math.PI * ishift * n) / points;
    const c = Math.cos(angle) * scale;
    const s = Math.sin(angle) * scale;
    const re = fid[2 * n];
    const im = fid[2 * n + 1];
    fid[2 * n] = re * c - im * s;
    fid[2 * n + 1] = re * s + im * c;
  }
  return fid;
}
