import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Basis } from '../../../src/types/basis.js';
import type { FitGrid } from '../../../src/fit/fitOptions.js';

/** Public test data, read in place (never copied into the repo). */
export const SHARED_DATA_DIR = new URL('../../../../shared/mrs-data/', import.meta.url).pathname;

/** ISMRM 2016 fitting challenge files. */
export const CHALLENGE_DIR = join(SHARED_DATA_DIR, 'ground-truth/ismrm2016-fitting-challenge/');

/** 3T PRESS TE 30: 2048 points at 4000 Hz, 123.22 MHz (jMRUI header TransmitterFrequency). */
export const CHALLENGE_GRID: FitGrid = { points: 2048, dwellTimeS: 2.5e-4, spectrometerFrequencyMHz: 123.22, echoTimeS: 0.03 };

/**
 * Columns of a whitespace-separated numeric text file as interleaved complex, conjugated: the challenge's
 * text/RAW files use the opposite sign convention to NIfTI-MRS (SOURCES.md: jMRUI = conj(text), and
 * jMRUI matches NIfTI-MRS).
 */
export function readTextFid(path: string, realColumn = 0): Float64Array {
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(/\s+/).map(Number));
  const fid = new Float64Array(2 * rows.length);
  rows.forEach((row, n) => {
    fid[2 * n] = row[realColumn];
    fid[2 * n + 1] = -row[realColumn + 1];
  });
  return fid;
}

/**
 * The challenge basis: `distributed` is the set shipped in the LCModel/jMRUI/text formats (each spectrum
 * carries a small TMS reference peak at 0 ppm; FSL-MRS's stored fits used it), `noTMS` the variant without.
 * `Ace` is left out as in FSL-MRS's validation.
 */
export function readChallengeBasis(variant: 'distributed' | 'noTMS' = 'noTMS'): Basis {
  const dir = join(CHALLENGE_DIR, variant === 'distributed' ? 'basisset_text' : 'basisset_text_noTMS');
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.replace(/\.txt$/, ''))
    .filter((name) => name !== 'Ace')
    .sort();
  return {
    names,
    fids: names.map((name) => readTextFid(join(dir, `${name}.txt`))),
    points: CHALLENGE_GRID.points,
    dwellTimeS: CHALLENGE_GRID.dwellTimeS,
    spectrometerFrequencyMHz: CHALLENGE_GRID.spectrometerFrequencyMHz,
    echoTimeS: 0.03,
    source: `ISMRM 2016 fitting challenge ${variant === 'distributed' ? 'basisset_text' : 'basisset_text_noTMS'}`,
  };
}

/** Water-suppressed and water FIDs of dataset `index` (1-based). */
export function readChallengeDataset(index: number): { metabolite: Float64Array; water: Float64Array } {
  const path = join(CHALLENGE_DIR, 'datasets_text', `dataset${index}.txt`);
  return { metabolite: readTextFid(path, 0), water: readTextFid(path, 2) };
}

/** A CSV table with metabolite rows and dataset columns, as { metabolite → values per column }. */
export function readTable(relativePath: string): { columns: string[]; rows: Map<string, number[]> } {
  const lines = readFileSync(join(CHALLENGE_DIR, relativePath), 'utf8').trim().split('\n');
  const columns = lines[0].split(',').slice(1);
  const rows = new Map<string, number[]>();
  for (const line of lines.slice(1)) {
    const [name, ...values] = line.split(',');
    rows.set(name, values.map((v) => (v === '' ? NaN : Number(v))));
  }
  return { columns, rows };
}
