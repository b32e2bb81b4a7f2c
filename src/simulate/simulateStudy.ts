import type { Basis } from '../types/basis.js';
import type { MrsData } from '../types/mrsData.js';
import { simulateBasis } from '../basis/simulateBasis.js';
import { SeededRandom } from '../util/rng.js';
import { designStudy, type SimulatedSubjectDesign } from './studyDesign.js';
import { simulateSession, type SessionTiming, type TransientTruth } from './sessionSignal.js';

export interface StudySimulationOptions {
  seed: number;
  subjects: number;
  /** Excitations averaged into each stored transient. */
  averagesPerTransient: number;
  preInfusionMin: number;
  infusionDurationMin: number;
  postInfusionMin: number;
  repetitionTimeS: number;
  spectrometerFrequencyMHz: number;
  echoTimeS: number;
  points: number;
  bandwidthHz: number;
}

export const DEFAULT_STUDY_SIMULATION: StudySimulationOptions = {
  seed: 1,
  subjects: 4,
  averagesPerTransient: 16,
  preInfusionMin: 10,
  infusionDurationMin: 40,
  postInfusionMin: 10,
  repetitionTimeS: 2.5,
  spectrometerFrequencyMHz: 123.2,
  echoTimeS: 0.03,
  points: 2048,
  bandwidthHz: 4000,
};

export interface SimulatedVisitData {
  subject: SimulatedSubjectDesign;
  visitIndex: number;
  metabolite: MrsData;
  water: MrsData;
  truth: TransientTruth[];
  infusionStartMin: number;
}

export interface SimulatedStudy {
  options: StudySimulationOptions;
  basis: Basis;
  subjects: SimulatedSubjectDesign[];
  visits: SimulatedVisitData[];
}

/** The PRESS basis the simulated scanner "measures" with (also what `glutrace run` fits with by default). */
export function simulationBasis(options: StudySimulationOptions): Basis {
  return simulateBasis({
    sequence: 'press',
    echoTimeS: options.echoTimeS,
    spectrometerFrequencyMHz: options.spectrometerFrequencyMHz,
    points: options.points,
    dwellTimeS: 1 / options.bandwidthHz,
  });
}

function asMrsData(fids: Float64Array, transients: number, timesS: Float64Array | null, options: StudySimulationOptions, name: string): MrsData {
  return {
    data: fids,
    points: options.points,
    dwellTimeS: 1 / options.bandwidthHz,
    spectrometerFrequencyMHz: options.spectrometerFrequencyMHz,
    nucleus: '1H',
    dims: transients > 1 ? [{ tag: 'DIM_DYN', size: transients }] : [],
    echoTimeS: options.echoTimeS,
    repetitionTimeS: options.repetitionTimeS,
    transientTimesS: timesS,
    fieldStrengthT: Math.round((options.spectrometerFrequencyMHz / 42.577) * 10) / 10,
    sequenceName: 'PRESS (glutrace simulation)',
    voxelSizeMm: [30, 30, 30],
    provenance: { format: 'glutrace-simulation', sourceName: name, processingApplied: [] },
  };
}

/** Simulates a whole crossover study in memory; deterministic in `options.seed`. */
export function simulateStudy(options: StudySimulationOptions): SimulatedStudy {
  const basis = simulationBasis(options);
  const subjects = designStudy({ subjects: options.subjects, seed: options.seed });
  const transientDurationS = options.repetitionTimeS * options.averagesPerTransient;
  const totalMin = options.preInfusionMin + options.infusionDurationMin + options.postInfusionMin;
  const timing: SessionTiming = {
    repetitionTimeS: options.repetitionTimeS,
    averagesPerTransient: options.averagesPerTransient,
    transients: Math.round((totalMin * 60) / transientDurationS),
    infusionStartMin: options.preInfusionMin,
    infusionDurationMin: options.infusionDurationMin,
  };
  const root = new SeededRandom(options.seed);
  const visits: SimulatedVisitData[] = [];
  subjects.forEach((subject, s) => {
    subject.visits.forEach((visit, v) => {
      const session = simulateSession(basis, subject, visit, timing, root.fork(s * 16 + v));
      const label = `${subject.id}_${visit.id}`;
      visits.push({
        subject,
        visitIndex: v,
        metabolite: asMrsData(session.metaboliteFids, timing.transients, session.transientTimesS, options, `${label}_svs`),
        water: asMrsData(session.waterFid, 1, null, options, `${label}_ref`),
        truth: session.truth,
        infusionStartMin: timing.infusionStartMin,
      });
    });
  });
  return { options, basis, subjects, visits };
}
