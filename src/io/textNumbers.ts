/** Small helpers shared by the text-based formats (LCModel RAW/BASIS, jMRUI, plain text, SPAR). */

/** Parse whitespace-separated numbers (Fortran `D` exponents accepted); returns null at the first non-number. */
export function parseNumberList(text: string): Float64Array | null {
  const tokens = text.split(/[\s,]+/).filter((t) => t !== '');
  const out = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const value = Number(tokens[i].replace(/[dD]/, 'e'));
    if (!Number.isFinite(value)) return null;
    out[i] = value;
  }
  return out;
}

/** Decode bytes as Latin-1 (headers of vendor text formats are not UTF-8 safe). */
export function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}

/** True when the bytes look like text (no NULs and mostly printable) in the first `probe` bytes. */
export function looksLikeText(bytes: Uint8Array, probe = 4096): boolean {
  const n = Math.min(bytes.length, probe);
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)) printable++;
  }
  return n > 0 && printable / n > 0.95;
}
