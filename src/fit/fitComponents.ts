import type { FitGrid, FitOptions } from './fitOptions.js';
import { basisFidsOnGrid } from './basisOnGrid.js';
import { PEAK_COMPONENTS, peakComponentFid } from './peakModel.js';
import { DataError } from '../util/errors.js';

/** What a fit combines: named component FIDs on the data grid, each in a lineshape group. */
export interface FitComponents {
  names: string[];
  fids: Float64Array[];
  /** Group names; group 0 is "metabolites" when present (its shift and widths are the ones reported). */
  groupNames: string[];
  groupOf: Int32Array;
}

const MACROMOLECULE_NAME = /^(mm|mac|lip)/i;

/** The basis spectra on the data grid; macromolecules and lipids get their own lineshape group by default. */
export function basisComponents(grid: FitGrid, options: FitOptions): FitComponents {
  const basis = options.basis;
  if (!basis) throw new DataError('fitSpectrum: the lcm model needs a basis set');
  if (basis.names.length === 0) throw new DataError(`fitSpectrum: basis ${basis.source} is empty`);
  const groupNames: string[] = [];
  const groupOf = new Int32Array(basis.names.length);
  // metabolites first so group 0 is the one reported as the global shift and width
  const groupName = (name: string): string =>
    options.groups?.[name] ?? (MACROMOLECULE_NAME.test(name) ? 'macromolecules' : 'metabolites');
  const ordered = [...new Set(basis.names.map(groupName))].sort((a, b) => (a === 'metabolites' ? -1 : b === 'metabolites' ? 1 : 0));
  groupNames.push(...ordered);
  basis.names.forEach((name, j) => (groupOf[j] = groupNames.indexOf(groupName(name))));
  return { names: basis.names.slice(), fids: basisFidsOnGrid(basis, grid), groupNames, groupOf };
}

/** Peak-model FIDs per grid, kept so repeated fits (windows of a session) reuse them and their windows. */
const peakFidCache = new Map<string, Float64Array[]>();

/** The built-in peak model's components, all in one lineshape group. */
export function peakComponents(grid: FitGrid): FitComponents {
  const groupNames = ['metabolites'];
  const key = `${grid.points}:${grid.dwellTimeS}:${grid.spectrometerFrequencyMHz}`;
  let fids = peakFidCache.get(key);
  if (!fids) {
    fids = PEAK_COMPONENTS.map((c) => peakComponentFid(c, grid));
    if (peakFidCache.size > 16) peakFidCache.clear();
    peakFidCache.set(key, fids);
  }
  return {
    names: PEAK_COMPONENTS.map((c) => c.name),
    fids,
    groupNames,
    groupOf: new Int32Array(PEAK_COMPONENTS.length),
  };
}

