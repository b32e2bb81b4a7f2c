import type { SequenceName } from '../basis/pulseSequences.js';
import type { ReadMrsFileOptions } from '../io/readMrsFile.js';
import { fitFile, type FitFileReport } from '../pipeline/fitFile.js';

export interface FitCommandOptions {
  model: 'lcm' | 'peaks';
  basis?: string;
  water?: string;
  /** Sequence of the simulated basis; default: from the file's header. */
  sequence?: SequenceName;
  read: ReadMrsFileOptions;
  json: boolean;
  /** Reference deconvolution with the water reference instead of Klose eddy-current correction. */
  referenceDeconvolution?: boolean;
  /** false (`--no-macromolecules`): no built-in macromolecule components, for phantoms. */
  macromolecules?: boolean;
}

function jsonNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** A number for the table, "n/a" where it is undefined (a CRLB of a zero amplitude, SNR without a singlet). */
function formatted(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function table(report: FitFileReport): string {
  const rows = Object.entries(report.metabolites).map(([name, m]) =>
    `${name.padEnd(8)} ${formatted(m.ratioToTCr, 3).padStart(9)} ${(m.concentrationMM === null ? '—' : formatted(m.concentrationMM, 2)).padStart(10)} ${formatted(m.crlbPercent, 1).padStart(7)}`);
  const peak = report.qcPeak === 'model' ? ' (tallest fitted line)' : report.qcPeak ? ` (${report.qcPeak})` : '';
  return [
    `${'name'.padEnd(8)} ${'/tCr'.padStart(9)} ${'mM'.padStart(10)} ${'CRLB %'.padStart(7)}`,
    ...rows,
    `SNR${peak} ${formatted(report.snr, 1)}, FWHM ${formatted(report.fwhmHz, 2)} Hz, residual/noise ${formatted(report.residualToNoise, 2)}, fit ${report.fitTimeMs.toFixed(1)} ms`,
    `basis: ${report.basis ?? 'built-in peak model'}`,
  ].join('\n') + '\n';
}

/**
 * `glutrace fit FILE`: one spectrum (transients averaged first), as a table or one JSON object. Warnings about
 * the fit go to stderr after the table (in JSON, the `warnings` field); they do not change the exit code.
 */
export function fitCommand(file: string, options: FitCommandOptions): void {
  const { report } = fitFile(file, { model: options.model, basisPath: options.basis, waterPath: options.water, sequence: options.sequence, read: options.read, referenceDeconvolution: options.referenceDeconvolution, macromolecules: options.macromolecules });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(report, jsonNumber)}\n`);
    return;
  }
  process.stdout.write(table(report));
  for (const warning of report.warnings) process.stderr.write(`glutrace: warning: ${file}: ${warning}\n`);
}
