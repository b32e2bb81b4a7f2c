import { DataError } from '../util/errors.js';
import { basisFidsOnGrid } from './basisOnGrid.js';
import type { FitGrid, FitOptions } from './fitOptions.js';
import { MACROMOLECULE_COMPONENT, PEAK_COMPONENTS, peakComponentFid } from './peakModel.js';

/** What a fit combines: named component FIDs on the data grid, each in a lineshape group. */
export interface FitComponents {
  names: string[];
  fids: Float64Array[];
  /** Group names; group 0 is "metabolites" when present (its shift and widths are the ones reported). */
  groupNames: string[];
  groupOf: Int32Array;
}

const MACROMOLECULE_NAME = /^(mm|mac|lip)/i;

/**
 * The basis spectra on the data grid, plus the built-in broad macromolecule component when the basis has no
 * macromolecule or lipid spectra (unless `addMacromolecules` says otherwise). Macromolecules and lipids get
 * their own lineshape group by default.
 */
export function basisComponents(grid: FitGrid, options: FitOptions): FitComponents {
  const basis = options.basis;
  if (!basis) throw new DataError('fitSpectrum: the lcm model needs a basis set');
  if (basis.names.length === 0) throw new DataError(`fitSpectrum: basis ${basis.source} is empty`);
  let names = basis.names.slice();
  let fids = basisFidsOnGrid(basis, grid);
  if (options.addMacromolecules ?? !names.some((name) => MACROMOLECULE_NAME.test(name))) {
    fids = withMacromoleculeFid(fids, grid);
    names = [...names, MACROMOLECULE_COMPONENT.name];
  }
  const groupName = (name: string): string =>
    options.groups?.[name] ?? (MACROMOLECULE_NAME.test(name) ? 'macromolecules' : 'metabolites');
  // metabolites first so group 0 is the one reported as the global shift and width
  const groupNames = [...new Set(names.map(groupName))].sort((a, b) =>
    a === 'metabolites' ? -1 : b === 'metabolites' ? 1 : 0,
  );
  const groupOf = Int32Array.from(names, (name) => groupNames.indexOf(groupName(name)));
  return { names, fids, groupNames, groupOf };
}

/** Basis FIDs plus the built-in macromolecule FID, one array per basis array and field (later caches key on it). */
const withMacromolecules = new WeakMap<Float64Array[], Map<number, Float64Array[]>>();

function withMacromoleculeFid(fids: Float64Array[], grid: FitGrid): Float64Array[] {
  let byField = withMacromolecules.get(fids);
  if (!byField) {
    byField = new Map();
    withMacromolecules.set(fids, byField);
  }
  let out = byField.get(grid.spectrometerFrequencyMHz);
  if (!out) {
    out = [...fids, peakComponentFid(MACROMOLECULE_COMPONENT, grid)];
    byField.set(grid.spectrometerFrequencyMHz, out);
  }
  return out;
}

/** Peak-model FIDs per grid, kept so repeated fits (windows of a session) reuse them and their windows. */
const peakFidCache = new Map<string, Float64Array[]>();

/** The built-in peak model's components, all in one lineshape group. */
export function peakComponents(grid: FitGrid): FitComponents {
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
    groupNames: ['metabolites'],
    groupOf: new Int32Array(PEAK_COMPONENTS.length),
  };
}
