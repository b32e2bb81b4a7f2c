import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { readBasis } from './readBasis.js';
import { latin1 } from './textNumbers.js';

/** What `glutrace info` prints about a basis set. */
export interface BasisDescription {
  file: string;
  format: 'lcmodel-basis' | 'basis-folder';
  metabolites: string[];
  spectrometerFrequencyMHz: number;
  dwellTimeS: number;
  spectralWidthHz: number;
  points: number;
  echoTimeS: number | null;
}

/** The first bytes of a file, enough to see its opening namelists. */
function head(path: string, bytes = 4096): Uint8Array {
  const buffer = new Uint8Array(bytes);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return new Uint8Array(0);
  }
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * A folder of FSL-MRS .json or NIfTI-MRS files (one per metabolite, as readBasis reads them) or an LCModel
 * .BASIS file (its $BASIS1 namelist).
 */
export function isBasisPath(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) return readdirSync(path).some((file) => /\.(json|nii|nii\.gz)$/i.test(file));
  } catch {
    return false;
  }
  return /^\s*[$&]BASIS1\b/im.test(latin1(head(path)));
}

export function describeBasis(path: string): BasisDescription {
  const basis = readBasis(path);
  return {
    file: path,
    format: statSync(path).isDirectory() ? 'basis-folder' : 'lcmodel-basis',
    metabolites: basis.names,
    spectrometerFrequencyMHz: basis.spectrometerFrequencyMHz,
    dwellTimeS: basis.dwellTimeS,
    spectralWidthHz: 1 / basis.dwellTimeS,
    points: basis.points,
    echoTimeS: basis.echoTimeS,
  };
}
