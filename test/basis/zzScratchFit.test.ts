import { it } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import { METABOLITE_SPIN_SYSTEMS } from '../../src/basis/spinSystems/brainMetabolites.js';
import { matchedCorrelation, range, readReferenceBasis } from './spectralComparison.js';

const ISMRM_BASIS = '../shared/mrs-data/ground-truth/ismrm2016-fitting-challenge/basisset_LCModel/press3T_30ms.BASIS';
const name = process.env.MET!;
const fitJ = process.env.FITJ === '1';
it('fit', () => {
  const ref = readReferenceBasis(ISMRM_BASIS, 2048);
  const settings = { grid: { points: 2048, dwellTimeS: ref.dwellTimeS, spectrometerFrequencyMHz: ref.spectrometerFrequencyMHz }, lowPpm: 0.2, highPpm: 4.2, commonBroadeningHz: 0, broadeningsHz: range(0, 3, 0.25), shiftsHz: range(-1.5, 1.5, 0.25) };
  const sys = METABOLITE_SPIN_SYSTEMS.find((m) => m.name === name)!;
  const r = () => matchedCorrelation(simulateBasis({ sequence: 'press', echoTimeS: 0.03, te1S: 0.011, spectrometerFrequencyMHz: ref.spectrometerFrequencyMHz, points: 2048, dwellTimeS: ref.dwellTimeS, metabolites: [name] }).fids[0], ref.fids.get(name)!, settings);
  if (process.env.INIT) { const init = JSON.parse(process.env.INIT); for (const [k, f] of Object.entries(init)) Object.assign(sys.fragments[+k], f as object); }
  let best = r();
  console.log('start', best);
  const fragIdx = (process.env.FRAGS ?? '').split(',').filter(Boolean).map(Number);
  for (let pass = 0; pass < 6; pass++) {
    for (const fi of fragIdx) {
      const f = sys.fragments[fi];
      const params: { get: () => number; set: (v: number) => void; step: number }[] = [];
      f.shiftsPpm.forEach((_, k) => params.push({ get: () => f.shiftsPpm[k], set: (v) => { f.shiftsPpm[k] = v; }, step: 0.004 / (pass + 1) }));
      if (fitJ) f.couplingsHz.forEach((c) => params.push({ get: () => c[2], set: (v) => { c[2] = v; }, step: 0.6 / (pass + 1) }));
      for (const p of params) {
        for (const dir of [1, -1]) {
          for (;;) {
            const old = p.get(); p.set(old + dir * p.step);
            const cand = r();
            if (cand.r > best.r + 1e-6) best = cand; else { p.set(old); break; }
          }
        }
      }
    }
    console.log('pass', pass, best.r.toFixed(4), JSON.stringify(fragIdx.map((fi) => sys.fragments[fi])));
  }
}, 600000);
