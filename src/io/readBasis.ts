import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Basis } from '../types/basis.js';
import { InputFileError } from '../util/errors.js';
import { readFslJsonBasisFile } from './fslJsonBasis.js';
import { readLcmodelBasis } from './lcmodelBasis.js';
import { readNiftiMrs } from './niftiMrsRead.js';
import { asInputFileError, readBytes } from './readMrsFile.js';

interface Spectrum {
  name: string;
  fid: Float64Array;
  dwellTimeS: number;
  frequencyMHz: number;
  echoTimeS: number | null;
}

/**
 * Read a basis set: an LCModel `.BASIS` file, or a folder of FSL-MRS `.json` files or NIfTI-MRS
 * files (one metabolite per file, named by the file's stem). Names keep the basis' own spelling.
 */
export function readBasis(path: string): Basis {
  try {
    if (!statSync(path).isDirectory()) return readLcmodelBasis(readBytes(path), path);
    return readBasisFolder(path);
  } catch (err) {
    throw asInputFileError(path, err);
  }
}

function readBasisFolder(dir: string): Basis {
  const files = readdirSync(dir).sort();
  const json = files.filter((f) => f.toLowerCase().endsWith('.json'));
  const nifti = files.filter((f) => /\.nii(\.gz)?$/i.test(f));
  let spectra: Spectrum[];
  if (nifti.length > 0) {
    // NIfTI-MRS basis folders may carry same-named JSON sidecars: the NIfTI files are the basis.
    spectra = nifti.map((file) => niftiSpectrum(join(dir, file)));
  } else if (json.length > 0) {
    spectra = json.map((file) => fslSpectrum(join(dir, file)));
  } else {
    throw new InputFileError(dir, 'basis folder holds neither FSL-MRS .json nor NIfTI-MRS .nii(.gz) files');
  }
  const first = spectra[0];
  for (const s of spectra) {
    if (s.fid.length !== first.fid.length || Math.abs(s.dwellTimeS - first.dwellTimeS) > 1e-9 * first.dwellTimeS) {
      throw new InputFileError(join(dir, s.name), `basis spectra differ in points or dwell time from ${first.name}`);
    }
  }
  return {
    names: spectra.map((s) => s.name),
    fids: spectra.map((s) => s.fid),
    points: first.fid.length / 2,
    dwellTimeS: first.dwellTimeS,
    spectrometerFrequencyMHz: first.frequencyMHz,
    echoTimeS: first.echoTimeS,
    source: dir,
  };
}

function stem(file: string): string {
  return basename(file).replace(/\.nii(\.gz)?$|\.json$/i, '');
}

function fslSpectrum(file: string): Spectrum {
  const spectrum = readFslJsonBasisFile(readBytes(file), file);
  return { name: stem(file), fid: spectrum.fid, dwellTimeS: spectrum.dwellTimeS, frequencyMHz: spectrum.centreMHz, echoTimeS: null };
}

function niftiSpectrum(file: string): Spectrum {
  const mrs = readNiftiMrs(readBytes(file), file);
  if (mrs.dims.some((d) => d.size > 1)) throw new InputFileError(file, 'a basis file must hold a single FID');
  return { name: stem(file), fid: mrs.data, dwellTimeS: mrs.dwellTimeS, frequencyMHz: mrs.spectrometerFrequencyMHz, echoTimeS: mrs.echoTimeS };
}
