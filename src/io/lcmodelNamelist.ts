/**
 * Fortran namelists as LCModel writes them: `$NAME key=value, key='text' … $END` (or `&NAME … /`).
 * Keys come back upper-cased; values as strings with quotes removed.
 */
export interface Namelist {
  name: string;
  values: Map<string, string>;
  /** Character offset just past the terminating `$END` or `/`. */
  end: number;
}

const START = /[$&]([A-Za-z]\w*)/g;

/** All namelists in `text` that start before `limit`, in order. */
export function parseNamelists(text: string, limit = text.length): Namelist[] {
  const out: Namelist[] = [];
  START.lastIndex = 0;
  for (let match = START.exec(text); match && match.index < limit; match = START.exec(text)) {
    const name = match[1].toUpperCase();
    if (name === 'END') continue;
    const bodyStart = match.index + match[0].length;
    const close = findClose(text, bodyStart);
    if (close < 0) break;
    out.push({ name, values: parseAssignments(text.slice(bodyStart, close)), end: closeEnd(text, close) });
    START.lastIndex = closeEnd(text, close);
  }
  return out;
}

/** Position of the terminator: `$END`/`&END` (outside quotes) or a bare `/` at the end of the list. */
function findClose(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if ((c === '$' || c === '&') && text.slice(i + 1, i + 4).toUpperCase() === 'END') {
      return i;
    } else if (c === '/') {
      return i;
    }
  }
  return -1;
}

function closeEnd(text: string, close: number): number {
  return text[close] === '/' ? close + 1 : close + 4;
}

function parseAssignments(body: string): Map<string, string> {
  const values = new Map<string, string>();
  const assignment = /([A-Za-z_]\w*(?:\(\d+\))?)\s*=\s*('(?:[^']*)'|"(?:[^"]*)"|[^,\s]+)/g;
  for (let m = assignment.exec(body); m; m = assignment.exec(body)) {
    values.set(m[1].toUpperCase(), m[2].replace(/^['"]|['"]$/g, '').trim());
  }
  return values;
}
