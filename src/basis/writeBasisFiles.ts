import { join } from 'node:path';
import { writeNiftiMrs } from '../io/niftiMrsWrite.js';
import type { Basis } from '../types/basis.js';
import type { MrsData } from '../types/mrsData.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { formatLcmodelBasis, type LcmodelBasisOptions } from './writeLcmodelBasis.js';

export const LCMODEL_BASIS_FILE_NAME = 'basis.BASIS';

/**
 * Write a basis as one NIfTI-MRS file per metabolite (`<outDir>/<name>.nii.gz`) and one LCModel file
 * (`<outDir>/basis.BASIS`). Returns the paths written.
 */
export function writeBasisFiles(basis: Basis, outDir: string, options: LcmodelBasisOptions = {}): string[] {
  const written: string[] = [];
  basis.names.forEach((name, index) => {
    const path = join(outDir, `${safeFileName(name)}.nii.gz`);
    writeFileAtomic(path, writeNiftiMrs(basisEntryAsMrsData(basis, index), { gzip: true }));
    written.push(path);
  });
  const lcmodelPath = join(outDir, LCMODEL_BASIS_FILE_NAME);
  writeFileAtomic(lcmodelPath, formatLcmodelBasis(basis, options));
  written.push(lcmodelPath);
  return written;
}

function basisEntryAsMrsData(basis: Basis, index: number): MrsData {
  return {
    data: basis.fids[index],
    points: basis.points,
    dwellTimeS: basis.dwellTimeS,
    spectrometerFrequencyMHz: basis.spectrometerFrequencyMHz,
    nucleus: '1H',
    dims: [],
    echoTimeS: basis.echoTimeS,
    repetitionTimeS: null,
    transientTimesS: null,
    provenance: {
      format: 'glutrace-basis',
      sourceName: basis.names[index],
      processingApplied: [{ method: 'Basis simulation', details: basis.source, program: 'glutrace' }],
    },
  };
}

/** Metabolite names become file names: keep letters, digits, '-', '_', '+', '.'. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9_+.-]/g, '_');
}
