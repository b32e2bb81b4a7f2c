import { it } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import { realSpectrumInRange, readReferenceBasis } from './spectralComparison.js';
const ISMRM_BASIS = '../shared/mrs-data/ground-truth/ismrm2016-fitting-challenge/basisset_LCModel/press3T_30ms.BASIS';
it('peek', () => {
  const ref = readReferenceBasis(ISMRM_BASIS, 2048);
  const name = process.env.MET!; const lo = +process.env.LO!; const hi = +process.env.HI!;
  const s = { grid: { points: 2048, dwellTimeS: ref.dwellTimeS, spectrometerFrequencyMHz: ref.spectrometerFrequencyMHz }, lowPpm: lo, highPpm: hi, commonBroadeningHz: 0, broadeningsHz: [0], shiftsHz: [0] };
  const sim = simulateBasis({ sequence: 'press', echoTimeS: 0.03, te1S: 0.011, spectrometerFrequencyMHz: ref.spectrometerFrequencyMHz, points: 2048, dwellTimeS: ref.dwellTimeS, metabolites: [name] }).fids[0];
  const a = realSpectrumInRange(ref.fids.get(name)!, 0, 0, s); const b = realSpectrumInRange(sim, 1, 0, s);
  const ma = Math.max(...a.map(Math.abs)), mb = Math.max(...b.map(Math.abs));
  const hz = 4000 / 2048 / ref.spectrometerFrequencyMHz;
  console.log(a.map((v, i) => `${(lo + i * hz).toFixed(3)} ref ${(v / ma).toFixed(2).padStart(6)} sim ${(b[i] / mb).toFixed(2).padStart(6)}`).join('\n'));
});
