import { it } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import { METABOLITE_SPIN_SYSTEMS } from '../../src/basis/spinSystems/brainMetabolites.js';
import { matchedCorrelation, range, readReferenceBasis } from './spectralComparison.js';

const ISMRM_BASIS = '../shared/mrs-data/ground-truth/ismrm2016-fitting-challenge/basisset_LCModel/press3T_30ms.BASIS';
const variants: Record<string, (s: typeof METABOLITE_SPIN_SYSTEMS[number]) => void> = JSON.parse('{}');
it('variants', () => {
  const ref = readReferenceBasis(ISMRM_BASIS, 2048);
  const settings = { grid: { points: 2048, dwellTimeS: ref.dwellTimeS, spectrometerFrequencyMHz: ref.spectrometerFrequencyMHz }, lowPpm: 0.2, highPpm: 4.2, commonBroadeningHz: 0, broadeningsHz: range(0, 3, 0.25), shiftsHz: range(-1.5, 1.5, 0.25) };
  const spec = JSON.parse(process.env.VARS!) as { name: string; label: string; frags: Record<string, { shiftsPpm: number[]; couplingsHz: [number, number, number][] }> }[];
  for (const v of spec) {
    const sys = METABOLITE_SPIN_SYSTEMS.find((m) => m.name === v.name)!;
    const saved = JSON.stringify(sys.fragments);
    for (const [k, f] of Object.entries(v.frags)) Object.assign(sys.fragments[+k], f);
    const res = matchedCorrelation(simulateBasis({ sequence: 'press', echoTimeS: 0.03, te1S: 0.011, spectrometerFrequencyMHz: ref.spectrometerFrequencyMHz, points: 2048, dwellTimeS: ref.dwellTimeS, metabolites: [v.name] }).fids[0], ref.fids.get(v.name)!, settings);
    console.log(`VAR ${v.name} ${v.label} r=${res.r.toFixed(4)} lb=${res.broadeningHz} sh=${res.shiftHz}`);
    const orig = JSON.parse(saved); sys.fragments.forEach((f, i) => Object.assign(f, orig[i]));
  }
}, 600000);
