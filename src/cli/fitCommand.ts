import type { SequenceName } from '../basis/pulseSequences.js';
import type { ReadMrsFileOptions } from '../io/readMrsFile.js';
import { fitFile } from '../pipeline/fitFile.js';

export interface FitCommandOptions {
  model: 'lcm' | 'peaks';
  basis?: string;
  water?: string;
  sequence: SequenceName;
  read: ReadMrsFileOptions;
  json: boolean;
  /** Reference deconvolution with the water reference instead of Klose eddy-current correction. */
  referenceDeconvolution?: boolean;
}

function jsonNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** `glutrace fit FILE`: one spectrum (transients averaged first), as a table or one JSON object. */
export function fitCommand(file: string, options: FitCommandOptions): void {
  const { report } = fitFile(file, { model: options.model, basisPath: options.basis, waterPath: options.water, sequence: options.sequence, read: options.read, referenceDeconvolution: options.referenceDeconvolution });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, jsonNumber)}\n`);
    return;
  }
  const rows = Object.entries(report.metabolites).map(([name, m]) =>
    `${name.padEnd(8)} ${m.ratioToTCr.toFixed(3).padStart(9)} ${(m.concentrationMM === null ? '—' : m.concentrationMM.toFixed(2)).padStart(10)} ${m.crlbPercent.toFixed(1).padStart(7)}`);
  process.stdout.write([
    `${'name'.padEnd(8)} ${'/tCr'.padStart(9)} ${'mM'.padStart(10)} ${'CRLB %'.padStart(7)}`,
    ...rows,
    `SNR ${report.snr.toFixed(1)}, FWHM ${report.fwhmHz.toFixed(2)} Hz, fit ${report.fitTimeMs.toFixed(1)} ms`,
  ].join('\n') + '\n');
}
