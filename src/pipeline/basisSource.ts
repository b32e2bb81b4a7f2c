import { basename } from 'node:path';
import type { Basis } from '../types/basis.js';
import type { BasisSimulationOptions } from '../basis/simulateBasis.js';
import { simulateBasis } from '../basis/simulateBasis.js';
import { readBasis } from '../io/readBasis.js';

/** How a worker obtains the basis: a plain message, so each thread loads or simulates it once and caches it. */
export type BasisSource =
  | { kind: 'file'; path: string }
  | { kind: 'simulated'; options: BasisSimulationOptions };

const cache = new Map<string, Basis>();

/** What a methods section says of a basis: the file's name, or what was simulated. */
export function describeBasisSource(source: BasisSource): string {
  if (source.kind === 'file') return basename(source.path);
  const { sequence, echoTimeS, spectrometerFrequencyMHz, shapedPulses } = source.options;
  return `simulated by glutrace: ${sequence === 'slaser' ? 'semi-LASER' : sequence.toUpperCase()}, TE ${+(echoTimeS * 1000).toFixed(2)} ms, ` +
    `${spectrometerFrequencyMHz.toFixed(3)} MHz, ${shapedPulses ? 'shaped' : 'ideal'} refocusing pulses`;
}

export function loadBasis(source: BasisSource): Basis {
  const key = JSON.stringify(source);
  let basis = cache.get(key);
  if (!basis) {
    basis = source.kind === 'file' ? readBasis(source.path) : simulateBasis(source.options);
    cache.set(key, basis);
  }
  return basis;
}
