import { describeMrsFile } from '../io/describe.js';
import type { ReadMrsFileOptions } from '../io/readMrsFile.js';

/** `glutrace info FILE`: the header facts of any supported scanner file. */
export function infoCommand(file: string, read: ReadMrsFileOptions, json: boolean): void {
  const d = describeMrsFile(file, read);
  if (json) {
    process.stdout.write(`${JSON.stringify(d)}\n`);
    return;
  }
  const ms = (s: number | null): string => (s === null ? 'unknown' : `${(s * 1000).toPrecision(4)} ms`);
  const lines = [
    `file                      ${d.file}`,
    `format                    ${d.format}`,
    `nucleus                   ${d.nucleus}`,
    `spectrometer frequency    ${d.spectrometerFrequencyMHz} MHz`,
    `dwell time                ${d.dwellTimeS} s (spectral width ${d.spectralWidthHz.toPrecision(6)} Hz)`,
    `points                    ${d.points}`,
    `shape                     ${d.shape.join(' × ')}${d.dimTags.length ? ` (${d.dimTags.join(', ')})` : ''}`,
    `echo time                 ${ms(d.echoTimeS)}`,
    `repetition time           ${ms(d.repetitionTimeS)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
