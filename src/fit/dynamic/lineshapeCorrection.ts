import type { ModelColumns } from './modelColumns.js';

/**
 * With time-varying lineshape, the model is linearised about the average fit: transient t's metabolites are
 * Σ_j c_j(t)·A_j + Δ_t·Σ_j c̄_j·T_j, where Δ_t = −π·δl_t + i·2π·δf_t (width and frequency changes common to
 * all components that follow the design) and T_j, T²_j are the transforms of t·b_j and t²·b_j. The exact model, e^{Δ_t·t} on every
 * component, differs from that by Σ_j [(c_j(t) − c̄_j)·Δ_t·T_j + c_j(t)·(Δ_t²/2)·T²_j] up to third order.
 * This returns the spectra minus that difference at the current betas, so re-solving the linear model on
 * them leaves only a third-order error (a −0.5 Hz change then biases the amplitudes by about 0.1 % instead
 * of a few tenths of a per cent).
 */
export function secondOrderCorrectedSpectra(
  spectra: Float64Array,
  designRows: Float64Array,
  model: ModelColumns,
  averageAmplitudes: Float64Array,
  betas: Float64Array,
  p: number,
  columnsOf: { shift: number; width: number },
): Float64Array {
  const kc = model.componentCount;
  const { shift: shiftColumn, width: widthColumn } = columnsOf;
  const len = model.columns[0].length;
  const n = designRows.length / p;
  const out = spectra.slice();
  const row = (t: number, column: number): number => {
    let v = 0;
    for (let r = 0; r < p; r++) v += designRows[t * p + r] * betas[column * p + r];
    return v;
  };
  for (let t = 0; t < n; t++) {
    const deltaRe = -Math.PI * row(t, widthColumn);
    const deltaIm = 2 * Math.PI * row(t, shiftColumn);
    // Δ²/2
    const halfSquareRe = (deltaRe * deltaRe - deltaIm * deltaIm) / 2;
    const halfSquareIm = deltaRe * deltaIm;
    const offset = t * len;
    for (let j = 0; j < kc; j++) {
      const amplitude = row(t, j);
      const firstOrder = amplitude - averageAmplitudes[j];
      const aRe = firstOrder * deltaRe;
      const aIm = firstOrder * deltaIm;
      const bRe = amplitude * halfSquareRe;
      const bIm = amplitude * halfSquareIm;
      const t1 = model.timesT[j];
      const t2 = model.timesT2[j];
      for (let i = 0; i < len; i += 2) {
        out[offset + i] -= aRe * t1[i] - aIm * t1[i + 1] + bRe * t2[i] - bIm * t2[i + 1];
        out[offset + i + 1] -= aRe * t1[i + 1] + aIm * t1[i] + bRe * t2[i + 1] + bIm * t2[i];
      }
    }
  }
  return out;
}
