/**
 * An independent parser and conformance check for LCModel `.BASIS` text, for tests (no glutrace reader code).
 * Layout per the LCModel manual: namelists $SEQPAR (FWHMBA, HZPPPM, ECHOT, SEQ) and $BASIS1 (IDBASI, FMTBAS,
 * BADELT, NDATAB); then per metabolite a $NMUSED (MAKEBASIS's record, which LCModel skips) and a $BASIS namelist (ID, METABO, CONC, TRAMP, VOLUME,
 * ISHIFT) followed by NDATAB complex spectrum values read with the Fortran format FMTBAS.
 */

export type NamelistValue = string | number | boolean | number[];

export interface Namelist {
  name: string;
  values: Map<string, NamelistValue>;
}

export interface LcmodelBasisEntry {
  basis: Namelist;
  /** Interleaved (re, im), NDATAB complex values, in file order (LCModel's unshifted FFT order). */
  spectrum: Float64Array;
  /** The data lines as written, for the format check. */
  lines: string[];
}

export interface LcmodelBasisParsed {
  /** Namelist names in file order. */
  order: string[];
  seqpar: Namelist | null;
  basis1: Namelist;
  entries: LcmodelBasisEntry[];
}

/** Split the text into namelists and the data lines after each $BASIS. */
export function parseLcmodelBasisStrict(text: string): LcmodelBasisParsed {
  const lines = text.split(/\r?\n/);
  const namelists: { namelist: Namelist; dataLines: string[] }[] = [];
  let i = 0;
  while (i < lines.length) {
    const start = /^\s*[$&](\w+)/.exec(lines[i]);
    if (!start) {
      namelists.at(-1)?.dataLines.push(lines[i]);
      i++;
      continue;
    }
    let body = lines[i].slice(start[0].length);
    while (!/[$&]END\b|\/\s*$/i.test(body) && i + 1 < lines.length) body += `\n${lines[++i]}`;
    i++;
    namelists.push({ namelist: { name: start[1].toUpperCase(), values: parseAssignments(body.replace(/[$&]END\b[\s\S]*$/i, '')) }, dataLines: [] });
  }
  const seqpar = namelists.find((n) => n.namelist.name === 'SEQPAR')?.namelist ?? null;
  const basis1 = namelists.find((n) => n.namelist.name === 'BASIS1')?.namelist;
  if (!basis1) throw new Error('no $BASIS1 namelist');
  const points = Number(basis1.values.get('NDATAB'));
  const width = Number(/E\s*(\d+)\./i.exec(String(basis1.values.get('FMTBAS')))?.[1]);
  const entries = namelists
    .filter((n) => n.namelist.name === 'BASIS')
    .map(({ namelist, dataLines }) => {
      // Fortran reads fixed-width fields by column, not whitespace-separated tokens.
      const numbers = dataLines.flatMap((line) => fixedFields(line, width)).map((t) => Number(t.replace(/[dD]/, 'E')));
      if (numbers.length !== 2 * points) throw new Error(`${String(namelist.values.get('METABO'))}: ${numbers.length / 2} complex values, NDATAB = ${points}`);
      return { basis: namelist, spectrum: Float64Array.from(numbers), lines: dataLines.filter((l) => l.trim() !== '') };
    });
  return { order: namelists.map((n) => n.namelist.name), seqpar, basis1, entries };
}

function fixedFields(line: string, width: number): string[] {
  const fields: string[] = [];
  for (let at = 0; at < line.length; at += width) if (line.slice(at, at + width).trim() !== '') fields.push(line.slice(at, at + width).trim());
  return fields;
}

/** `KEY = value, KEY = 'text', KEY = 0.5 -0.5` → map (keys upper-cased). */
function parseAssignments(body: string): Map<string, NamelistValue> {
  const values = new Map<string, NamelistValue>();
  const pattern = /([A-Za-z_]\w*)\s*=\s*('(?:[^']|'')*'|[^=]*?)\s*,?\s*(?=[A-Za-z_]\w*\s*=|$)/gs;
  for (const match of body.matchAll(pattern)) {
    const raw = match[2].trim().replace(/,$/, '').trim();
    values.set(match[1].toUpperCase(), parseValue(raw));
  }
  return values;
}

function parseValue(raw: string): NamelistValue {
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  if (/^\.?(T|F|TRUE|FALSE)\.?$/i.test(raw)) return /^\.?T/i.test(raw);
  const numbers = raw.split(/[\s,]+/).filter((t) => t !== '').map((t) => Number(t.replace(/[dD]/, 'E')));
  return numbers.length === 1 ? numbers[0] : numbers;
}

/** Deviations of a parsed basis from the layout LCModel reads. */
export function lcmodelBasisProblems(parsed: LcmodelBasisParsed): string[] {
  const problems: string[] = [];
  const number = (list: Namelist | null, key: string): number => {
    const value = list?.values.get(key);
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push(`${list?.name ?? 'SEQPAR'}.${key} is not a number`);
    return value as number;
  };
  if (!parsed.seqpar) problems.push('no $SEQPAR namelist');
  number(parsed.seqpar, 'HZPPPM');
  number(parsed.seqpar, 'FWHMBA');
  number(parsed.seqpar, 'ECHOT');
  if (typeof parsed.basis1.values.get('IDBASI') !== 'string') problems.push('BASIS1.IDBASI is not a string');
  const points = number(parsed.basis1, 'NDATAB');
  if (!Number.isInteger(points) || points < 2) problems.push(`NDATAB = ${points} is not a positive integer`);
  if (!(number(parsed.basis1, 'BADELT') > 0)) problems.push('BADELT is not positive');
  const format = /^\(\s*(\d+)\s*E\s*(\d+)\.(\d+)\s*\)$/i.exec(String(parsed.basis1.values.get('FMTBAS')));
  if (!format) problems.push(`FMTBAS ${String(parsed.basis1.values.get('FMTBAS'))} is not an (nEw.d) format`);
  // MAKEBASIS puts $NMUSED before every $BASIS; FID-A/Osprey's reader relies on it to end each spectrum's data.
  parsed.order.forEach((name, i) => {
    if (name === 'BASIS' && parsed.order[i - 1] !== 'NMUSED') problems.push(`$BASIS number ${parsed.order.slice(0, i + 1).filter((n) => n === 'BASIS').length} is not preceded by $NMUSED`);
  });
  const metabolites = new Set<string>();
  for (const entry of parsed.entries) {
    const metabo = entry.basis.values.get('METABO');
    if (typeof metabo !== 'string' || metabo.trim() === '') problems.push('a $BASIS has no METABO');
    // LCModel keeps metabolite names in CHARACTER*6 variables (MCHMET = 6): longer names are cut and may collide.
    else if (metabo.length > 6 || metabolites.has(metabo)) problems.push(`METABO '${metabo}' is longer than 6 characters or repeated`);
    else metabolites.add(metabo);
    for (const key of ['CONC', 'TRAMP', 'VOLUME']) number(entry.basis, key);
    if (!Number.isInteger(entry.basis.values.get('ISHIFT'))) problems.push(`${String(metabo)}: ISHIFT is not an integer`);
    if (format) problems.push(...dataLineProblems(entry.lines, Number(format[1]), Number(format[2]), String(metabo)));
  }
  return problems;
}

/**
 * Fortran reads each line field by field: field k is columns [k·width, (k+1)·width), blanks ignored. So a line
 * may hold at most `perLine` fields, and every field slice must hold exactly one E/F-format number.
 */
function dataLineProblems(lines: string[], perLine: number, width: number, metabo: string): string[] {
  const fortranReal = /^[-+]?\d*\.\d*([eEdD][-+]?\d+)?$/;
  for (const [index, line] of lines.entries()) {
    if (line.length > perLine * width) return [`${metabo}: data line ${index + 1} is ${line.length} characters, longer than ${perLine} fields of ${width}`];
    for (let at = 0; at < line.length; at += width) {
      const slice = line.slice(at, at + width).trim();
      if (!fortranReal.test(slice)) return [`${metabo}: field "${slice}" on data line ${index + 1} is not one Fortran real of width ${width}`];
    }
  }
  return [];
}

/**
 * Where the strongest point of a basis spectrum lies on LCModel's ppm axis: the spectrum is stored in unshifted
 * FFT order (index j ↔ j/(NDATAB·BADELT) Hz, wrapping to negative above NDATAB/2), and ppm falls as that
 * frequency rises, ppm = 4.65 − ν/HZPPPM. `sign` = −1 evaluates the opposite convention, for contrast.
 */
export function lcmodelPeakPpm(parsed: LcmodelBasisParsed, metabo: string, sign: 1 | -1 = 1): number {
  const entry = parsed.entries.find((e) => e.basis.values.get('METABO') === metabo);
  if (!entry) throw new Error(`no ${metabo}`);
  const points = Number(parsed.basis1.values.get('NDATAB'));
  const dwellS = Number(parsed.basis1.values.get('BADELT'));
  const hzPerPpm = Number(parsed.seqpar?.values.get('HZPPPM'));
  let best = -1;
  let bestIndex = 0;
  for (let j = 0; j < points; j++) {
    const magnitude = Math.hypot(entry.spectrum[2 * j], entry.spectrum[2 * j + 1]);
    if (magnitude > best) {
      best = magnitude;
      bestIndex = j;
    }
  }
  const hz = (bestIndex < points / 2 ? bestIndex : bestIndex - points) / (points * dwellS);
  return 4.65 - (sign * hz) / hzPerPpm;
}
