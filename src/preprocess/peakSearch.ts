/** Locating one singlet in a spectrum, robust to the dispersion tails of its neighbours. */

export interface PhasedPeak {
  /** Fractional index of the absorption maximum (parabolic interpolation). */
  position: number;
  /** Index of the largest absorption sample. */
  index: number;
  /** Absorption height at `index` after phasing. */
  height: number;
  /** Zero-order phase that makes the peak absorptive, radians (spectrum·exp(−i·phase)). */
  phaseRad: number;
}

/**
 * The largest peak in spectrum indices [first, last]. Its phase is the argument of the spectrum summed
 * over ±`halfWidthPoints` around it (a Lorentzian's dispersion integrates to zero over a symmetric window,
 * so the sum is not pulled by the peak's own dispersion); the maximum is then taken on the absorption,
 * whose tails fall as 1/f², not on the magnitude, whose tails fall as 1/f and add up across neighbours.
 */
export function findPhasedPeak(spectrum: Float64Array, first: number, last: number, halfWidthPoints: number): PhasedPeak {
  const points = spectrum.length / 2;
  let index = first;
  let best = -1;
  for (let k = first; k <= last; k++) {
    const m = Math.hypot(spectrum[2 * k], spectrum[2 * k + 1]);
    if (m > best) {
      best = m;
      index = k;
    }
  }
  let phaseRad = 0;
  for (let pass = 0; pass < 2; pass++) {
    let re = 0;
    let im = 0;
    const lo = Math.max(0, index - halfWidthPoints);
    const hi = Math.min(points - 1, index + halfWidthPoints);
    for (let k = lo; k <= hi; k++) {
      re += spectrum[2 * k];
      im += spectrum[2 * k + 1];
    }
    phaseRad = Math.atan2(im, re);
    const c = Math.cos(phaseRad);
    const s = Math.sin(phaseRad);
    best = -Infinity;
    for (let k = Math.max(first, lo); k <= Math.min(last, hi); k++) {
      const a = spectrum[2 * k] * c + spectrum[2 * k + 1] * s;
      if (a > best) {
        best = a;
        index = k;
      }
    }
  }
  const c = Math.cos(phaseRad);
  const s = Math.sin(phaseRad);
  const absorption = (k: number) => spectrum[2 * k] * c + spectrum[2 * k + 1] * s;
  let offset = 0;
  if (index > 0 && index < points - 1) {
    const below = absorption(index - 1);
    const above = absorption(index + 1);
    const curvature = below - 2 * absorption(index) + above;
    if (curvature < 0) offset = Math.max(-1, Math.min(1, (0.5 * (below - above)) / curvature));
  }
  return { position: index + offset, index, height: absorption(index), phaseRad };
}
