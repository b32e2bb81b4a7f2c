/**
 * A number to `digits` significant digits without trailing zeros or float noise (8.33e-5, not
 * 0.00008330000127898529); very small or large magnitudes in exponent form.
 */
export function formatSignificant(value: number, digits = 6): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(digits));
  const magnitude = Math.abs(rounded);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e9) ? rounded.toExponential() : String(rounded);
}

/** Seconds shown as milliseconds to four significant digits, or "unknown". */
export function formatMs(seconds: number | null): string {
  return seconds === null ? 'unknown' : `${formatSignificant(seconds * 1000, 4)} ms`;
}
