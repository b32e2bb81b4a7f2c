import { it } from 'vitest';
import { simulateBasis } from '../../src/basis/simulateBasis.js';
import { matchedCorrelation, range, readReferenceBasis } from './spectralComparison.js';
const PATH = '../shared/mrs-data/basis/lcmodel/suspect_press_30ms_3T.basis';
it('suspect', () => {
  const ref = readReferenceBasis(PATH, 2048);
  console.log('f0', ref.spectrometerFrequencyMHz, 'dwell', ref.dwellTimeS, [...ref.fids.keys()].join(','));
  const settings = { grid: { points: 2048, dwellTimeS: ref.dwellTimeS, spectrometerFrequencyMHz: ref.spectrometerFrequencyMHz }, lowPpm: 0.2, highPpm: 4.2, commonBroadeningHz: 0, broadeningsHz: range(0, 5, 0.25), shiftsHz: range(-6, 6, 0.25) };
  const names = ['Ala','Asp','Cr','PCr','GABA','Glc','Gln','Glu','GPC','PCh','GSH','Ins','Lac','NAA','NAAG','Tau'];
  const sim = simulateBasis({ sequence: 'press', echoTimeS: 0.03, te1S: +(process.env.TE1 ?? 0.0108), spectrometerFrequencyMHz: ref.spectrometerFrequencyMHz, points: 2048, dwellTimeS: ref.dwellTimeS, metabolites: names, lineBroadeningHz: 0 });
  const gauss = (fid: Float64Array, g: number) => { const o = Float64Array.from(fid); for (let k = 0; k < o.length / 2; k++) { const t = k * ref.dwellTimeS; const w = Math.exp(-((Math.PI * g * t) ** 2) / (4 * Math.LN2)); o[2 * k] *= w; o[2 * k + 1] *= w; } return o; };
  for (const n of names) { let r = { r: -1, broadeningHz: 0, shiftHz: 0, g: 0 }; for (const g of [0, 1, 1.5, 2, 2.5, 3]) { const c = matchedCorrelation(gauss(sim.fids[sim.names.indexOf(n)], g), ref.fids.get(n)!, { ...settings, broadeningsHz: range(0, 2, 0.25), shiftsHz: range(-0.5, 1, 0.25) }); if (c.r > r.r) r = { ...c, g }; } console.log(`SUS ${n} r=${r.r.toFixed(4)} lb=${r.broadeningHz} g=${r.g} sh=${r.shiftHz}`); }
}, 300000);
