import { PPM_CENTRE_1H } from '../dsp/ppm.js';
import type { FitGrid } from './fitOptions.js';

/** Broad Gaussian macromolecule lines with one amplitude (unit: one proton at t = 0). */
export interface BroadMacromolecule {
  /** LCModel-style name: MM and the centre in tenths of a ppm. */
  name: string;
  lines: { ppm: number; fwhmPpm: number; protons: number }[];
}

/**
 * Macromolecule lines under aspartate's multiplets (2.65/2.80 and 3.89 ppm) that LCModel's simulated MM09–MM20
 * set lacks (experts' consensus on brain macromolecules, Cudalbu et al. 2021 NMR Biomed 34:e4393; random-coil
 * proton shifts of the residues assigned to them): M2.70 (β-CH2 of aspartyl and asparaginyl residues) and the
 * α-CH band M3.86/M3.96. Without them aspartate took the broad signal there (in vivo Asp/tCr 0.5–2.3 instead
 * of ~0.1–0.4; src/fit/README.md, real scanner data). Each component is free, as LCModel fits MM09–MM20, with
 * LCModel's 0.2 ppm FWHM for its lines above 2.2 ppm. Left out: M2.26 and M3.75, which sit under Glu/Gln H4 and
 * H2 and, free, took Glu (phantom through the pipeline: Glu/tCr 1.08 → 0.99, LCModel 1.17), and M3.00/M3.21,
 * which fitted at or near zero on every in vivo file and only compete with Cr and Cho.
 */
export const UPPER_MACROMOLECULE_LINES: readonly BroadMacromolecule[] = [
  { name: 'MM27', lines: [{ ppm: 2.7, fwhmPpm: 0.2, protons: 1 }] },
  { name: 'MM39', lines: [{ ppm: 3.86, fwhmPpm: 0.2, protons: 1 }, { ppm: 3.96, fwhmPpm: 0.2, protons: 1 }] },
];

/** Parametric macromolecule or lipid lines named by their centre (MM09, Lip13a …). */
const PARAMETRIC_LINE_NAME = /^(mm|lip)(\d\d)[a-z]?$/i;
/** Basis names taken as macromolecule or lipid spectra. */
export const MACROMOLECULE_NAME = /^(mm|mac|lip)/i;
/** Parametric lines centred at or above this (in tenths of a ppm) already model the upper macromolecules. */
const UPPER_REGION_TENTHS = 25;

/**
 * Whether a basis needs the upper lines: it has no macromolecule spectra, or only parametric lines below
 * 2.5 ppm (LCModel's MM09–MM20 and Lip09–Lip20). A measured macromolecule spectrum (Mac, mm) covers them.
 */
export function lacksUpperMacromolecules(names: readonly string[]): boolean {
  return names
    .filter((name) => MACROMOLECULE_NAME.test(name))
    .every((name) => {
      const match = PARAMETRIC_LINE_NAME.exec(name);
      return match !== null && Number(match[2]) < UPPER_REGION_TENTHS;
    });
}

/** FID: Σ protons · exp(i·2π·(ppm − 4.65)·f0·t − (π·FWHM·t)²/(4 ln 2)) over the component's Gaussian lines. */
export function broadMacromoleculeFid(component: BroadMacromolecule, grid: FitGrid): Float64Array {
  const fid = new Float64Array(2 * grid.points);
  for (const { ppm, fwhmPpm, protons } of component.lines) {
    const omega = 2 * Math.PI * (ppm - PPM_CENTRE_1H) * grid.spectrometerFrequencyMHz * grid.dwellTimeS;
    const gaussianRate = (Math.PI * fwhmPpm * grid.spectrometerFrequencyMHz * grid.dwellTimeS) ** 2 / (4 * Math.LN2);
    for (let n = 0; n < grid.points; n++) {
      const a = protons * Math.exp(-gaussianRate * n * n);
      fid[2 * n] += a * Math.cos(omega * n);
      fid[2 * n + 1] += a * Math.sin(omega * n);
    }
  }
  return fid;
}
