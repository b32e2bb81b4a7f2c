import { describeBasis, isBasisPath, type BasisDescription } from '../io/describeBasis.js';
import { describeMrsFile, type MrsFileDescription } from '../io/describe.js';
import type { ReadMrsFileOptions } from '../io/readMrsFile.js';
import { formatMs, formatSignificant } from './formatNumbers.js';

function dataLines(d: MrsFileDescription): string[] {
  return [
    `file                      ${d.file}`,
    `format                    ${d.format}`,
    `nucleus                   ${d.nucleus}`,
    `spectrometer frequency    ${formatSignificant(d.spectrometerFrequencyMHz, 9)} MHz`,
    `dwell time                ${formatSignificant(d.dwellTimeS)} s (spectral width ${formatSignificant(d.spectralWidthHz)} Hz)`,
    `points                    ${d.points}`,
    `shape                     ${d.shape.join(' × ')}${d.dimTags.length ? ` (${d.dimTags.join(', ')})` : ''}`,
    `echo time                 ${formatMs(d.echoTimeS)}`,
    `repetition time           ${formatMs(d.repetitionTimeS)}`,
  ];
}

function basisLines(d: BasisDescription): string[] {
  return [
    `file                      ${d.file}`,
    `format                    ${d.format} (a basis set: use it with --basis or analysis.basis)`,
    `metabolites               ${d.metabolites.length}: ${d.metabolites.join(', ')}`,
    `spectrometer frequency    ${formatSignificant(d.spectrometerFrequencyMHz, 9)} MHz`,
    `dwell time                ${formatSignificant(d.dwellTimeS)} s (spectral width ${formatSignificant(d.spectralWidthHz)} Hz)`,
    `points                    ${d.points}`,
    `echo time                 ${formatMs(d.echoTimeS)}`,
  ];
}

/** `glutrace info FILE`: the header facts of any supported scanner file, or of a basis set. */
export function infoCommand(file: string, read: ReadMrsFileOptions, json: boolean): void {
  const description = isBasisPath(file) ? describeBasis(file) : describeMrsFile(file, read);
  if (json) {
    process.stdout.write(`${JSON.stringify(description)}\n`);
    return;
  }
  const lines = 'metabolites' in description ? basisLines(description) : dataLines(description);
  process.stdout.write(`${lines.join('\n')}\n`);
}
