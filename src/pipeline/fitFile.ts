import type { SequenceName } from '../basis/pulseSequences.js';
import { BASIS_METABOLITE_NAMES, simulateBasis } from '../basis/simulateBasis.js';
import { MACROMOLECULE_NAME } from '../fit/macromoleculeLines.js';
import { fitWarnings, waterDominance } from '../fit/fitQc.js';
import { fitSpectrum } from '../fit/fitSpectrum.js';
import type { FitGrid } from '../fit/fitOptions.js';
import { quantifyWaterScaled, waterAmplitude } from '../fit/waterScaling.js';
import { readBasis } from '../io/readBasis.js';
import { readMrsFile, type ReadMrsFileOptions } from '../io/readMrsFile.js';
import { combineCoilsWithWater } from '../preprocess/coilCombination.js';
import { eddyCurrentCorrect } from '../preprocess/eddyCurrent.js';
import { zeroFillToPowerOfTwo } from '../preprocess/fidFilters.js';
import { removeResidualWaterRetrying } from '../preprocess/hlsvd.js';
import { referenceDeconvolution } from '../preprocess/referenceDeconvolution.js';
import { alignTransients, averageTransients } from '../preprocess/spectralRegistration.js';
import { rejectBadTransients } from '../preprocess/transientRejection.js';
import type { Basis } from '../types/basis.js';
import type { FitResult } from '../types/fit.js';
import { fidCount, type MrsData } from '../types/mrsData.js';
import { MissingHeaderValueError } from '../util/errors.js';
import { basisSimulationForData } from './headerSequence.js';
import { assertUnsuppressedWater, builtInWaterReference, waterOnDataPoints } from './waterReference.js';

export interface FitFileOptions {
  model: 'lcm' | 'peaks';
  basisPath?: string;
  waterPath?: string;
  /** Sequence for the simulated basis when no basis file is given; default: from the header's sequence name. */
  sequence?: SequenceName;
  /** Header values the files lack (applied to the metabolite and water files). */
  read?: ReadMrsFileOptions;
  /**
   * Correct the lineshape by reference deconvolution with the water reference instead of Klose's
   * eddy-current correction. Default false: on the Philips in vivo data it did not lower the residual
   * (src/fit/README.md, real scanner data).
   */
  referenceDeconvolution?: boolean;
  /** false: no built-in macromolecule components (phantoms); default: added when the basis lacks them. */
  macromolecules?: boolean;
}

export interface MetaboliteReport {
  ratioToTCr: number;
  concentrationMM: number | null;
  crlbPercent: number;
}

export interface FitFileReport {
  metabolites: Record<string, MetaboliteReport>;
  snr: number;
  fwhmHz: number;
  fitTimeMs: number;
  /** Where the basis came from (file path or simulation description); null for the peak model. */
  basis: string | null;
  /** Singlet SNR and FWHM were measured on (NAA, else tCr, else tCho). */
  qcPeak: FitResult['qc']['qcPeak'];
  residualToNoise: number;
  /** Reasons to distrust the fit (FitQc.warnings). */
  warnings: string[];
}

function hasCoils(mrs: MrsData): boolean {
  return mrs.dims.some((d) => d.tag === 'DIM_COIL');
}

/** Only one of metabolite and water carries coils: their combinations, and so mM, have unrelated scales. */
function separateCombinationWarning(metabolite: MrsData, water: MrsData): string {
  const [withCoils, combined] = hasCoils(metabolite) ? ['metabolite file', 'water file'] : ['water file', 'metabolite file'];
  return `mM are unreliable: the ${withCoils} was coil-combined here but the ${combined} came combined, with weights of unknown scale; ratios to tCr are unaffected (give both files uncombined, or both combined)`;
}

/** A transient this many times stronger at t = 0 than the weakest one is water-unsuppressed. */
const UNSUPPRESSED_WATER_RATIO = 10;

/**
 * Water-unsuppressed transients stored among the water-suppressed ones (e.g. a Philips DICOM with one frame
 * of each), told apart by their first-point magnitude, which differs by orders of magnitude, not percent.
 * They are taken out of the average and, averaged, serve as the water reference when none is given.
 */
function separateWaterTransients(mrs: MrsData): { metabolite: MrsData; waterFid?: Float64Array } {
  const count = fidCount(mrs);
  if (count < 2 || mrs.dims.length !== 1) return { metabolite: mrs };
  const len = 2 * mrs.points;
  const magnitude = Array.from({ length: count }, (_, k) => Math.hypot(mrs.data[k * len], mrs.data[k * len + 1]));
  const weakest = Math.min(...magnitude);
  const isWater = magnitude.map((m) => m > UNSUPPRESSED_WATER_RATIO * weakest);
  const waterCount = isWater.filter(Boolean).length;
  if (waterCount === 0) return { metabolite: mrs };
  const pick = (water: boolean): Float64Array => {
    const out = new Float64Array(len * isWater.filter((w) => w === water).length);
    let at = 0;
    isWater.forEach((w, k) => {
      if (w !== water) return;
      out.set(mrs.data.subarray(k * len, (k + 1) * len), at);
      at += len;
    });
    return out;
  };
  const kept = count - waterCount;
  const times = mrs.transientTimesS ? mrs.transientTimesS.filter((_, k) => !isWater[k]) : null;
  return {
    metabolite: { ...mrs, data: pick(false), dims: kept > 1 ? [{ tag: mrs.dims[0].tag, size: kept }] : [], transientTimesS: times },
    waterFid: averageTransients(pick(true), mrs.points),
  };
}

/** One averaged FID: transients aligned, outliers rejected (with enough of them), then averaged. */
function averagedFid(mrs: MrsData, grid: FitGrid): Float64Array {
  const count = fidCount(mrs);
  if (count === 1) return mrs.data;
  const alignment = alignTransients(mrs.data, grid);
  const keep = count >= 8 ? rejectBadTransients(alignment.aligned, grid).keep : undefined;
  return averageTransients(alignment.aligned, grid.points, keep);
}

function basisFor(mrs: MrsData, options: FitFileOptions): Basis | undefined {
  if (options.model !== 'lcm') return undefined;
  if (options.basisPath) return readBasis(options.basisPath);
  const simulation = basisSimulationForData(mrs, options.sequence);
  if (!simulation) {
    throw new MissingHeaderValueError(mrs.provenance.sourceName, 'echoTimeS', 'no echo time in the header to simulate a basis for (or give a basis with --basis)');
  }
  // without macromolecules (phantoms), the simulated basis leaves out its own MM components too
  const metabolites = options.macromolecules === false ? BASIS_METABOLITE_NAMES.filter((name) => !MACROMOLECULE_NAME.test(name)) : undefined;
  return simulateBasis({ ...simulation, ...(metabolites ? { metabolites } : {}) });
}

/** Fit one file (transients averaged first) and report ratios to tCr, water-scaled mM and CRLBs. */
export function fitFile(path: string, options: FitFileOptions): { fit: FitResult; report: FitFileReport } {
  const raw = zeroFillToPowerOfTwo(readMrsFile(path, options.read));
  const waterRead = options.waterPath ? readMrsFile(options.waterPath, options.read) : builtInWaterReference(path, raw, options.read);
  const waterLabel = options.waterPath ?? `${path} (its water reference frames)`;
  const rawWater = waterRead ? waterOnDataPoints(waterRead, raw, waterLabel) : undefined;
  const { data: combined, water } = combineCoilsWithWater(raw, rawWater);
  const separated = separateWaterTransients(combined);
  const metabolite = separated.metabolite;
  const grid: FitGrid = {
    points: metabolite.points,
    dwellTimeS: metabolite.dwellTimeS,
    spectrometerFrequencyMHz: metabolite.spectrometerFrequencyMHz,
    echoTimeS: metabolite.echoTimeS,
  };
  const waterFid = water ? averageTransients(water.data, water.points) : separated.waterFid;
  if (waterFid) assertUnsuppressedWater(waterFid, grid, water ? waterLabel : `${path} (its water transients)`);
  let fid = averagedFid(metabolite, grid);
  if (waterFid && options.referenceDeconvolution) {
    const waterDwellTimeS = water ? water.dwellTimeS : grid.dwellTimeS;
    fid = referenceDeconvolution({ fid, dwellTimeS: grid.dwellTimeS }, { fid: waterFid, dwellTimeS: waterDwellTimeS }).fid;
  } else if (waterFid) fid = eddyCurrentCorrect(fid, waterFid, grid).fid;
  const dominance = waterDominance(fid, grid);
  fid = removeResidualWaterRetrying(fid, grid).fid;
  const basis = basisFor(metabolite, options);
  const fit = fitSpectrum(fid, grid, { model: options.model, basis, addMacromolecules: options.macromolecules === false ? false : undefined });
  // the water rule needs the spectrum before residual-water removal, which fitSpectrum does not see
  fit.qc.warnings = fitWarnings({ residualToNoise: fit.qc.residualToNoise, amplitudes: fit.amplitudes, waterDominance: dominance });
  if (rawWater && hasCoils(raw) !== hasCoils(rawWater)) fit.qc.warnings.push(separateCombinationWarning(raw, rawWater));

  const concentrations = waterFid && metabolite.echoTimeS !== null
    ? quantifyWaterScaled(fit.amplitudes, { waterAmplitude: waterAmplitude(waterFid), echoTimeS: metabolite.echoTimeS, repetitionTimeS: metabolite.repetitionTimeS })
    : null;
  const tCr = fit.amplitudes.tCr;
  const metabolites: Record<string, MetaboliteReport> = {};
  for (const [name, amplitude] of Object.entries(fit.amplitudes)) {
    metabolites[name] = {
      ratioToTCr: tCr > 0 ? amplitude / tCr : Number.NaN,
      concentrationMM: concentrations ? concentrations[name] : null,
      crlbPercent: amplitude > 0 ? (100 * fit.crlbSd[name]) / amplitude : Number.POSITIVE_INFINITY,
    };
  }
  const { qc } = fit;
  return {
    fit,
    report: {
      metabolites,
      snr: qc.snr,
      fwhmHz: qc.fwhmHz,
      fitTimeMs: qc.fitTimeMs,
      basis: basis?.source ?? null,
      qcPeak: qc.qcPeak,
      residualToNoise: qc.residualToNoise,
      warnings: qc.warnings,
    },
  };
}
