import { DataError } from '../util/errors.js';
import { basisFidsOnGrid } from './basisOnGrid.js';
import type { FitGrid, FitOptions } from './fitOptions.js';
import { broadMacromoleculeFid, lacksUpperMacromolecules, MACROMOLECULE_NAME, UPPER_MACROMOLECULE_LINES } from './macromoleculeLines.js';
import { MACROMOLECULE_COMPONENT, PEAK_COMPONENTS, peakComponentFid } from './peakModel.js';

/** What a fit combines: named component FIDs on the data grid, each in a lineshape group. */
export interface FitComponents {
  names: string[];
  fids: Float64Array[];
  /** Group names; group 0 is "metabolites" when present (its shift and widths are the ones reported). */
  groupNames: string[];
  groupOf: Int32Array;
}

/**
 * The basis spectra on the data grid, plus built-in macromolecules where the basis lacks them (unless
 * `addMacromolecules` says otherwise): the broad fixed-ratio MM component (0.9–2.0 ppm) when the basis has no
 * macromolecule or lipid spectra, and the free lines MM27 and MM39 (2.7 and 3.86–3.96 ppm, macromoleculeLines.ts)
 * when it has none or only parametric lines below 2.5 ppm. Macromolecules and lipids get their own lineshape
 * group by default.
 */
export function basisComponents(grid: FitGrid, options: FitOptions): FitComponents {
  const basis = options.basis;
  if (!basis) throw new DataError('fitSpectrum: the lcm model needs a basis set');
  if (basis.names.length === 0) throw new DataError(`fitSpectrum: basis ${basis.source} is empty`);
  const added = builtInMacromolecules(basis.names, options.addMacromolecules);
  const names = [...basis.names, ...added];
  const fids = withBuiltInFids(basisFidsOnGrid(basis, grid), added, grid);
  const groupName = (name: string): string =>
    options.groups?.[name] ?? (MACROMOLECULE_NAME.test(name) ? 'macromolecules' : 'metabolites');
  // metabolites first so group 0 is the one reported as the global shift and width
  const groupNames = [...new Set(names.map(groupName))].sort((a, b) =>
    a === 'metabolites' ? -1 : b === 'metabolites' ? 1 : 0,
  );
  const groupOf = Int32Array.from(names, (name) => groupNames.indexOf(groupName(name)));
  return { names, fids, groupNames, groupOf };
}

/** Names of the built-in components to add: `true` adds all not already in the basis, `false` none. */
function builtInMacromolecules(basisNames: readonly string[], addMacromolecules: boolean | undefined): string[] {
  const upper = UPPER_MACROMOLECULE_LINES.map((line) => line.name);
  if (addMacromolecules === false) return [];
  if (addMacromolecules === true) return [MACROMOLECULE_COMPONENT.name, ...upper].filter((name) => !basisNames.includes(name));
  const hasAny = basisNames.some((name) => MACROMOLECULE_NAME.test(name));
  return [...(hasAny ? [] : [MACROMOLECULE_COMPONENT.name]), ...(lacksUpperMacromolecules(basisNames) ? upper : [])];
}

/** Basis FIDs plus built-in ones, one array per basis array, field and added set (later caches key on it). */
const withBuiltIn = new WeakMap<Float64Array[], Map<string, Float64Array[]>>();

function withBuiltInFids(fids: Float64Array[], added: string[], grid: FitGrid): Float64Array[] {
  if (added.length === 0) return fids;
  let byKey = withBuiltIn.get(fids);
  if (!byKey) {
    byKey = new Map();
    withBuiltIn.set(fids, byKey);
  }
  const key = `${grid.spectrometerFrequencyMHz}:${added.join(',')}`;
  let out = byKey.get(key);
  if (!out) {
    out = [...fids, ...added.map((name) => builtInFid(name, grid))];
    byKey.set(key, out);
  }
  return out;
}

function builtInFid(name: string, grid: FitGrid): Float64Array {
  if (name === MACROMOLECULE_COMPONENT.name) return peakComponentFid(MACROMOLECULE_COMPONENT, grid);
  const line = UPPER_MACROMOLECULE_LINES.find((l) => l.name === name);
  if (!line) throw new DataError(`fitSpectrum: no built-in macromolecule ${name}`);
  return broadMacromoleculeFid(line, grid);
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
