import type { TransientNuisance } from './dynamicLinearModel.js';
import type { ModelColumns } from './modelColumns.js';

/**
 * The first-order effect on each transient's predicted spectrum m_t (at the current β) of its own
 * zero-order phase (i·m_t) and, unless the lineshape follows the design (`perTransientLineshape` false), of
 * its own frequency (i·2π·Σ_j c_j(t)·T_j) and Lorentzian width (−π·Σ_j c_j(t)·T_j): the nuisance directions
 * the linear solve projects out of that transient.
 *
 * Why: registration to a fixed reference leaves phase and frequency offsets that follow the spectrum's own
 * change, and linewidths drift; the amplitudes are very sensitive to phase and width, so a lineshape
 * shared by all transients turns those offsets into bias on the effects (window fits escape it by fitting
 * θ per window). The per-transient terms make the shared φ0, and the first group's shift and width,
 * redundant (their sums over groups), so those leave the Fisher information.
 */
export function transientNuisance(
  designRows: Float64Array,
  model: ModelColumns,
  betas: Float64Array,
  p: number,
  groupCount: number,
  perTransientLineshape: boolean,
): TransientNuisance {
  const columns = model.columns;
  const k = columns.length;
  const len = columns[0].length;
  const n = designRows.length / p;
  const count = perTransientLineshape ? 3 : 1;
  const directions = new Float64Array(n * count * len);
  const direction = (t: number, d: number): Float64Array => directions.subarray((t * count + d) * len, (t * count + d + 1) * len);
  for (let t = 0; t < n; t++) {
    const phase = direction(t, 0);
    for (let a = 0; a < k; a++) {
      let c = 0;
      for (let r = 0; r < p; r++) c += betas[a * p + r] * designRows[t * p + r];
      if (c === 0) continue;
      const column = columns[a];
      for (let i = 0; i < len; i += 2) {
        phase[i] -= c * column[i + 1];
        phase[i + 1] += c * column[i];
      }
      // baseline and lineshape columns are smooth or already derivatives: no shift or width term of their own
      if (!perTransientLineshape || a >= model.componentCount) continue;
      const shift = direction(t, 1);
      const width = direction(t, 2);
      const timesT = model.timesT[a];
      const w = 2 * Math.PI * c;
      for (let i = 0; i < len; i += 2) {
        shift[i] -= w * timesT[i + 1];
        shift[i + 1] += w * timesT[i];
        width[i] -= Math.PI * c * timesT[i];
        width[i + 1] -= Math.PI * c * timesT[i + 1];
      }
    }
  }
  const phase0Index = 3 * groupCount;
  return { directions, count, replacesTheta: perTransientLineshape ? [phase0Index, 0, groupCount] : [phase0Index] };
}
