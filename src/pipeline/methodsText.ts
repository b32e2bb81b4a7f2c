/**
 * The processing and fitting a run applied, as methods text for a paper. It lives beside the pipeline it
 * describes and takes its numbers from the constants the steps use, so the text follows the code.
 */
import { DEFAULT_DECAY_MIN, DEFAULT_RISE_MIN } from '../fit/dynamic/designMatrix.js';
import { METABOLITE_COMBINATIONS } from '../fit/combinations.js';
import { DEFAULT_PPM_RANGE as FIT_PPM_RANGE } from '../fit/fitOptions.js';
import { DEFAULT_SPLINE_ED_PER_PPM } from '../fit/solveLineshape.js';
import type { StudyManifest } from '../manifest/studyManifest.js';
import { WATER_PPM_RANGE } from '../preprocess/qc.js';
import { DEFAULT_FIT_DURATION_S, DEFAULT_PPM_RANGE as REGISTRATION_PPM_RANGE } from '../preprocess/registerToReference.js';
import { DEFAULT_REJECTION_LIMIT_SD } from '../preprocess/transientRejection.js';
import { checkedPartsOf } from '../timecourse/baseline.js';
import { DEFAULT_CRLB_METABOLITES } from '../timecourse/sessionQc.js';
import type { SessionAcquisition } from '../types/acquisition.js';

export interface MethodsSession {
  acquisition: SessionAcquisition;
  basis: string | null;
  /** Names of the components the session's fits had (basis spectra and any built-in macromolecule lines). */
  fittedComponents: readonly string[];
  /** Time each sliding window spans, min (its first transient's start to its last one's end). */
  windowSpanMin: number;
}

const range = ([low, high]: readonly [number, number]): string => `${low}–${high} ppm`;
/** A signed number of minutes with a typographic minus. */
const minutes = (value: number): string => String(value).replace('-', '−');

function listing(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

function preprocessingText(analysis: StudyManifest['analysis'], sessions: readonly MethodsSession[]): string {
  const withWater = sessions.filter((s) => s.acquisition.waterReference).length;
  const sentences: string[] = [];
  if (sessions.some((s) => s.acquisition.coils > 1)) {
    sentences.push('Receive channels were combined with S/N²-weighted, phase-aligned weights from the water reference (Hall et al. 2014; the same weights applied to the water reference), or by whitened singular value decomposition (Rodgers & Robson 2010) when no water reference with the same channels was given.');
  }
  if (withWater > 0 && analysis.referenceDeconvolution) {
    sentences.push(`The lineshape of every transient was corrected by reference deconvolution with the unsuppressed water reference (de Graaf et al. 1990; target: a Voigt line with the water's own widths) in ${withWater} of ${sessions.length} sessions.`);
  } else if (withWater > 0 && analysis.eddyCurrentCorrection) {
    sentences.push(`Eddy-current phase was removed from every transient with the unsuppressed water reference (Klose 1990) in ${withWater} of ${sessions.length} sessions.`);
  }
  sentences.push(
    `Frequency and phase of each transient were corrected by spectral registration (Near et al. 2015; ${range(REGISTRATION_PPM_RANGE)}, ` +
    `first ${DEFAULT_FIT_DURATION_S * 1000} ms of the FID) in two passes: to the median of the opening transients, then to the average of the aligned transients.`,
  );
  if (analysis.residualWaterRemoval) sentences.push(`Residual water (${range(WATER_PPM_RANGE)}) was removed from each transient by HLSVD (Barkhuijsen et al. 1987).`);
  sentences.push(
    `Transients whose spectrum (${range(REGISTRATION_PPM_RANGE)}) lay more than ${DEFAULT_REJECTION_LIMIT_SD} robust SD from the session's median spectrum, ` +
    'or whose alignment failed, were excluded.',
  );
  return sentences.join(' ');
}

function windowText(analysis: StudyManifest['analysis'], sessions: readonly MethodsSession[]): string {
  const spans = sessions.map((s) => s.windowSpanMin).filter(Number.isFinite);
  const low = Math.min(...spans).toFixed(1);
  const high = Math.max(...spans).toFixed(1);
  const span = spans.length ? ` (${low === high ? low : `${low}–${high}`} min)` : '';
  return (
    `Sliding windows of ${analysis.windowTransients} consecutive transients${span}, advanced by ${analysis.stepTransients}, were averaged ` +
    '(excluded transients keep their place in time but are not averaged; a window with fewer than half its transients is flagged) and each window was fitted.'
  );
}

function fittingText(manifest: StudyManifest, sessions: readonly MethodsSession[]): string {
  const { analysis } = manifest;
  if (analysis.model === 'peaks') {
    return 'Each spectrum was fitted with a prior-knowledge peak model (NAA, Cr, Cho, Ins, Glu and Gln as fixed-ratio multiplets and a broad ' +
      'macromolecule component) with one shared Voigt lineshape, in the complex frequency domain; uncertainties are Cramér–Rao lower bounds (Cavassila et al. 2001).';
  }
  const bases = [...new Set(sessions.flatMap((s) => (s.basis ? [s.basis] : [])))];
  const components = new Set(sessions.flatMap((s) => s.fittedComponents));
  const macromolecules = components.has('MM27')
    ? ' Built-in macromolecule lines were added to the basis (fixed-ratio lines at 0.9–2.0 ppm and free lines at 2.70 and 3.86–3.96 ppm).'
    : components.has('MM') ? ' A built-in broad macromolecule component (fixed-ratio lines at 0.9–2.0 ppm) was added to the basis.' : '';
  const text =
    `Each spectrum was fitted by a linear combination of basis spectra (Provencher 1993; ${bases.length ? listing(bases) : 'none'}) over ${range(FIT_PPM_RANGE)} in the complex ` +
    'frequency domain, with a frequency shift and Lorentzian and Gaussian broadening per group (metabolites; macromolecules), ' +
    `zero- and first-order phase and a regularised cubic-spline baseline (${DEFAULT_SPLINE_ED_PER_PPM} effective degree of freedom per ppm); ` +
    'amplitudes were solved by non-negative least squares inside a variable-projection (Golub & Pereyra 1973) Levenberg–Marquardt fit, and ' +
    `uncertainties are Cramér–Rao lower bounds (Cavassila et al. 2001).${macromolecules}`;
  return analysis.model === 'dynamic' ? `${text} ${dynamicText(manifest)}` : text;
}

function dynamicText(manifest: StudyManifest): string {
  const { dynamic } = manifest.analysis;
  const infusion = dynamic.infusionShape === 'saturating'
    ? `1 − exp(−t/${dynamic.riseMin ?? DEFAULT_RISE_MIN} min)`
    : dynamic.infusionShape === 'ramp' ? 'a linear ramp' : 'a constant';
  const post = dynamic.postInfusion === 'decay'
    ? `, a post-infusion term decaying as exp(−t/${dynamic.decayMin ?? DEFAULT_DECAY_MIN} min) after its end`
    : dynamic.postInfusion === 'box' ? ', a constant post-infusion term' : '';
  const userRegressors = manifest.subjects.some((s) => s.visits.some((v) => v.regressors)) ? ', the visit\'s own regressors where given' : '';
  return (
    'In addition, all accepted transients of a session were fitted at once (dynamic fitting), each amplitude tied to time by a design ' +
    `of a baseline level, ${infusion} during the infusion${post}${dynamic.drift ? ', a linear drift' : ''}${userRegressors}` +
    `${dynamic.timeVaryingLineshape ? '; frequency and linewidth followed the same design' : ''}.`
  );
}

function outcomeText(analysis: StudyManifest['analysis']): string {
  const ratioParts: string[] = [analysis.outcome, analysis.reference];
  const sums = METABOLITE_COMBINATIONS.filter((c) => ratioParts.includes(c.name)).map((c) => `${c.name} = ${c.parts.join(' + ')}`);
  const { qc } = analysis;
  return (
    `${sums.length ? `${listing(sums)}. ` : ''}The outcome, ${analysis.outcome}/${analysis.reference}, is given per window as % change from its mean over the unflagged windows ` +
    `lying wholly within ${minutes(analysis.baselineMin[0])} to ${minutes(analysis.baselineMin[1])} min from infusion start (windows where ${listing(checkedPartsOf(`${analysis.outcome}/${analysis.reference}`), 'or')} ` +
    `was not detected left out). Quality limits per session: SNR ≥ ${qc.minSnr} and NAA FWHM ≤ ${qc.maxFwhmPpm} ppm in the ` +
    `average spectrum, median window CRLB ≤ ${qc.maxCrlbPercent} % for ${listing(DEFAULT_CRLB_METABOLITES)}; sessions outside them were ` +
    `${qc.excludeFailing ? 'left out of' : 'kept in'} the study statistics.`
  );
}

/** Paragraphs: preprocessing; windows and fitting; outcome measure. */
export function processingMethods(manifest: StudyManifest, sessions: readonly MethodsSession[]): string[] {
  const { analysis } = manifest;
  return [preprocessingText(analysis, sessions), `${windowText(analysis, sessions)} ${fittingText(manifest, sessions)}`, outcomeText(analysis)];
}
