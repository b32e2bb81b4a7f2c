/**
 * Water-scaled concentrations (Gasparovic et al. 2006, MRM 55:1219): the unsuppressed water signal from the
 * same voxel is the concentration reference, corrected for T1/T2 relaxation of water (per tissue) and of
 * the metabolites, and for water content and CSF fraction.
 */
import { weightedPolynomialFit } from '../linalg/polynomialFit.js';

export interface TissueFractions {
  /** Volume fractions; they need not sum exactly to 1 (they are normalised). */
  gm: number;
  wm: number;
  csf: number;
}

export interface RelaxationTimes {
  t1S: number;
  t2S: number;
}

export interface WaterScalingParameters {
  /** Area of the unsuppressed water signal (t = 0 amplitude), in the same units as the metabolite data. */
  waterAmplitude: number;
  echoTimeS: number;
  /** null when TR ≫ T1 (no saturation correction). */
  repetitionTimeS: number | null;
  /** Default 60 % GM / 40 % WM / 0 % CSF. */
  tissue?: TissueFractions;
  /** Water content relative to pure water (g/ml). Default GM 0.78, WM 0.65, CSF 0.97. */
  waterContent?: { gm: number; wm: number; csf: number };
  /** Water relaxation per tissue (3T defaults: GM 1.82 s/110 ms, WM 1.08 s/80 ms, CSF 4.16 s/500 ms). */
  waterRelaxation?: { gm: RelaxationTimes; wm: RelaxationTimes; csf: RelaxationTimes };
  /** Metabolite relaxation (default T1 1.2 s, T2 160 ms), one value for all or per metabolite name. */
  metaboliteRelaxation?: RelaxationTimes | Record<string, RelaxationTimes>;
  /**
   * FID amplitude at t = 0 of one proton at 1 mM in the basis' units, relative to the data (1 when each basis
   * FID starts at its number of protons and basis amplitudes are in mM, as in the ISMRM 2016 basis).
   */
  basisProtonScale?: number;
}

const PURE_WATER_MM = 55510;
const WATER_PROTONS = 2;
const DEFAULT_TISSUE: TissueFractions = { gm: 0.6, wm: 0.4, csf: 0 };
const DEFAULT_WATER_CONTENT = { gm: 0.78, wm: 0.65, csf: 0.97 };
const DEFAULT_WATER_RELAXATION = {
  gm: { t1S: 1.82, t2S: 0.11 },
  wm: { t1S: 1.08, t2S: 0.08 },
  csf: { t1S: 4.16, t2S: 0.5 },
};
const DEFAULT_METABOLITE_RELAXATION: RelaxationTimes = { t1S: 1.2, t2S: 0.16 };

/** Signal left after T2 decay over TE and T1 saturation at TR. */
export function relaxationAttenuation(times: RelaxationTimes, echoTimeS: number, repetitionTimeS: number | null): number {
  const t2 = Math.exp(-echoTimeS / times.t2S);
  const t1 = repetitionTimeS === null ? 1 : 1 - Math.exp(-repetitionTimeS / times.t1S);
  return t2 * t1;
}

/**
 * Relaxation-weighted water concentration visible in the voxel (mM), Σ_t f_t·ρ_t·55510·R_t, and the
 * CSF correction 1/(1 − f_csf) (metabolites live in GM and WM only).
 */
export function visibleWaterConcentrationMM(params: WaterScalingParameters): { waterMM: number; csfCorrection: number } {
  const tissue = params.tissue ?? DEFAULT_TISSUE;
  const total = tissue.gm + tissue.wm + tissue.csf;
  if (!(total > 0)) throw new RangeError('tissue fractions must have a positive sum');
  const content = params.waterContent ?? DEFAULT_WATER_CONTENT;
  const relaxation = params.waterRelaxation ?? DEFAULT_WATER_RELAXATION;
  let waterMM = 0;
  for (const t of ['gm', 'wm', 'csf'] as const) {
    const fraction = tissue[t] / total;
    waterMM += fraction * content[t] * PURE_WATER_MM * relaxationAttenuation(relaxation[t], params.echoTimeS, params.repetitionTimeS);
  }
  const csfFraction = tissue.csf / total;
  if (csfFraction >= 1) throw new RangeError('voxel is all CSF: no metabolite concentration defined');
  return { waterMM, csfCorrection: 1 / (1 - csfFraction) };
}

/**
 * Concentrations (mM) from fitted amplitudes in basis units:
 *   c = a · (2 / W) · [H2O]_visible / R_met · 1/(1 − f_csf) / basisProtonScale.
 * Pure function; every name in `amplitudes` (including combinations) is converted.
 */
export function quantifyWaterScaled(amplitudes: Record<string, number>, params: WaterScalingParameters): Record<string, number> {
  if (!(params.waterAmplitude > 0)) throw new RangeError('water amplitude must be positive');
  const { waterMM, csfCorrection } = visibleWaterConcentrationMM(params);
  const protonScale = params.basisProtonScale ?? 1;
  const out: Record<string, number> = {};
  for (const [name, amplitude] of Object.entries(amplitudes)) {
    const relaxation = metaboliteRelaxationFor(params.metaboliteRelaxation, name);
    const attenuation = relaxationAttenuation(relaxation, params.echoTimeS, params.repetitionTimeS);
    out[name] = (((amplitude * WATER_PROTONS) / params.waterAmplitude) * waterMM * csfCorrection) / attenuation / protonScale;
  }
  return out;
}

function metaboliteRelaxationFor(setting: WaterScalingParameters['metaboliteRelaxation'], name: string): RelaxationTimes {
  if (!setting) return DEFAULT_METABOLITE_RELAXATION;
  if ('t1S' in setting && typeof setting.t1S === 'number') return setting as RelaxationTimes;
  return (setting as Record<string, RelaxationTimes>)[name] ?? DEFAULT_METABOLITE_RELAXATION;
}

/**
 * t = 0 amplitude of an unsuppressed water FID: a least-squares fit of ln|w(n)| = ln A − α·n − β·n² over the
 * first points with high SNR (the first sample is skipped: some writers halve it).
 */
export function waterAmplitude(fid: Float64Array): number {
  const points = Math.min(fid.length / 2, 64);
  const first = Math.hypot(fid[2], fid[3]);
  const sampleIndex: number[] = [];
  const logMagnitude: number[] = [];
  for (let n = 1; n < points; n++) {
    const magnitude = Math.hypot(fid[2 * n], fid[2 * n + 1]);
    if (!(magnitude > 0.2 * first)) break;
    // sample index as time unit keeps the normal equations well conditioned
    sampleIndex.push(n);
    logMagnitude.push(Math.log(magnitude));
  }
  if (sampleIndex.length < 3) return Math.hypot(fid[0], fid[1]);
  const weights = new Float64Array(sampleIndex.length).fill(1);
  return Math.exp(weightedPolynomialFit(Float64Array.from(sampleIndex), Float64Array.from(logMagnitude), weights, 2)[0]);
}
