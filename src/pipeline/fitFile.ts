import type { SequenceName } from '../basis/pulseSequences.js';
import { simulateBasis } from '../basis/simulateBasis.js';
import { fitSpectrum } from '../fit/fitSpectrum.js';
import type { FitGrid } from '../fit/fitOptions.js';
import { quantifyWaterScaled, waterAmplitude } from '../fit/waterScaling.js';
import { readBasis } from '../io/readBasis.js';
import { readMrsFile, type ReadMrsFileOptions } from '../io/readMrsFile.js';
import { combineCoils } from '../preprocess/coilCombination.js';
import { eddyCurrentCorrect } from '../preprocess/eddyCurrent.js';
import { removeResidualWater } from '../preprocess/hlsvd.js';
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
  const metabolite = combined(readMrsFile(path, options.read), rawWater);
  const water = rawWater ? combined(rawWater) : undefined;
  const grid: FitGrid = {
    points: metabolite.points,
    dwellTimeS: metabolite.dwellTimeS,
    spectrometerFrequencyMHz: metabolite.spectrometerFrequencyMHz,
    echoTimeS: metabolite.echoTimeS,
  };
  const waterFid = water ? averageTransients(water.data, water.points) : undefined;
  let fid = averagedFid(metabolite, grid);
  if (waterFid) fid = eddyCurrentCorrect(fid, waterFid, grid).fid;
  fid = removeResidualWater(fid, grid).fid;
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
