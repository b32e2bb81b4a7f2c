import type { SequenceName } from '../basis/pulseSequences.js';
import { simulateBasis } from '../basis/simulateBasis.js';
import { fitSpectrum } from '../fit/fitSpectrum.js';
import type { FitGrid } from '../fit/fitOptions.js';
import { quantifyWaterScaled, waterAmplitude } from '../fit/waterScaling.js';
import { readBasis } from '../io/readBasis.js';
import { readMrsFile, type ReadMrsFileOptions } from '../io/readMrsFile.js';
import { combineCoils } from '../preprocess/coilCombination.js';
import { eddyCurrentCorrect } from '../preprocess/eddyCurrent.js';
import { removeResidualWaterRetrying } from '../preprocess/hlsvd.js';
import { referenceDeconvolution } from '../preprocess/referenceDeconvolution.js';
import { alignTransients, averageTransients } from '../preprocess/spectralRegistration.js';
import { rejectBadTransients } from '../preprocess/transientRejection.js';
import type { Basis } from '../types/basis.js';
import type { FitResult } from '../types/fit.js';
import { fidCount, type MrsData } from '../types/mrsData.js';
import { DataError } from '../util/errors.js';

export interface FitFileOptions {
  model: 'lcm' | 'peaks';
  basisPath?: string;
  waterPath?: string;
  /** Sequence for the simulated basis when no basis file is given. */
  sequence: SequenceName;
  /** Header values the files lack (applied to the metabolite and water files). */
  read?: ReadMrsFileOptions;
  /**
   * Correct the lineshape by reference deconvolution with the water reference instead of Klose's
   * eddy-current correction. Default false: on the Philips in vivo data it did not lower the residual
   * (src/fit/README.md, real scanner data).
   */
  referenceDeconvolution?: boolean;
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
}

/** Coil-combined data, or the data itself when it has no coil dimension. */
function combined(mrs: MrsData, water?: MrsData): MrsData {
  if (!mrs.dims.some((d) => d.tag === 'DIM_COIL')) return mrs;
  const waterWithCoils = water?.dims.some((d) => d.tag === 'DIM_COIL') ? water : undefined;
  return combineCoils(mrs, { water: waterWithCoils }).data;
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
  if (mrs.echoTimeS === null) throw new DataError(`${mrs.provenance.sourceName}: no echo time in the header; give --basis`);
  return simulateBasis({
    sequence: options.sequence,
    echoTimeS: mrs.echoTimeS,
    spectrometerFrequencyMHz: mrs.spectrometerFrequencyMHz,
    points: mrs.points,
    dwellTimeS: mrs.dwellTimeS,
  });
}

/** Fit one file (transients averaged first) and report ratios to tCr, water-scaled mM and CRLBs. */
export function fitFile(path: string, options: FitFileOptions): { fit: FitResult; report: FitFileReport } {
  const rawWater = options.waterPath ? readMrsFile(options.waterPath, options.read) : undefined;
  const separated = separateWaterTransients(combined(readMrsFile(path, options.read), rawWater));
  const metabolite = separated.metabolite;
  const water = rawWater ? combined(rawWater) : undefined;
  const grid: FitGrid = {
    points: metabolite.points,
    dwellTimeS: metabolite.dwellTimeS,
    spectrometerFrequencyMHz: metabolite.spectrometerFrequencyMHz,
    echoTimeS: metabolite.echoTimeS,
  };
  const waterFid = water ? averageTransients(water.data, water.points) : separated.waterFid;
  let fid = averagedFid(metabolite, grid);
  if (waterFid && options.referenceDeconvolution) {
    const waterDwellTimeS = water ? water.dwellTimeS : grid.dwellTimeS;
    fid = referenceDeconvolution({ fid, dwellTimeS: grid.dwellTimeS }, { fid: waterFid, dwellTimeS: waterDwellTimeS }).fid;
  } else if (waterFid) fid = eddyCurrentCorrect(fid, waterFid, grid).fid;
  fid = removeResidualWaterRetrying(fid, grid).fid;
  const fit = fitSpectrum(fid, grid, { model: options.model, basis: basisFor(metabolite, options) });

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
  return { fit, report: { metabolites, snr: fit.qc.snr, fwhmHz: fit.qc.fwhmHz, fitTimeMs: fit.qc.fitTimeMs } };
}
