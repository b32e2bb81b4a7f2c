import { forwardFft } from '../dsp/fft.js';
import { choleskyFactor, choleskySolve, leadingInverseColumns } from './linearAlgebra.js';
import type { LeastSquaresProblem } from './levenbergMarquardt.js';
import { fillModulation } from './modulation.js';
import { NonNegativeLeastSquares } from './nonNegativeLeastSquares.js';

/** Converts a Gaussian FWHM G (Hz) to the time-domain decay rate s of exp(−s·t²): s = k·G². */
export const GAUSSIAN_RATE_PER_HZ2 = (Math.PI * Math.PI) / (4 * Math.LN2);

export interface LineshapeProblemSpec {
  /** Component FIDs on the data grid (interleaved complex, 2·points each). */
  componentFids: Float64Array[];
  /** Lineshape group of each component (shift, Lorentzian and Gaussian widths are per group). */
  groupOf: Int32Array;
  groupCount: number;
  points: number;
  dwellTimeS: number;
  /** Inclusive spectrum index range fitted. */
  firstIndex: number;
  lastIndex: number;
  /** ppm of each fitted index (length lastIndex − firstIndex + 1). */
  ppm: Float64Array;
  /** Pivot of the first-order phase, ppm. */
  phasePivotPpm: number;
  /** Data spectrum over the fitted range (interleaved complex). */
  data: Float64Array;
  /** Extra linear columns (baseline), complex over the fitted range, fitted without sign constraint. */
  extraColumns: Float64Array[];
  /**
   * Optional quadratic penalty on the extra columns' coefficients (row-major, extraColumns.length²), added to
   * their Gram block: a regularised baseline (splineBaseline.ts). The amplitudes then solve the penalised
   * least-squares problem, and the penalty enters the Fisher information as prior information.
   */
  extraPenalty?: Float64Array;
  /**
   * When `componentFids` are band-windowed versions of longer FIDs (see spectralWindow.ts): the full FIDs and
   * grid, so `refreshBandCorrection` can make the windowed model exact at a chosen θ.
   */
  fullBand?: { componentFids: Float64Array[]; points: number; dwellTimeS: number; firstIndex: number };
}

/**
 * The linear-combination lineshape model, in the frequency domain over a ppm range:
 *   m(ν) = e^{i(φ0 + φ1·(ppm − pivot))} · Σ_j c_j · FFT[b_j(t) · e^{(−π·l_g + i·2π·δ_g)·t − s_g·t²}](ν) + Σ_k d_k·x_k(ν)
 * with nonlinear θ = [δ_0…δ_G−1 (Hz), l_0…l_G−1 (Hz), s_0…s_G−1 (s⁻²), φ0 (rad), φ1 (rad/ppm)] and linear amplitudes
 * c ≥ 0, d free. As a `LeastSquaresProblem` it exposes the variable-projection residual r(θ) = y − A(θ)·c(θ)
 * (c from non-negative least squares) and Kaufman's approximation of its Jacobian, −P⊥·(∂A/∂θ)·c.
 */
export class LineshapeProblem implements LeastSquaresProblem {
  readonly parameterCount: number;
  readonly residualCount: number;
  readonly componentCount: number;
  readonly columnCount: number;
  readonly groupCount: number;
  /** Linear amplitudes (components then extra columns) at the latest evaluation. */
  readonly amplitudes: Float64Array;
  /** Complex model, its phased component part and the extra-column part at the latest evaluation. */
  readonly model: Float64Array;
  readonly componentModel: Float64Array;
  readonly extraModel: Float64Array;
  /** Model derivatives ∂m/∂θ (column-major), filled by `updateModelDerivatives` (and so by `jacobian` and `normalEquations`). */
  readonly modelDerivatives: Float64Array;
  /** Column-major complex columns A (each 2·rangeLength), filled by `residuals`. */
  readonly columns: Float64Array;

  private readonly spec: LineshapeProblemSpec;
  private readonly rangeLength: number;
  private readonly timeS: Float64Array;
  private readonly modulations: Float64Array[];
  private readonly scratchFid: Float64Array;
  private readonly scratchSpectrum: Float64Array<ArrayBuffer>;
  private readonly rangeScratch: Float64Array;
  private readonly phaseCos: Float64Array;
  private readonly phaseSin: Float64Array;
  private readonly gram: Float64Array;
  private readonly rhs: Float64Array;
  private readonly norms: Float64Array;
  private readonly scaledGram: Float64Array;
  private readonly scaledRhs: Float64Array;
  private readonly scaledSolution: Float64Array;
  private readonly nonNegative: Uint8Array;
  private readonly nnls: NonNegativeLeastSquares;
  private readonly groupSum: Float64Array;
  private readonly projectionFactor: Float64Array;
  private readonly projectionGram: Float64Array;
  private readonly projectionRhs: Float64Array;
  private readonly passiveIndex: Int32Array;
  /** θ at which `columns` were last built (valid once `columnsBuilt`): a repeated evaluation skips the transforms. */
  private readonly columnsAt: Float64Array;
  private columnsBuilt = false;
  /**
   * With `spec.fullBand`: the correction (full-band minus windowed component spectra over the range, unphased,
   * added to every column) and full-length scratch buffers to compute it.
   */
  private readonly band: {
    correction: Float64Array;
    /** False after a `refreshBandCorrection` for the last θ (the correction was not stored). */
    valid: boolean;
    modulations: Float64Array[];
    fid: Float64Array;
    spectrum: Float64Array<ArrayBuffer>;
  } | null;
  /** L⁻¹·A_PᵀD per parameter (row k holds up to n entries), for `normalEquations`. */
  private readonly projectedDerivatives: Float64Array;
  /** Per column: −1 general complex, 0 real only, 1 imaginary only (baseline columns are one or the other). */
  private readonly columnPart: Int8Array;
  /**
   * Per column, the interleaved index range [start, end) outside which it is zero: the whole range for
   * components, the support of local baseline columns (B-splines), so their products skip the zeros.
   */
  private readonly columnStart: Int32Array;
  private readonly columnEnd: Int32Array;

  constructor(spec: LineshapeProblemSpec) {
    this.spec = spec;
    const { points, componentFids, extraColumns, groupCount } = spec;
    this.rangeLength = spec.lastIndex - spec.firstIndex + 1;
    const len = 2 * this.rangeLength;
    this.componentCount = componentFids.length;
    this.columnCount = this.componentCount + extraColumns.length;
    this.groupCount = groupCount;
    this.parameterCount = 3 * groupCount + 2;
    this.residualCount = len;
    const n = this.columnCount;
    this.amplitudes = new Float64Array(n);
    this.model = new Float64Array(len);
    this.componentModel = new Float64Array(len);
    this.extraModel = new Float64Array(len);
    this.modelDerivatives = new Float64Array(len * this.parameterCount);
    this.columns = new Float64Array(len * n);
    extraColumns.forEach((column, k) => this.columns.set(column, (this.componentCount + k) * len));
    this.timeS = new Float64Array(points);
    for (let i = 0; i < points; i++) this.timeS[i] = i * spec.dwellTimeS;
    this.modulations = Array.from({ length: groupCount }, () => new Float64Array(2 * points));
    this.scratchFid = new Float64Array(2 * points);
    this.scratchSpectrum = new Float64Array(2 * points);
    this.rangeScratch = new Float64Array(len);
    this.phaseCos = new Float64Array(this.rangeLength);
    this.phaseSin = new Float64Array(this.rangeLength);
    this.gram = new Float64Array(n * n);
    this.rhs = new Float64Array(n);
    this.norms = new Float64Array(n);
    this.scaledGram = new Float64Array(n * n);
    this.scaledRhs = new Float64Array(n);
    this.scaledSolution = new Float64Array(n);
    this.nonNegative = new Uint8Array(n);
    for (let j = 0; j < this.componentCount; j++) this.nonNegative[j] = 1;
    this.nnls = new NonNegativeLeastSquares(n);
    this.groupSum = new Float64Array(2 * points);
    this.projectionFactor = new Float64Array(n * n);
    this.projectionGram = new Float64Array(n * n);
    this.projectionRhs = new Float64Array(n);
    this.passiveIndex = new Int32Array(n);
    this.columnsAt = new Float64Array(this.parameterCount);
    const fullPoints = spec.fullBand?.points ?? 0;
    this.band = spec.fullBand
      ? {
          correction: new Float64Array(this.componentCount * len),
          valid: true,
          modulations: Array.from({ length: groupCount }, () => new Float64Array(2 * fullPoints)),
          fid: new Float64Array(2 * fullPoints),
          spectrum: new Float64Array(2 * fullPoints),
        }
      : null;
    this.projectedDerivatives = new Float64Array(this.parameterCount * n);
    const c = this.componentCount;
    const extra = extraColumnLayout(extraColumns, spec.extraPenalty);
    this.columnPart = new Int8Array(n).fill(-1);
    this.columnPart.set(extra.part, c);
    this.columnStart = new Int32Array(n);
    this.columnStart.set(extra.start, c);
    this.columnEnd = new Int32Array(n).fill(len);
    this.columnEnd.set(extra.end, c);
    // the extra columns never change: their block of the Gram matrix is computed once per column set
    const e = extraColumns.length;
    for (let a = 0; a < e; a++) this.gram.set(extra.gram.subarray(a * e, (a + 1) * e), (c + a) * n + c);
  }

  /** Inner product of columns a and b, visiting only entries where both can be non-zero. */
  private dotColumns(a: number, b: number): number {
    const len = 2 * this.rangeLength;
    const part = combinedPart(this.columnPart[a], this.columnPart[b]);
    if (part === -2) return 0;
    const from = Math.max(this.columnStart[a], this.columnStart[b]);
    const to = Math.min(this.columnEnd[a], this.columnEnd[b]);
    return to > from ? dot(this.columns, a * len, this.columns, b * len, len, part, from, to) : 0;
  }

  /** Indices into θ. */
  shiftIndex(group: number): number {
    return group;
  }
  lorentzianIndex(group: number): number {
    return this.groupCount + group;
  }
  gaussianIndex(group: number): number {
    return 2 * this.groupCount + group;
  }
  get phase0Index(): number {
    return 3 * this.groupCount;
  }
  get phase1Index(): number {
    return 3 * this.groupCount + 1;
  }

  residuals(params: Float64Array, residual: Float64Array): void {
    if (!this.columnsBuiltAt(params)) this.buildColumns(params);
    this.solveAmplitudes();
    const { data } = this.spec;
    for (let i = 0; i < residual.length; i++) residual[i] = data[i] - this.model[i];
  }

  jacobian(_params: Float64Array, jacobianOut: Float64Array): void {
    this.updateModelDerivatives();
    this.projectOut(jacobianOut);
  }

  /**
   * JᵀJ and Jᵀr of the Kaufman Jacobian J = −P⊥·D without forming J: JᵀJ = DᵀD − (A_PᵀD)ᵀ(A_PᵀA_P)⁻¹(A_PᵀD)
   * and, because the residual is already orthogonal to the passive columns, Jᵀr = −Dᵀr.
   */
  normalEquations(_params: Float64Array, residual: Float64Array, jtj: Float64Array, gradient: Float64Array): void {
    this.updateModelDerivatives();
    const len = 2 * this.rangeLength;
    const p = this.parameterCount;
    const n = this.columnCount;
    const derivatives = this.modelDerivatives;
    const { columns, columnPart, norms, projectionFactor, passiveIndex } = this;
    const m = this.factorPassive();
    const projected = this.projectedDerivatives;
    for (let k = 0; k < p; k++) {
      const off = k * len;
      gradient[k] = -dot(derivatives, off, residual, 0, len, -1);
      for (let a = 0; a < m; a++) {
        const j = passiveIndex[a];
        projected[k * n + a] = dot(columns, j * len, derivatives, off, len, columnPart[j], this.columnStart[j], this.columnEnd[j]) / norms[j];
      }
      if (m > 0) forwardSubstitute(projectionFactor, m, projected, k * n);
    }
    for (let a = 0; a < p; a++) {
      for (let b = a; b < p; b++) {
        let v = dot(derivatives, a * len, derivatives, b * len, len, -1);
        for (let c = 0; c < m; c++) v -= projected[a * n + c] * projected[b * n + c];
        jtj[a * p + b] = v;
        jtj[b * p + a] = v;
      }
    }
  }

  /**
   * Make the windowed model exact at θ: store, per component, the difference between its full-band and
   * windowed spectra over the range (unphased) and add it to the columns from now on. Near θ the frozen
   * difference stays close (it only varies with the lineshape), though the surrogate's minimum can still sit
   * off the full-bandwidth one (see solveLineshape). Fills the columns at θ too; call `residuals` afterwards
   * (at θ it skips the transforms). With `lastAtTheta` (a final evaluation: no columns at another θ follow)
   * only the columns are made, without the windowed transforms the correction needs; building columns at
   * another θ is then an error.
   */
  refreshBandCorrection(params: Float64Array, lastAtTheta = false): void {
    const full = this.spec.fullBand;
    const band = this.band;
    if (!full || !band) return;
    band.valid = !lastAtTheta;
    const len = 2 * this.rangeLength;
    const { correction, modulations: fullModulations, fid: fullFid, spectrum: fullSpectrum } = band;
    for (let g = 0; g < this.groupCount; g++) {
      fillModulation(
        fullModulations[g],
        full.points,
        full.dwellTimeS,
        params[this.shiftIndex(g)],
        params[this.lorentzianIndex(g)],
        params[this.gaussianIndex(g)],
      );
    }
    this.fillModulations(params);
    this.updatePhase(params);
    const fullFirst = 2 * full.firstIndex;
    const windowFirst = 2 * this.spec.firstIndex;
    const points = this.spec.points;
    for (let j = 0; j < this.componentCount; j++) {
      const g = this.spec.groupOf[j];
      multiplyComplex(full.componentFids[j], fullModulations[g], fullFid, full.points);
      unshiftedSpectrum(fullFid, fullSpectrum);
      if (lastAtTheta) {
        this.copyPhasedFullBand(fullSpectrum, full.points, fullFirst, j * len);
        continue;
      }
      multiplyComplex(this.spec.componentFids[j], this.modulations[g], this.scratchFid, points);
      unshiftedSpectrum(this.scratchFid, this.scratchSpectrum);
      let f = unshiftedEntry(fullFirst, full.points);
      let w = unshiftedEntry(windowFirst, points);
      for (let i = 0; i < len; i += 2) {
        correction[j * len + i] = fullSpectrum[f] - this.scratchSpectrum[w];
        correction[j * len + i + 1] = fullSpectrum[f + 1] - this.scratchSpectrum[w + 1];
        f = f + 2 === 2 * full.points ? 0 : f + 2;
        w = w + 2 === 2 * points ? 0 : w + 2;
      }
      // the corrected column at θ is already at hand: the next `residuals` at θ need not transform again
      this.copyPhasedRange(this.columns, j * len, correction, j * len);
    }
    this.columnsAt.set(params);
    this.columnsBuilt = true;
  }

  /** columns[offset…] = e^{iφ}·(the unshifted full-band `spectrum` over the fitted range, from shifted entry `first`). */
  private copyPhasedFullBand(spectrum: Float64Array, points: number, first: number, offset: number): void {
    const { phaseCos, phaseSin, columns } = this;
    let r = unshiftedEntry(first, points);
    for (let i = 0; i < this.rangeLength; i++) {
      const re = spectrum[r];
      const im = spectrum[r + 1];
      r = r + 2 === 2 * points ? 0 : r + 2;
      columns[offset + 2 * i] = re * phaseCos[i] - im * phaseSin[i];
      columns[offset + 2 * i + 1] = re * phaseSin[i] + im * phaseCos[i];
    }
  }

  /** Fill `modelDerivatives` (∂m/∂θ) at the latest evaluation. */
  updateModelDerivatives(): void {
    const len = 2 * this.rangeLength;
    const { groupCount, modelDerivatives } = this;
    for (let g = 0; g < groupCount; g++) {
      this.sumGroupFid(g);
      // ∂/∂δ = i·2π·t·(…), ∂/∂l = −π·t·(…): one transform of t·(…) serves both
      this.transformTimesPower(1);
      const phased = this.rangeScratch;
      this.copyPhasedRange(phased, 0);
      const dShift = this.shiftIndex(g) * len;
      const dLorentz = this.lorentzianIndex(g) * len;
      for (let i = 0; i < this.rangeLength; i++) {
        const re = phased[2 * i];
        const im = phased[2 * i + 1];
        modelDerivatives[dShift + 2 * i] = -2 * Math.PI * im;
        modelDerivatives[dShift + 2 * i + 1] = 2 * Math.PI * re;
        modelDerivatives[dLorentz + 2 * i] = -Math.PI * re;
        modelDerivatives[dLorentz + 2 * i + 1] = -Math.PI * im;
      }
      this.transformTimesPower(2);
      this.copyPhasedRange(phased, 0);
      const dGauss = this.gaussianIndex(g) * len;
      for (let i = 0; i < len; i++) modelDerivatives[dGauss + i] = -phased[i];
    }
    const p0 = this.phase0Index * len;
    const p1 = this.phase1Index * len;
    const { ppm, phasePivotPpm } = this.spec;
    for (let i = 0; i < this.rangeLength; i++) {
      const re = this.componentModel[2 * i];
      const im = this.componentModel[2 * i + 1];
      const lever = ppm[i] - phasePivotPpm;
      modelDerivatives[p0 + 2 * i] = -im;
      modelDerivatives[p0 + 2 * i + 1] = re;
      modelDerivatives[p1 + 2 * i] = -im * lever;
      modelDerivatives[p1 + 2 * i + 1] = re * lever;
    }
  }

  /**
   * Covariance of [all linear amplitudes, free θ] from the Fisher information DᵀD/σ² of the full model
   * (D = [A, ∂m/∂θ]); requires `jacobian` to have run at the solution. `freeParams[k]` = 1 includes θ_k;
   * θ columns with zero derivative (e.g. an empty group) are left out; the amplitude block is the Gram matrix
   * of the latest `residuals` call. Returns the block of the first `count` amplitudes (count × count; default
   * all n columns).
   */
  amplitudeCovariance(noiseVariance: number, freeParams: Uint8Array, count = this.columnCount): Float64Array {
    const len = 2 * this.rangeLength;
    const n = this.columnCount;
    const sources: { data: Float64Array; offset: number }[] = [];
    for (let j = 0; j < n; j++) sources.push({ data: this.columns, offset: j * len });
    for (let k = 0; k < this.parameterCount; k++) {
      if (!freeParams[k]) continue;
      let norm = 0;
      for (let i = 0; i < len; i++) norm += this.modelDerivatives[k * len + i] ** 2;
      if (norm > 0) sources.push({ data: this.modelDerivatives, offset: k * len });
    }
    const q = sources.length;
    const fisher = new Float64Array(q * q);
    for (let a = 0; a < q; a++) {
      for (let b = a; b < q; b++) {
        let s: number;
        if (b < n) {
          // the (penalised) Gram matrix of the columns from the latest `residuals`
          s = this.gram[a * n + b];
        } else if (a < n) {
          s = dot(this.columns, a * len, sources[b].data, sources[b].offset, len, this.columnPart[a], this.columnStart[a], this.columnEnd[a]);
        } else {
          s = dot(sources[a].data, sources[a].offset, sources[b].data, sources[b].offset, len, -1);
        }
        fisher[a * q + b] = s / noiseVariance;
        fisher[b * q + a] = s / noiseVariance;
      }
    }
    // equilibrate before inverting: columns differ by many orders of magnitude
    const scale = new Float64Array(q);
    for (let a = 0; a < q; a++) scale[a] = fisher[a * q + a] > 0 ? 1 / Math.sqrt(fisher[a * q + a]) : 1;
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) fisher[a * q + b] *= scale[a] * scale[b];
    const inverse = leadingInverseColumns(fisher, q, count);
    const out = new Float64Array(count * count);
    for (let a = 0; a < count; a++) for (let b = 0; b < count; b++) out[a * count + b] = inverse[a * count + b] * scale[a] * scale[b];
    return out;
  }

  /** e^{iφ(ν)} over the fitted range at the latest evaluation (cos, sin). */
  phaseAt(i: number): [number, number] {
    return [this.phaseCos[i], this.phaseSin[i]];
  }

  /** Fill `columns` (and the phase) at θ without solving the amplitudes: enough for a template of the model. */
  buildColumns(params: Float64Array): void {
    if (this.band && !this.band.valid) throw new Error('LineshapeProblem: columns at a new θ after a last band refresh');
    const { spec } = this;
    const points = spec.points;
    this.fillModulations(params);
    this.updatePhase(params);
    const len = 2 * this.rangeLength;
    for (let j = 0; j < this.componentCount; j++) {
      const source = spec.componentFids[j];
      const mod = this.modulations[spec.groupOf[j]];
      multiplyComplex(source, mod, this.scratchFid, points);
      unshiftedSpectrum(this.scratchFid, this.scratchSpectrum);
      this.copyPhasedRange(this.columns, j * len, this.band?.correction ?? null, j * len);
    }
    this.columnsAt.set(params);
    this.columnsBuilt = true;
  }

  /**
   * The component columns `buildColumns` would give at θ on a fresh problem (no band correction), without
   * touching `columns`: cached per component set, band, range and θ, so a starting point's template is built
   * once per session (every window starts at the same θ). Leaves the modulations and phase at θ.
   */
  uncorrectedColumnsAt(params: Float64Array): Float64Array {
    const { spec } = this;
    const key = [spec.points, spec.dwellTimeS, spec.firstIndex, spec.lastIndex, spec.ppm[0], spec.ppm[spec.ppm.length - 1], spec.phasePivotPpm, spec.groupOf.join(','), params.join(',')].join(':');
    let byKey = uncorrectedColumnCache.get(spec.componentFids);
    if (!byKey) {
      byKey = new Map();
      uncorrectedColumnCache.set(spec.componentFids, byKey);
    }
    let out = byKey.get(key);
    if (!out) {
      this.fillModulations(params);
      this.updatePhase(params);
      const len = 2 * this.rangeLength;
      out = new Float64Array(this.componentCount * len);
      for (let j = 0; j < this.componentCount; j++) {
        multiplyComplex(spec.componentFids[j], this.modulations[spec.groupOf[j]], this.scratchFid, spec.points);
        unshiftedSpectrum(this.scratchFid, this.scratchSpectrum);
        this.copyPhasedRange(out, j * len);
      }
      if (byKey.size > 16) byKey.clear();
      byKey.set(key, out);
    }
    return out;
  }

  /** The windowed lineshape/shift modulation of every group at θ. */
  private fillModulations(params: Float64Array): void {
    for (let g = 0; g < this.groupCount; g++) {
      fillModulation(
        this.modulations[g],
        this.spec.points,
        this.spec.dwellTimeS,
        params[this.shiftIndex(g)],
        params[this.lorentzianIndex(g)],
        params[this.gaussianIndex(g)],
      );
    }
  }

  private columnsBuiltAt(params: Float64Array): boolean {
    if (!this.columnsBuilt) return false;
    for (let k = 0; k < this.parameterCount; k++) if (params[k] !== this.columnsAt[k]) return false;
    return true;
  }

  /** e^{iφ(ν)} over the range at θ into phaseCos/phaseSin. */
  private updatePhase(params: Float64Array): void {
    const { ppm, phasePivotPpm } = this.spec;
    const phi0 = params[this.phase0Index];
    const phi1 = params[this.phase1Index];
    for (let i = 0; i < this.rangeLength; i++) {
      const phi = phi0 + phi1 * (ppm[i] - phasePivotPpm);
      this.phaseCos[i] = Math.cos(phi);
      this.phaseSin[i] = Math.sin(phi);
    }
  }

  /**
   * target[offset…] = e^{iφ}·(scratchSpectrum over the fitted range + correction[correctionOffset…]);
   * scratchSpectrum is unshifted (see unshiftedSpectrum).
   */
  private copyPhasedRange(
    target: Float64Array,
    offset: number,
    correction: Float64Array | null = null,
    correctionOffset = 0,
  ): void {
    const spectrum = this.scratchSpectrum;
    const { phaseCos, phaseSin } = this;
    const points = this.spec.points;
    let r = unshiftedEntry(2 * this.spec.firstIndex, points);
    for (let i = 0; i < this.rangeLength; i++) {
      let re = spectrum[r];
      let im = spectrum[r + 1];
      r = r + 2 === 2 * points ? 0 : r + 2;
      if (correction) {
        re += correction[correctionOffset + 2 * i];
        im += correction[correctionOffset + 2 * i + 1];
      }
      target[offset + 2 * i] = re * phaseCos[i] - im * phaseSin[i];
      target[offset + 2 * i + 1] = re * phaseSin[i] + im * phaseCos[i];
    }
  }

  private solveAmplitudes(): void {
    const n = this.columnCount;
    const len = 2 * this.rangeLength;
    const { columns, gram, rhs, norms, scaledGram, scaledRhs, scaledSolution, amplitudes } = this;
    const data = this.spec.data;
    for (let a = 0; a < n; a++) {
      rhs[a] = dot(columns, a * len, data, 0, len, this.columnPart[a], this.columnStart[a], this.columnEnd[a]);
      if (a >= this.componentCount) continue;
      for (let b = a; b < n; b++) {
        const v = this.dotColumns(a, b);
        gram[a * n + b] = v;
        gram[b * n + a] = v;
      }
    }
    for (let a = 0; a < n; a++) norms[a] = gram[a * n + a] > 0 ? Math.sqrt(gram[a * n + a]) : 0;
    for (let a = 0; a < n; a++) {
      const na = norms[a] || 1;
      scaledRhs[a] = norms[a] ? rhs[a] / na : 0;
      for (let b = 0; b < n; b++) {
        const nb = norms[b] || 1;
        scaledGram[a * n + b] = norms[a] && norms[b] ? gram[a * n + b] / (na * nb) : a === b ? 1 : 0;
      }
    }
    this.nnls.solve(scaledGram, scaledRhs, this.nonNegative, scaledSolution);
    for (let a = 0; a < n; a++) amplitudes[a] = norms[a] ? scaledSolution[a] / norms[a] : 0;
    this.componentModel.fill(0);
    this.extraModel.fill(0);
    for (let a = 0; a < n; a++) {
      const c = amplitudes[a];
      if (c === 0) continue;
      const target = a < this.componentCount ? this.componentModel : this.extraModel;
      const ca = a * len;
      // a real-only or imaginary-only column adds nothing to the other part
      const part = this.columnPart[a];
      const step = part < 0 ? 1 : 2;
      for (let i = this.columnStart[a] + (part < 0 ? 0 : part); i < this.columnEnd[a]; i += step) target[i] += c * columns[ca + i];
    }
    for (let i = 0; i < len; i++) this.model[i] = this.componentModel[i] + this.extraModel[i];
  }

  /** groupSum = Σ_{j in g} c_j · b_j(t) · modulation_g(t). */
  private sumGroupFid(group: number): void {
    const points = this.spec.points;
    const sum = this.groupSum;
    sum.fill(0);
    for (let j = 0; j < this.componentCount; j++) {
      const c = this.amplitudes[j];
      if (c === 0 || this.spec.groupOf[j] !== group) continue;
      const source = this.spec.componentFids[j];
      for (let i = 0; i < 2 * points; i++) sum[i] += c * source[i];
    }
    const mod = this.modulations[group];
    for (let n = 0; n < points; n++) {
      const re = sum[2 * n];
      const im = sum[2 * n + 1];
      sum[2 * n] = re * mod[2 * n] - im * mod[2 * n + 1];
      sum[2 * n + 1] = re * mod[2 * n + 1] + im * mod[2 * n];
    }
  }

  /** scratchSpectrum = FFT(t^power · groupSum), unshifted (see unshiftedSpectrum). */
  private transformTimesPower(power: 1 | 2): void {
    const points = this.spec.points;
    const fid = this.scratchFid;
    for (let n = 0; n < points; n++) {
      const w = power === 1 ? this.timeS[n] : this.timeS[n] * this.timeS[n];
      fid[2 * n] = w * this.groupSum[2 * n];
      fid[2 * n + 1] = w * this.groupSum[2 * n + 1];
    }
    unshiftedSpectrum(fid, this.scratchSpectrum);
  }

  /**
   * Cholesky factor of the scaled Gram matrix of the passive columns into `projectionFactor` (the amplitude
   * solve's own factor when it factored that same set last); returns their count.
   */
  private factorPassive(): number {
    const n = this.columnCount;
    const passive = this.nnls.passive;
    const { passiveIndex, projectionGram, projectionFactor, scaledGram, norms } = this;
    let m = 0;
    for (let j = 0; j < n; j++) if (passive[j] && norms[j] > 0) passiveIndex[m++] = j;
    const solved = this.nnls.factorOf(passiveIndex, m);
    if (solved) {
      projectionFactor.set(solved.subarray(0, m * m));
      return m;
    }
    for (let a = 0; a < m; a++)
      for (let b = 0; b < m; b++) projectionGram[a * m + b] = scaledGram[passiveIndex[a] * n + passiveIndex[b]];
    if (m > 0) choleskyFactor(projectionGram, m, projectionFactor);
    return m;
  }

  /** jacobianOut_k = −P⊥·∂m/∂θ_k, P⊥ projecting out the columns not clamped at zero (Kaufman). */
  private projectOut(jacobianOut: Float64Array): void {
    const len = 2 * this.rangeLength;
    const { passiveIndex, projectionFactor, projectionRhs, columns, norms, columnPart } = this;
    const m = this.factorPassive();
    const derivatives = this.modelDerivatives;
    for (let k = 0; k < this.parameterCount; k++) {
      const off = k * len;
      for (let i = 0; i < len; i++) jacobianOut[off + i] = -derivatives[off + i];
      if (m === 0) continue;
      for (let a = 0; a < m; a++) {
        const j = passiveIndex[a];
        projectionRhs[a] = dot(columns, j * len, jacobianOut, off, len, columnPart[j], this.columnStart[j], this.columnEnd[j]) / norms[j];
      }
      choleskySolve(projectionFactor, m, projectionRhs, projectionRhs);
      for (let a = 0; a < m; a++) {
        const j = passiveIndex[a];
        const ca = j * len;
        const z = projectionRhs[a] / norms[j];
        const part = columnPart[j];
        const start = this.columnStart[j] + (part < 0 ? 0 : part);
        const step = part < 0 ? 1 : 2;
        const end = this.columnEnd[j];
        for (let i = start; i < end; i += step) jacobianOut[off + i] -= z * columns[ca + i];
      }
    }
  }

}

/** `uncorrectedColumnsAt` results per component set (by identity), then band, range and θ. */
const uncorrectedColumnCache = new WeakMap<Float64Array[], Map<string, Float64Array>>();

/**
 * The spectrum `fidToSpectrum` gives, without its copy and fftshift: shifted entry e (interleaved) sits at
 * `unshiftedEntry(e, points)`. Halves the FID's first point in place (the caller refills the FID each time).
 */
function unshiftedSpectrum(fid: Float64Array, out: Float64Array): void {
  fid[0] *= 0.5;
  fid[1] *= 0.5;
  forwardFft(fid, out);
}

/** Interleaved entry of an unshifted spectrum of `points` samples holding shifted entry `e` (even). */
function unshiftedEntry(e: number, points: number): number {
  return e + points < 2 * points ? e + points : e - points;
}

/** out = a·b element-wise over `points` interleaved complex samples. */
function multiplyComplex(a: Float64Array, b: Float64Array, out: Float64Array, points: number): void {
  for (let n = 0; n < points; n++) {
    const re = a[2 * n];
    const im = a[2 * n + 1];
    out[2 * n] = re * b[2 * n] - im * b[2 * n + 1];
    out[2 * n + 1] = re * b[2 * n + 1] + im * b[2 * n];
  }
}

/** Solve L·y = b in place for the m-vector stored at b[offset…] (L lower-triangular, row-major m×m). */
function forwardSubstitute(factor: Float64Array, m: number, b: Float64Array, offset: number): void {
  for (let i = 0; i < m; i++) {
    let sum = b[offset + i];
    for (let k = 0; k < i; k++) sum -= factor[i * m + k] * b[offset + k];
    b[offset + i] = sum / factor[i * m + i];
  }
}

/** What the problem needs to know about its extra columns: which part and range each fills, their Gram block. */
interface ExtraColumnLayout {
  penalty: Float64Array | undefined;
  part: Int8Array;
  start: Int32Array;
  end: Int32Array;
  /** Gram matrix of the extra columns plus the penalty (row-major, count²). */
  gram: Float64Array;
}

/** Layouts per extra-column set (by identity; fits sharing a baseline share its set, solveLineshape.ts). */
const extraLayouts = new WeakMap<Float64Array[], ExtraColumnLayout>();

function extraColumnLayout(columns: Float64Array[], penalty: Float64Array | undefined): ExtraColumnLayout {
  const cached = extraLayouts.get(columns);
  if (cached && cached.penalty === penalty) return cached;
  const e = columns.length;
  const part = Int8Array.from(columns, partOf);
  const start = new Int32Array(e);
  const end = new Int32Array(e);
  columns.forEach((column, k) => [start[k], end[k]] = supportOf(column));
  const gram = new Float64Array(e * e);
  for (let a = 0; a < e; a++) {
    for (let b = a; b < e; b++) {
      const both = combinedPart(part[a], part[b]);
      const from = Math.max(start[a], start[b]);
      const to = Math.min(end[a], end[b]);
      const product = both !== -2 && to > from ? dot(columns[a], 0, columns[b], 0, columns[a].length, both, from, to) : 0;
      const v = product + (penalty ? penalty[a * e + b] : 0);
      gram[a * e + b] = v;
      gram[b * e + a] = v;
    }
  }
  const layout = { penalty, part, start, end, gram };
  extraLayouts.set(columns, layout);
  return layout;
}

/** −1 when the interleaved complex column has both parts, 0 when only real parts, 1 when only imaginary. */
function partOf(column: Float64Array): number {
  let real = false;
  let imaginary = false;
  for (let i = 0; i < column.length; i += 2) {
    if (column[i] !== 0) real = true;
    if (column[i + 1] !== 0) imaginary = true;
  }
  return real && imaginary ? -1 : imaginary ? 1 : 0;
}

/** Entries two columns can share: −1 all, 0 or 1 one part, −2 none. */
function combinedPart(a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  return a === b ? a : -2;
}

/**
 * Σ x[xo + i]·y[yo + i] over from ≤ i < to (default the whole length `len`; `from` and `to` even), all entries
 * (part −1) or only re (0) / im (1) ones.
 */
function dot(
  x: Float64Array,
  xo: number,
  y: Float64Array,
  yo: number,
  len: number,
  part: number,
  from = 0,
  to = len,
): number {
  // two accumulators: the additions no longer wait on each other (from and to are even)
  let s0 = 0;
  let s1 = 0;
  if (part < 0) {
    for (let i = from; i < to; i += 2) {
      s0 += x[xo + i] * y[yo + i];
      s1 += x[xo + i + 1] * y[yo + i + 1];
    }
  } else {
    let i = from + part;
    for (; i + 2 < to; i += 4) {
      s0 += x[xo + i] * y[yo + i];
      s1 += x[xo + i + 2] * y[yo + i + 2];
    }
    if (i < to) s0 += x[xo + i] * y[yo + i];
  }
  return s0 + s1;
}

/** Interleaved index range [start, end) of a complex column's non-zero entries (start even, end even). */
function supportOf(column: Float64Array): [number, number] {
  let first = -1;
  let last = -1;
  for (let i = 0; i < column.length; i++) {
    if (column[i] === 0) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return [0, 0];
  return [first - (first % 2), last - (last % 2) + 2];
}
