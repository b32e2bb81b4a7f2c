import { type Command, InvalidArgumentError } from 'commander';
import type { ReadMrsFileOptions } from '../io/readMrsFile.js';

export interface HeaderFlags {
  frequency?: number;
  dwell?: number;
  te?: number;
  tr?: number;
  conjugate?: boolean;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

/** Options that supply header values a file lacks (text, LCModel RAW, bare NIfTI); values in the file win. */
export function withHeaderOptions(command: Command): Command {
  return command
    .option('--frequency <MHz>', 'spectrometer frequency, if the file lacks it', positive)
    .option('--dwell <s>', 'dwell time in seconds, if the file lacks it', positive)
    .option('--te <ms>', 'echo time in ms, if the file lacks it', positive)
    .option('--tr <ms>', 'repetition time in ms, if the file lacks it', positive)
    .option('--conjugate', 'plain-text data: take the complex conjugate');
}

export function readOptionsFrom(flags: HeaderFlags): ReadMrsFileOptions {
  return {
    spectrometerFrequencyMHz: flags.frequency,
    dwellTimeS: flags.dwell,
    echoTimeS: flags.te === undefined ? undefined : flags.te / 1000,
    repetitionTimeS: flags.tr === undefined ? undefined : flags.tr / 1000,
    conjugate: flags.conjugate,
  };
}
