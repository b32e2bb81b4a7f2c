import { PPM_CENTRE_1H } from '../dsp/ppm.js';
import type { FitGrid } from './fitOptions.js';

/**
 * One peak-model component: lines with fixed relative shifts and intensities (protons), one amplitude. All
 * components share one fitted lineshape (shift, Lorentzian and Gaussian broadening).
 */
export interface PeakComponent {
  name: string;
  lines: { ppm: number; protons: number }[];
  /** Lorentzian width built into the component (ppm FWHM), for broad macromolecule lines. */
  intrinsicWidthPpm?: number;
}

/**
 * Broad macromolecule lines with fixed relative intensities and their own width: one amplitude, because free
 * MM lines or MM lineshapes trade signal with NAA and Glx.
 */
export const MACROMOLECULE_COMPONENT: PeakComponent = {
  name: 'MM',
  lines: [{ ppm: 0.91, protons: 3 }, { ppm: 1.21, protons: 2 }, { ppm: 1.39, protons: 2 }, { ppm: 1.67, protons: 2 }, { ppm: 2.04, protons: 1.5 }],
  intrinsicWidthPpm: 0.15,
};

/**
 * Prior knowledge for a quick 1H fit at short TE (3T-like chemical shifts, Govindaraju et al. 2000).
 * Multiplets are approximated by their main lines with fixed ratios; amplitudes are per molecule
 * (one unit = one molecule's protons), so ratios between components compare like concentrations.
 */
export const PEAK_COMPONENTS: PeakComponent[] = [
  { name: 'NAA', lines: [{ ppm: 2.008, protons: 3 }, { ppm: 2.486, protons: 0.5 }, { ppm: 2.52, protons: 0.5 }, { ppm: 2.673, protons: 0.5 }, { ppm: 2.706, protons: 0.5 }] },
  { name: 'Cr', lines: [{ ppm: 3.027, protons: 3 }, { ppm: 3.913, protons: 2 }] },
  { name: 'Cho', lines: [{ ppm: 3.208, protons: 9 }] },
  { name: 'Ins', lines: [{ ppm: 3.522, protons: 2 }, { ppm: 3.614, protons: 2 }, { ppm: 4.054, protons: 1 }, { ppm: 3.269, protons: 1 }] },
  { name: 'Glu', lines: [{ ppm: 3.744, protons: 1 }, { ppm: 2.042, protons: 1 }, { ppm: 2.12, protons: 1 }, { ppm: 2.334, protons: 1 }, { ppm: 2.352, protons: 1 }] },
  { name: 'Gln', lines: [{ ppm: 3.753, protons: 1 }, { ppm: 2.109, protons: 1 }, { ppm: 2.129, protons: 1 }, { ppm: 2.432, protons: 1 }, { ppm: 2.455, protons: 1 }] },
  MACROMOLECULE_COMPONENT,
];

/**
 * Component FID: Σ protons · exp(i·2π·(ppm − 4.65)·f0·t), damped only by the intrinsic width (the fitted
 * lineshape adds the rest).
 */
export function peakComponentFid(component: PeakComponent, grid: FitGrid): Float64Array {
  const fid = new Float64Array(2 * grid.points);
  const decayPerPoint = Math.PI * (component.intrinsicWidthPpm ?? 0) * grid.spectrometerFrequencyMHz * grid.dwellTimeS;
  for (const { ppm, protons } of component.lines) {
    const omega = 2 * Math.PI * (ppm - PPM_CENTRE_1H) * grid.spectrometerFrequencyMHz * grid.dwellTimeS;
    for (let n = 0; n < grid.points; n++) {
      const a = protons * Math.exp(-decayPerPoint * n);
      fid[2 * n] += a * Math.cos(omega * n);
      fid[2 * n + 1] += a * Math.sin(omega * n);
    }
  }
  return fid;
}
