import { fidToSpectrum } from '../../dsp/fft.js';
import type { FitGrid } from '../fitOptions.js';
import { fillModulation } from '../modulation.js';
import type { SharedLineshape } from './sharedLineshape.js';

/**
 * The linear model at fixed θ over the fitted range (each array interleaved complex, 2·range length):
 * component columns A_j = e^{iφ(ν)}·FFT[b_j·modulation_g]; optionally two linearised lineshape columns,
 * ∂(Σ_j c̄_j·A_j) for a frequency change and for a Lorentzian-width change common to all groups (c̄: the
 * average's amplitudes; field effects such as BOLD act on every resonance alike), whose betas are changes
 * that follow the design; then the baseline columns. Per component also the phased transforms of
 * t·b_j·modulation_g and t²·b_j·modulation_g, from which ∂A_j/∂θ follow.
 */
export interface ModelColumns {
  /** Components, lineshape columns (shift then width, when present), baseline columns. */
  columns: Float64Array[];
  componentCount: number;
  lineshapeColumnCount: number;
  /**
   * θ indices the lineshape columns stand in for (group 0's shift and width: the columns' baseline betas
   * are their corrections), left out of the Fisher information.
   */
  linearisedTheta: number[];
  timesT: Float64Array[];
  timesT2: Float64Array[];
}

export function modelColumns(shared: SharedLineshape, grid: FitGrid, timeVaryingLineshape = false): ModelColumns {
  const { components, range, theta } = shared;
  const points = grid.points;
  const groupCount = components.groupNames.length;
  const modulations = Array.from({ length: groupCount }, (_, g) => {
    const out = new Float64Array(2 * points);
    fillModulation(out, points, grid.dwellTimeS, theta[g], theta[groupCount + g], theta[2 * groupCount + g]);
    return out;
  });
  const phi0 = theta[3 * groupCount];
  const phi1 = theta[3 * groupCount + 1];
  const phaseCos = new Float64Array(range.length);
  const phaseSin = new Float64Array(range.length);
  for (let i = 0; i < range.length; i++) {
    const phi = phi0 + phi1 * (range.ppm[i] - range.phasePivotPpm);
    phaseCos[i] = Math.cos(phi);
    phaseSin[i] = Math.sin(phi);
  }
  const fid = new Float64Array(2 * points);
  const spectrum = new Float64Array(2 * points);
  const phasedRange = (): Float64Array => {
    fidToSpectrum(fid, spectrum);
    const out = new Float64Array(2 * range.length);
    const first = 2 * range.firstIndex;
    for (let i = 0; i < range.length; i++) {
      const re = spectrum[first + 2 * i];
      const im = spectrum[first + 2 * i + 1];
      out[2 * i] = re * phaseCos[i] - im * phaseSin[i];
      out[2 * i + 1] = re * phaseSin[i] + im * phaseCos[i];
    }
    return out;
  };
  const columns: Float64Array[] = [];
  const timesT: Float64Array[] = [];
  const timesT2: Float64Array[] = [];
  const modulated = new Float64Array(2 * points);
  components.fids.forEach((basisFid, j) => {
    const mod = modulations[components.groupOf[j]];
    for (let n = 0; n < points; n++) {
      const re = basisFid[2 * n];
      const im = basisFid[2 * n + 1];
      modulated[2 * n] = re * mod[2 * n] - im * mod[2 * n + 1];
      modulated[2 * n + 1] = re * mod[2 * n + 1] + im * mod[2 * n];
    }
    for (const power of [0, 1, 2]) {
      for (let n = 0; n < points; n++) {
        const w = (n * grid.dwellTimeS) ** power;
        fid[2 * n] = w * modulated[2 * n];
        fid[2 * n + 1] = w * modulated[2 * n + 1];
      }
      (power === 0 ? columns : power === 1 ? timesT : timesT2).push(phasedRange());
    }
  });
  const model: ModelColumns = {
    columns,
    componentCount: components.names.length,
    lineshapeColumnCount: timeVaryingLineshape ? 2 : 0,
    linearisedTheta: timeVaryingLineshape ? [0, groupCount] : [],
    timesT,
    timesT2,
  };
  if (timeVaryingLineshape) {
    const derivatives = modelDerivatives(model, shared, shared.amplitudes);
    const commonChange = (first: number): Float64Array => {
      const sum = new Float64Array(2 * range.length);
      for (let g = 0; g < groupCount; g++) for (let i = 0; i < sum.length; i++) sum[i] += derivatives[first + g][i];
      return sum;
    };
    columns.push(commonChange(0), commonChange(groupCount));
  }
  columns.push(...range.baselineColumns);
  return model;
}

/**
 * ∂(Σ_j c_j·A_j)/∂θ_k for every θ_k (columns in θ order, each interleaved complex): shift i·2π·t,
 * Lorentzian −π·t, Gaussian rate −t², zero-order phase i, first-order phase i·(ppm − pivot).
 */
export function modelDerivatives(model: ModelColumns, shared: SharedLineshape, amplitudes: Float64Array): Float64Array[] {
  const { components, range } = shared;
  const groupCount = components.groupNames.length;
  const len = 2 * range.length;
  const derivatives = Array.from({ length: 3 * groupCount + 2 }, () => new Float64Array(len));
  const phase0 = derivatives[3 * groupCount];
  const phase1 = derivatives[3 * groupCount + 1];
  for (let j = 0; j < model.componentCount; j++) {
    const c = amplitudes[j];
    if (c === 0) continue;
    const g = components.groupOf[j];
    const shift = derivatives[g];
    const lorentzian = derivatives[groupCount + g];
    const gaussian = derivatives[2 * groupCount + g];
    const column = model.columns[j];
    const t1 = model.timesT[j];
    const t2 = model.timesT2[j];
    for (let i = 0; i < range.length; i++) {
      const re = 2 * i;
      const im = re + 1;
      shift[re] -= 2 * Math.PI * c * t1[im];
      shift[im] += 2 * Math.PI * c * t1[re];
      lorentzian[re] -= Math.PI * c * t1[re];
      lorentzian[im] -= Math.PI * c * t1[im];
      gaussian[re] -= c * t2[re];
      gaussian[im] -= c * t2[im];
      const lever = range.ppm[i] - range.phasePivotPpm;
      phase0[re] -= c * column[im];
      phase0[im] += c * column[re];
      phase1[re] -= c * lever * column[im];
      phase1[im] += c * lever * column[re];
    }
  }
  return derivatives;
}
