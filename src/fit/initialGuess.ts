/**
 * Starting values for the nonlinear fit, robust to residual offsets larger than a linewidth (where a local
 * optimiser alone would lock onto the wrong peak).
 */

/**
 * Weighted sum of the model columns (each scaled to unit peak magnitude), a phase-agnostic template of
 * where signal is expected. `columns` is column-major complex, `count` columns of length `len`.
 */
export function templateSpectrum(columns: Float64Array, count: number, len: number): Float64Array {
  const template = new Float64Array(len);
  for (let j = 0; j < count; j++) {
    let peak = 0;
    for (let i = 0; i < len; i += 2) peak = Math.max(peak, columns[j * len + i] ** 2 + columns[j * len + i + 1] ** 2);
    if (peak === 0) continue;
    const scale = 1 / Math.sqrt(peak);
    for (let i = 0; i < len; i++) template[i] += columns[j * len + i] * scale;
  }
  return template;
}

/**
 * How much better a lag outside the preferred range must score than the best inside it: a Cr-only spectrum
 * scores 1.47× higher with its singlet on Cho (0.18 ppm away) than on Cr, a room-temperature phantom 3.7×
 * higher at its true offset (0.18 ppm) than at any offset within 0.15 ppm.
 */
const OUTER_LAG_SCORE_RATIO = 2;

/**
 * Offset (in spectrum bins, fractional) that best aligns the template's magnitude with the data's, by
 * cross-correlation over lags |lag| ≤ maxLag; `firstIndex` is where the template starts in the full data
 * spectrum. Both magnitudes are high-passed first (minus a moving average over ±`smoothBins`), so broad
 * features such as a residual water tail or baseline cannot pull the alignment. Lags beyond `preferredLag`
 * (default: all of them preferred) are taken only when they score clearly higher than the best within it.
 */
export function bestMagnitudeLag(
  fullSpectrum: Float64Array,
  firstIndex: number,
  template: Float64Array,
  maxLag: number,
  smoothBins: number,
  preferredLag: number = maxLag,
): number {
  const m = template.length / 2;
  const points = fullSpectrum.length / 2;
  const reference = new Float64Array(m);
  for (let i = 0; i < m; i++) reference[i] = Math.sqrt(template[2 * i] ** 2 + template[2 * i + 1] ** 2);
  // data magnitudes over every index a lag can reach, computed once
  const magnitude = new Float64Array(m + 2 * maxLag);
  for (let i = 0; i < magnitude.length; i++) {
    const k = firstIndex - maxLag + i;
    if (k >= 0 && k < points) magnitude[i] = Math.sqrt(fullSpectrum[2 * k] ** 2 + fullSpectrum[2 * k + 1] ** 2);
  }
  highPassInPlace(reference, smoothBins);
  highPassInPlace(magnitude, smoothBins);
  const scores = new Float64Array(2 * maxLag + 1);
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += reference[i] * magnitude[i + lag + maxLag];
    scores[lag + maxLag] = s;
  }
  let best = maxLag;
  for (let i = 0; i < scores.length; i++) if (Math.abs(i - maxLag) <= preferredLag && scores[i] > scores[best]) best = i;
  // a lag beyond the preferred range must beat the best inside it clearly: one singlet of a sparse spectrum
  // (Cr alone) matches another metabolite's singlet (Cho, 0.18 ppm away) almost as well as its own
  let outer = -1;
  for (let i = 0; i < scores.length; i++) if (Math.abs(i - maxLag) > preferredLag && (outer < 0 || scores[i] > scores[outer])) outer = i;
  // …unless the best inside sits on the range's edge: the score still rises outward, the peak lies beyond
  const onEdge = preferredLag < maxLag && Math.abs(best - maxLag) === preferredLag;
  if (outer >= 0 && (onEdge ? scores[outer] > scores[best] : scores[outer] > OUTER_LAG_SCORE_RATIO * scores[best])) best = outer;
  let refined = best - maxLag;
  if (best > 0 && best < scores.length - 1) {
    const [a, b, c] = [scores[best - 1], scores[best], scores[best + 1]];
    const curvature = a - 2 * b + c;
    if (curvature < 0) refined += (0.5 * (a - c)) / curvature;
  }
  return refined;
}

/**
 * Zero-order phase (rad) that best rotates the template onto the data starting at `start` in the full
 * spectrum: arg Σ conj(template)·data.
 */
export function bestZeroOrderPhase(fullSpectrum: Float64Array, start: number, template: Float64Array): number {
  let re = 0;
  let im = 0;
  const points = fullSpectrum.length / 2;
  for (let i = 0; i < template.length / 2; i++) {
    const k = start + i;
    if (k < 0 || k >= points) continue;
    const dr = fullSpectrum[2 * k];
    const di = fullSpectrum[2 * k + 1];
    re += template[2 * i] * dr + template[2 * i + 1] * di;
    im += template[2 * i] * di - template[2 * i + 1] * dr;
  }
  return Math.atan2(im, re);
}

/** x minus its moving average over ±radius samples (window shrinks at the ends). */
function highPassInPlace(x: Float64Array, radius: number): void {
  const n = x.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + x[i];
  const smooth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - radius);
    const b = Math.min(n - 1, i + radius);
    smooth[i] = (prefix[b + 1] - prefix[a]) / (b - a + 1);
  }
  for (let i = 0; i < n; i++) x[i] -= smooth[i];
}
