import type { Basis } from '../../../src/types/basis.js';
import { SeededRandom } from '../../../src/util/rng.js';
import { applyVoigtLineshapeInPlace, type VoigtLineshape } from './voigtLineshape.js';

export interface SyntheticSpectrumSpec extends VoigtLineshape {
  amplitudes: Record<string, number>;
  /** SD of the complex noise added to each real component of each time-domain sample. */
  noiseSd: number;
  seed: number;
}

/**
 * A FID built from a basis with a known answer: Σ a_j·b_j(t), broadened, shifted and phased, plus white
 * Gaussian noise (seeded).
 */
export function syntheticFid(basis: Basis, spec: SyntheticSpectrumSpec): Float64Array {
  const points = basis.points;
  const fid = new Float64Array(2 * points);
  for (const [name, amplitude] of Object.entries(spec.amplitudes)) {
    const j = basis.names.indexOf(name);
    if (j < 0) throw new Error(`basis has no ${name}`);
    for (let i = 0; i < 2 * points; i++) fid[i] += amplitude * basis.fids[j][i];
  }
  applyVoigtLineshapeInPlace(fid, basis.dwellTimeS, spec);
  const rng = new SeededRandom(spec.seed);
  for (let i = 0; i < 2 * points; i++) fid[i] += spec.noiseSd * rng.normal();
  return fid;
}

/** Typical grey-matter-like amplitudes (mM-like) for the challenge basis names. */
export const BRAIN_LIKE_AMPLITUDES: Record<string, number> = {
  NAA: 12,
  NAAG: 1.2,
  Cr: 4.5,
  PCr: 4,
  GPC: 1,
  PCho: 0.6,
  Ins: 6.5,
  Glu: 11,
  Gln: 3,
  GABA: 1.2,
  GSH: 1.5,
  Tau: 1.5,
  Lac: 0.5,
  Asp: 2,
  Mac: 1,
};
