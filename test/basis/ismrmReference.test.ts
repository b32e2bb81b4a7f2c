/**
 * The simulated PRESS basis against published ones:
 * - ISMRM 2016 fitting challenge basis (LCModel, 3T PRESS TE 30 ms, TE1 11 / TE2 19 ms, ideal pulses);
 * - Osprey's Siemens 3T PRESS TE 35 ms basis, for the change of the Glu/Gln/GABA multiplets with TE.
 * Each comparison matches the reference's linewidth (extra Lorentzian on the simulation) and its per-metabolite
 * frequency referencing (a shift ≤ 1.5 Hz; the challenge basis's spectra are offset by up to ±0.8 Hz
 * from their nominal shifts, e.g. Lac +0.4 Hz, Cr −0.35 Hz), then correlates real spectra over 0.2–4.2 ppm.
 */
import { describe, expect, it } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import type { Basis } from '../../src/types/basis.js';
import { fitRangeComparison, matchedCorrelation, range, readReferenceBasis, realSpectrumInRange, type ComparisonSettings, type ReferenceBasis } from './spectralComparison.js';

const DATA = '../shared/mrs-data';
const ISMRM_BASIS = `${DATA}/ground-truth/ismrm2016-fitting-challenge/basisset_LCModel/press3T_30ms.BASIS`;
const OSPREY_TE35_BASIS = `${DATA}/basis/lcmodel/osprey_3T_PRESS_Siemens_35ms_noMM.BASIS`;
const POINTS = 2048;

/** Reference names that differ from ours. */
const REFERENCE_NAME: Record<string, string> = { PCh: 'PCho' };
const METABOLITES = ['Ala', 'Asc', 'Asp', 'Cr', 'PCr', 'GABA', 'Glc', 'Gln', 'Glu', 'GPC', 'PCh', 'GSH', 'Lac', 'Ins', 'sIns', 'NAA', 'NAAG', 'PE', 'Tau'];

function settingsFor(reference: ReferenceBasis, commonBroadeningHz: number, centreShiftHz = 0): ComparisonSettings {
  return fitRangeComparison(reference, POINTS, {
    commonBroadeningHz,
    broadeningsHz: range(0, 5, 0.5),
    shiftsHz: range(centreShiftHz - 1.5, centreShiftHz + 1.5, 0.25),
  });
}

function press(reference: ReferenceBasis, echoTimeS: number, te1S?: number): Basis {
  return simulateBasis({
    sequence: 'press',
    echoTimeS,
    te1S,
    spectrometerFrequencyMHz: reference.spectrometerFrequencyMHz,
    points: POINTS,
    dwellTimeS: reference.dwellTimeS,
    metabolites: METABOLITES,
  });
}

const fidOf = (basis: Basis, name: string) => basis.fids[basis.names.indexOf(name)];

/**
 * Metabolites whose challenge spectrum the published values do not reproduce at its native ≈ 2 Hz linewidth, and why.
 * Our values reproduce an independent GAMMA simulation with the same published table (see the next describe block), and
 * TE1 = 11 ms gives the best match for every metabolite, so these differences lie in the challenge's spin-system values
 * (its README does not say which; not Govindaraju 2000 as printed, nor Near et al. 2013 for GABA). CMRR bases usually cite
 * refinements by Tkáč (Proc ISMRM 2008;16:1624) whose values we could not obtain, so they remain untested.
 * The shifts quoted are what a shift-only fit to the challenge spectrum moves our values to; they are not published values.
 */
const NATIVE_SHORTFALL: Record<string, string> = {
  Asp: 'ABX with Δν(H3,H3′) ≈ J33′: the challenge\'s H3/H3′ sit ≈ 0.007 ppm lower / 0.004 ppm higher (r 0.94 → 0.997 if moved)',
  Gln: 'challenge H2 ≈ 0.010 ppm and H3/H3′ ≈ 0.005 ppm higher than Govindaraju 2000 (r 0.96 → 0.9998 if moved)',
  GSH: 'challenge glycyl CH2 / glutamyl H2 region near 3.77 ppm is broader and ≈ 0.01 ppm higher than a 3.769 ppm singlet',
  NAAG:
    'challenge glutamyl H3/H3′ ≈ 0.02 ppm higher than Govindaraju 2000 (r 0.988 → 0.994 if moved; exchanging which of ' +
    '1.8807/2.0487 ppm carries the H3 couplings gives 0.9945, an assignment to check against the printed table)',
  GABA:
    'challenge multiplets differ slightly from the Govind 2015 couplings (r 0.989; Near 2013 values give 0.984, ' +
    'the 2000 table without the 2015 geminal couplings 0.918)',
};

describe('simulated PRESS basis vs the ISMRM 2016 challenge basis (TE 30 ms)', () => {
  const reference = readReferenceBasis(ISMRM_BASIS, POINTS);
  const simulated = press(reference, 0.03, 0.011);
  // Native comparison: only the linewidth (0.25 Hz steps) and a ≤ 1.5 Hz shift are matched.
  const native = { ...settingsFor(reference, 0), broadeningsHz: range(0, 4, 0.25) };
  const rows = METABOLITES.map((name) => {
    const referenceFid = reference.fids.get(REFERENCE_NAME[name] ?? name)!;
    return {
      name,
      rNative: matchedCorrelation(fidOf(simulated, name), referenceFid, native).r,
      rInVivo: matchedCorrelation(fidOf(simulated, name), referenceFid, settingsFor(reference, 3)).r,
    };
  });
  console.info(rows.map((r) => `${r.name} r(native)=${r.rNative.toFixed(4)} r(5 Hz)=${r.rInVivo.toFixed(4)}`).join('; '));

  it('correlates at r > 0.99 at the reference\'s native linewidth for every metabolite but Asp, Gln, GSH, NAAG, GABA', () => {
    const checked = rows.filter((row) => !(row.name in NATIVE_SHORTFALL));
    expect(checked.length).toBe(METABOLITES.length - Object.keys(NATIVE_SHORTFALL).length);
    for (const row of checked) expect(row.rNative, row.name).toBeGreaterThan(0.99);
  });

  it('correlates at r > 0.99 (GSH 0.97) at an in-vivo linewidth (≈ 5 Hz) for the metabolites that fall short natively', () => {
    for (const row of rows.filter((r) => r.name in NATIVE_SHORTFALL)) {
      expect(row.rInVivo, `${row.name}: ${NATIVE_SHORTFALL[row.name]}`).toBeGreaterThan(row.name === 'GSH' ? 0.97 : 0.99);
      expect(row.rNative, row.name).toBeGreaterThan(0.9);
    }
  });

  it('has the challenge basis scaling (1 per proton): spectral areas over 0.2–4.2 ppm agree within 2 %', () => {
    const settings = { ...settingsFor(reference, 3), broadeningsHz: [0], shiftsHz: [0] };
    const area = (fid: Float64Array) => realSpectrumInRange(fid, 3, 0, settings).reduce((s, v) => s + v, 0);
    for (const name of ['Cr', 'PCr', 'NAA', 'sIns', 'Glu', 'Gln', 'GABA', 'Ins', 'Lac', 'GPC', 'Tau']) {
      expect(Math.abs(area(fidOf(simulated, name)) / area(reference.fids.get(name)!) - 1), name).toBeLessThan(0.02);
    }
  });

  it('loses that match at the wrong TE: Glu, Gln and GABA correlate clearly worse when simulated at TE 35 ms', () => {
    const wrongTe = press(reference, 0.035);
    const settings = settingsFor(reference, 3);
    for (const name of ['Glu', 'Gln', 'GABA']) {
      const right = matchedCorrelation(fidOf(simulated, name), reference.fids.get(name)!, settings).r;
      const wrong = matchedCorrelation(fidOf(wrongTe, name), reference.fids.get(name)!, settings).r;
      expect(right - wrong, name).toBeGreaterThan(0.02);
    }
  });
});

describe('TE dependence of Glu, Gln, GABA against a TE 35 ms reference (Osprey, Siemens 3T PRESS)', () => {
  const reference35 = readReferenceBasis(OSPREY_TE35_BASIS, POINTS);
  const reference30 = readReferenceBasis(ISMRM_BASIS, POINTS);
  // Osprey references its bases to 4.68 ppm: NAA's singlet sits 0.03 ppm (≈ 3.7 Hz) below 2.008 on a 4.65 axis.
  const osprey = settingsFor(reference35, 3, -0.03 * reference35.spectrometerFrequencyMHz);
  const ismrm = settingsFor(reference30, 3);
  const simulated35 = press(reference35, 0.035);
  const simulated30 = press(reference35, 0.03, 0.011);

  it('the 35 ms simulation resembles the 35 ms reference more than the 30 ms reference', () => {
    for (const name of ['Glu', 'Gln', 'GABA']) {
      const same = matchedCorrelation(fidOf(simulated35, name), reference35.fids.get(name)!, osprey).r;
      const other = matchedCorrelation(fidOf(simulated35, name), reference30.fids.get(name)!, ismrm).r;
      expect(same, name).toBeGreaterThan(other);
      expect(same, name).toBeGreaterThan(0.95);
    }
  });

  it('the GABA multiplets follow the reference when TE goes from 30 to 35 ms', () => {
    const at35 = matchedCorrelation(fidOf(simulated35, 'GABA'), reference35.fids.get('GABA')!, osprey).r;
    const at30 = matchedCorrelation(fidOf(simulated30, 'GABA'), reference35.fids.get('GABA')!, osprey).r;
    expect(at35).toBeGreaterThan(at30 + 0.01);
  });
});
