/**
 * The simulated PRESS basis against an independent simulator using the same published table: suspect's test basis
 * "PRESS (123 MHz) TE=30; TE1=10.8 (based on GAMMA routines of Rolf Schulte)", with Govindaraju et al. 2000 values.
 * Its lines are Gaussian (≈ 2.5 Hz), so the comparison matches a Gaussian and a Lorentzian width and a ≤ 1 Hz shift.
 * This is the check that our Asp and Gln, which fall short of the ISMRM 2016 challenge basis at its native linewidth,
 * do reproduce the published values: the shortfall there comes from the challenge's values, not from the simulator.
 */
import { describe, expect, it } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import { fitRangeComparison, matchedCorrelation, range, readReferenceBasis } from './spectralComparison.js';

const GAMMA_BASIS = '../shared/mrs-data/basis/lcmodel/suspect_press_30ms_3T.basis';
const POINTS = 2048;
/** GABA is left out (GAMMA lacks the geminal couplings of the 2015 corrigendum; without them r = 0.995), as are
 * GSH (0.97) and NAAG (0.988), whose GAMMA models differ from ours near 3.77 and 2.0–2.2 ppm. */
const METABOLITES = ['Ala', 'Asp', 'Cr', 'PCr', 'Glc', 'Gln', 'Glu', 'GPC', 'PCh', 'Ins', 'Lac', 'NAA', 'Tau'];

describe('simulated PRESS basis vs a GAMMA simulation of the same published values (TE 30 ms, TE1 10.8 ms)', () => {
  const reference = readReferenceBasis(GAMMA_BASIS, POINTS);
  const simulated = simulateBasis({
    sequence: 'press',
    echoTimeS: 0.03,
    te1S: 0.0108,
    spectrometerFrequencyMHz: reference.spectrometerFrequencyMHz,
    points: POINTS,
    dwellTimeS: reference.dwellTimeS,
    metabolites: METABOLITES,
    lineBroadeningHz: 0,
  });
  const settings = fitRangeComparison(reference, POINTS, {
    commonBroadeningHz: 0,
    broadeningsHz: range(0, 1.5, 0.25),
    shiftsHz: range(-0.5, 1, 0.25),
    gaussianBroadeningsHz: [1.5, 2, 2.5, 3],
  });

  it('correlates at r > 0.99 at the reference linewidth for every compared metabolite, Asp and Gln at r > 0.998', () => {
    const rows = METABOLITES.map((name) => ({
      name,
      r: matchedCorrelation(simulated.fids[simulated.names.indexOf(name)], reference.fids.get(name)!, settings).r,
    }));
    console.info(rows.map((row) => `${row.name} r=${row.r.toFixed(4)}`).join('; '));
    for (const row of rows) expect(row.r, row.name).toBeGreaterThan(['Asp', 'Gln'].includes(row.name) ? 0.998 : 0.99);
  });
});
