import { parseNamelists, type Namelist } from './lcmodelNamelist.js';
import { parseNumberList } from './textNumbers.js';

/** One `$BASIS` entry of an LCModel .BASIS file, spectrum as stored (interleaved complex). */
export interface LcmodelBasisEntry {
  name: string;
  spectrum: Float64Array;
  /** Circular shift (points) LCModel applied to this spectrum when it was made. */
  ishift: number;
}

export interface LcmodelBasisFile {
  /** Global values from $SEQPAR and $BASIS1 (HZPPPM, ECHOT, BADELT, NDATAB, IDBASI …). */
  header: Map<string, string>;
  entries: LcmodelBasisEntry[];
}

/** Parse namelists and the NDATAB complex numbers after each `$BASIS`; returns a problem string on failure. */
export function parseLcmodelBasis(text: string): LcmodelBasisFile | string {
  const lists = parseNamelists(text);
  const basis1 = lists.find((l) => l.name === 'BASIS1');
  if (!basis1) return 'not an LCModel basis file (no $BASIS1 namelist)';
  const header = new Map<string, string>();
  for (const list of lists.filter((l) => l.name === 'SEQPAR' || l.name === 'BASIS1')) {
    for (const [k, v] of list.values) header.set(k, v);
  }
  const points = Number(header.get('NDATAB'));
  if (!(Number.isInteger(points) && points > 0)) return `invalid NDATAB ${header.get('NDATAB')}`;
  const entries: LcmodelBasisEntry[] = [];
  const basisLists = lists.filter((l) => l.name === 'BASIS');
  for (const list of basisLists) {
    const entry = readEntry(text, list, points);
    if (typeof entry === 'string') return entry;
    entries.push(entry);
  }
  if (entries.length === 0) return 'basis file holds no $BASIS entries';
  return { header, entries };
}

function readEntry(text: string, list: Namelist, points: number): LcmodelBasisEntry | string {
  const name = list.values.get('METABO') ?? list.values.get('ID') ?? '';
  if (name === '') return 'a $BASIS entry has no METABO name';
  const next = text.slice(list.end).search(/[$&]/);
  const block = next < 0 ? text.slice(list.end) : text.slice(list.end, list.end + next);
  const numbers = parseNumberList(block);
  if (!numbers) return `data of ${name} contains something other than numbers`;
  // Some writers (an old Osprey export) drop the last point; LCModel pads its arrays with zeros.
  if (numbers.length !== 2 * points && numbers.length !== 2 * (points - 1)) {
    return `${name} holds ${numbers.length / 2} points, NDATAB says ${points}`;
  }
  const spectrum = new Float64Array(2 * points);
  spectrum.set(numbers);
  return { name, spectrum, ishift: Number(list.values.get('ISHIFT') ?? 0) || 0 };
}
