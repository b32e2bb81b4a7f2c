import { simulateBasis } from '../../../../src/basis/simulateBasis.js';
import { buildDesignMatrix, type DesignMatrix } from '../../../../src/fit/dynamic/designMatrix.js';
import type { FitGrid } from '../../../../src/fit/fitOptions.js';
import { TYPICAL_CONCENTRATIONS_MM } from '../../../../src/simulate/studyDesign.js';
import type { Basis } from '../../../../src/types/basis.js';

// Small sessions keep 100 simulations fast: 60 transients one minute apart (10 min before, 40 min of
// infusion, 10 after), 1024 points at 2000 Hz (the same 0.51 s acquisition and resolution as 2048 at 4000 Hz).
export const SMALL_GRID: FitGrid = { points: 1024, dwellTimeS: 1 / 2000, spectrometerFrequencyMHz: 123.2, echoTimeS: 0.03 };
/** Time-domain noise SD on SMALL_GRID giving a single-transient NAA SNR of about 48 (a window of 5: about 108). */
export const NOISE_SD = 2;
export const LINESHAPE = { lorentzianHz: 3, gaussianHz: 5, shiftHz: 1, phase0Deg: 10 };

export function pressBasis(grid: FitGrid): Basis {
  return simulateBasis({
    sequence: 'press',
    echoTimeS: 0.03,
    spectrometerFrequencyMHz: grid.spectrometerFrequencyMHz,
    points: grid.points,
    dwellTimeS: grid.dwellTimeS,
  });
}

/** Transients `transientMin` apart from 10 min before a 40-min infusion; box infusion and post-infusion regressors. */
export function sessionDesign(transients: number, transientMin: number): DesignMatrix {
  const times = Float64Array.from({ length: transients }, (_, i) => -10 + (i + 0.5) * transientMin);
  return buildDesignMatrix(times, { infusion: { durationMin: 40, shape: 'box' } });
}

/** Brain-like baseline levels; Glu rises by `gluRise` during the infusion and keeps a third of it afterwards. */
export function trueBetas(gluRise: number): Record<string, Record<string, number>> {
  const betas: Record<string, Record<string, number>> = {};
  for (const [name, level] of Object.entries(TYPICAL_CONCENTRATIONS_MM)) betas[name] = { baseline: level };
  const glu = TYPICAL_CONCENTRATIONS_MM.Glu;
  betas.Glu = { baseline: glu, infusion: gluRise * glu, post_infusion: (gluRise / 3) * glu };
  return betas;
}
