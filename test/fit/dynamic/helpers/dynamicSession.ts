import type { DesignMatrix } from '../../../../src/fit/dynamic/designMatrix.js';
import type { Basis } from '../../../../src/types/basis.js';
import { SeededRandom } from '../../../../src/util/rng.js';
import { applyVoigtLineshapeInPlace, type VoigtLineshape } from '../../helpers/voigtLineshape.js';

/** A session with a known answer: every metabolite's amplitude is design × betas. */
export interface DynamicSessionSpec extends VoigtLineshape {
  basis: Basis;
  design: DesignMatrix;
  /** β per metabolite and regressor (regressors not listed: 0). */
  betas: Record<string, Record<string, number>>;
  /** Change of the Lorentzian width (Hz) per unit of each regressor (e.g. BOLD narrowing); default none. */
  lorentzianChangeHz?: Record<string, number>;
  /**
   * Per-transient offsets left by imperfect preprocessing (one value per transient): zero-order phase (deg),
   * frequency (Hz) and Lorentzian width (Hz) on top of the common lineshape; default none.
   */
  transientOffsets?: { phaseDeg: Float64Array; shiftHz: Float64Array; lorentzianHz: Float64Array };
  /** SD of each real component of each time-domain sample of one transient. */
  noiseSd: number;
  seed: number;
}

/**
 * Transients (n·2·points, transient-major): Σ_r X_tr·(Σ_j β_jr·b_j(t)), all with the same Voigt lineshape,
 * shift and phase (aligned; the Lorentzian width may follow the design), plus white Gaussian noise.
 */
export function simulateDynamicSession(spec: DynamicSessionSpec): Float64Array {
  const { basis, design } = spec;
  const points = basis.points;
  const n = design.columns[0].length;
  const perRegressor = design.names.map((regressor) => {
    const fid = new Float64Array(2 * points);
    for (const [name, byRegressor] of Object.entries(spec.betas)) {
      const beta = byRegressor[regressor] ?? 0;
      if (beta === 0) continue;
      const j = basis.names.indexOf(name);
      if (j < 0) throw new Error(`basis has no ${name}`);
      for (let i = 0; i < 2 * points; i++) fid[i] += beta * basis.fids[j][i];
    }
    applyVoigtLineshapeInPlace(fid, basis.dwellTimeS, spec);
    return fid;
  });
  const random = new SeededRandom(spec.seed);
  const out = new Float64Array(n * 2 * points);
  for (let t = 0; t < n; t++) {
    const offset = t * 2 * points;
    for (let r = 0; r < design.names.length; r++) {
      const x = design.columns[r][t];
      if (x === 0) continue;
      const fid = perRegressor[r];
      for (let i = 0; i < 2 * points; i++) out[offset + i] += x * fid[i];
    }
    const offsets = spec.transientOffsets;
    const widthChangeHz =
      design.names.reduce((sum, regressor, r) => sum + design.columns[r][t] * (spec.lorentzianChangeHz?.[regressor] ?? 0), 0) + (offsets?.lorentzianHz[t] ?? 0);
    const phaseDeg = offsets?.phaseDeg[t] ?? 0;
    const shiftHz = offsets?.shiftHz[t] ?? 0;
    if (widthChangeHz !== 0 || phaseDeg !== 0 || shiftHz !== 0) {
      applyVoigtLineshapeInPlace(out.subarray(offset, offset + 2 * points), basis.dwellTimeS, { lorentzianHz: widthChangeHz, gaussianHz: 0, shiftHz, phase0Deg: phaseDeg });
    }
    for (let i = 0; i < 2 * points; i++) out[offset + i] += spec.noiseSd * random.normal();
  }
  return out;
}
