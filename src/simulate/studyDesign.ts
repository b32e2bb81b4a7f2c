import { SeededRandom } from '../util/rng.js';

/** Typical anterior-cingulate concentrations at 3T (mM, institutional units), for the simulated brain. */
export const TYPICAL_CONCENTRATIONS_MM: Readonly<Record<string, number>> = {
  NAA: 10.0,
  NAAG: 1.4,
  Cr: 5.0,
  PCr: 3.5,
  GPC: 1.3,
  PCh: 0.4,
  Glu: 9.5,
  Gln: 3.2,
  Ins: 6.0,
  GSH: 1.8,
  GABA: 1.3,
  Asp: 2.0,
  Tau: 1.2,
  Lac: 0.6,
  sIns: 0.3,
  PE: 1.4,
  Asc: 1.0,
  Glc: 1.0,
  Ala: 0.4,
  MM09: 4.0,
  MM12: 2.5,
  MM14: 3.5,
  MM17: 2.0,
  MM20: 6.0,
};

export interface SimulatedVisitDesign {
  id: string;
  condition: 'naltrexone' | 'placebo';
  order: number;
  /** Peak fractional rise of Glu during the infusion (0.2 = +20 %). */
  gluPeakRise: number;
  /** Fractional rise of Gln at the same time (glutamate–glutamine cycling). */
  glnPeakRise: number;
  /** Per-excitation NAA SNR (peak height over noise SD). */
  singleExcitationSnr: number;
  /** Session linewidth: Lorentzian and Gaussian FWHM, Hz. */
  lorentzianHz: number;
  gaussianHz: number;
  /** Slow frequency drift over the session, Hz, and jumps (motion) at given minutes. */
  driftHz: number;
  jumps: { atMin: number; sizeHz: number }[];
  phaseWanderDeg: number;
  madrs: { baseline: number; h24: number };
}

export interface SimulatedSubjectDesign {
  id: string;
  sex: 'M' | 'F';
  arm: 'NTX-first' | 'PBO-first';
  /** This subject's baseline concentrations (mM). */
  concentrationsMM: Record<string, number>;
  visits: SimulatedVisitDesign[];
}

export interface StudyDesignOptions {
  subjects: number;
  seed: number;
  /** Mean Glu rise under placebo and under naltrexone (fractions). */
  placeboGluRise?: number;
  naltrexoneGluRise?: number;
  /** Extra blunting of the naltrexone response in males (fraction of the placebo rise). */
  maleExtraBlunting?: number;
}

/**
 * Draws subjects, visits and their true responses. Crossover: half the subjects get naltrexone first.
 * Responses: placebo rise larger than naltrexone rise (the blunting the trial found), stronger in males;
 * MADRS improvement at 24 h grows with the glutamate rise.
 */
export function designStudy(options: StudyDesignOptions): SimulatedSubjectDesign[] {
  const random = new SeededRandom(options.seed);
  const placeboRise = options.placeboGluRise ?? 0.3;
  const naltrexoneRise = options.naltrexoneGluRise ?? 0.18;
  const maleExtraBlunting = options.maleExtraBlunting ?? 0.04;
  const subjects: SimulatedSubjectDesign[] = [];
  for (let s = 0; s < options.subjects; s++) {
    const sex: 'M' | 'F' = s % 2 === 0 ? 'M' : 'F';
    const arm = Math.floor(s / 2) % 2 === 0 ? 'NTX-first' : 'PBO-first';
    const concentrationsMM: Record<string, number> = {};
    for (const [name, mm] of Object.entries(TYPICAL_CONCENTRATIONS_MM)) {
      concentrationsMM[name] = mm * (1 + 0.06 * random.normal());
    }
    const subjectResponsiveness = 1 + 0.12 * random.normal();
    const madrsBaseline = Math.round(30 + 5 * random.normal());
    const conditions: ('naltrexone' | 'placebo')[] = arm === 'NTX-first' ? ['naltrexone', 'placebo'] : ['placebo', 'naltrexone'];
    const visits = conditions.map((condition, v): SimulatedVisitDesign => {
      const meanRise = condition === 'placebo' ? placeboRise : naltrexoneRise - (sex === 'M' ? maleExtraBlunting : 0);
      const gluPeakRise = Math.max(0, meanRise * subjectResponsiveness + 0.02 * random.normal());
      // Improvement (points) scales with the glutamate rise; noise keeps the association realistic.
      const improvement = 40 * gluPeakRise + 3 * random.normal();
      return {
        id: `visit${v + 1}`,
        condition,
        order: v + 1,
        gluPeakRise,
        glnPeakRise: gluPeakRise * 0.4,
        singleExcitationSnr: 24 + 4 * random.uniform(),
        lorentzianHz: 2.5 + 1.0 * random.uniform(),
        gaussianHz: 4.0 + 1.5 * random.uniform(),
        driftHz: (random.uniform() < 0.5 ? -1 : 1) * (2 + 3 * random.uniform()),
        jumps: [{ atMin: 15 + 30 * random.uniform(), sizeHz: (random.uniform() < 0.5 ? -1 : 1) * (1.5 + 2 * random.uniform()) }],
        phaseWanderDeg: 8 + 8 * random.uniform(),
        madrs: { baseline: madrsBaseline, h24: Math.max(0, Math.round(madrsBaseline - improvement)) },
      };
    });
    subjects.push({ id: `sub-${String(s + 1).padStart(2, '0')}`, sex, arm, concentrationsMM, visits });
  }
  return subjects;
}

/**
 * Response time course: a rise during the infusion towards its plateau (time constant `riseMin`),
 * then a return towards baseline after the infusion ends (time constant `decayMin`). Returns a fraction of the peak.
 */
export function infusionResponseShape(minutesFromInfusionStart: number, durationMin: number, riseMin = 8, decayMin = 12): number {
  const t = minutesFromInfusionStart;
  if (t <= 0) return 0;
  const plateau = (x: number): number => 1 - Math.exp(-x / riseMin);
  if (t <= durationMin) return plateau(t);
  return plateau(durationMin) * Math.exp(-(t - durationMin) / decayMin);
}
