import type { Command } from 'commander';
import { MissingHeaderValueError, type SuppliableHeaderField } from '../util/errors.js';

/** The option of withHeaderOptions that supplies each header value. */
const OPTION_FOR_FIELD: Record<SuppliableHeaderField, { flag: string; unit: string }> = {
  spectrometerFrequencyMHz: { flag: '--frequency', unit: 'MHz' },
  dwellTimeS: { flag: '--dwell', unit: 's' },
  echoTimeS: { flag: '--te', unit: 'ms' },
  repetitionTimeS: { flag: '--tr', unit: 'ms' },
};

/**
 * The message of an error for the user of `command`: a missing header value gets the option that supplies it,
 * when that command has the option (readers know nothing of the CLI, so the CLI adds this).
 */
export function messageWithOptionHint(error: Error, command: Command | undefined): string {
  if (!(error instanceof MissingHeaderValueError) || !command) return error.message;
  const { flag, unit } = OPTION_FOR_FIELD[error.field];
  const hasOption = command.options.some((option) => option.long === flag);
  return hasOption ? `${error.message}; give it with ${flag} <${unit}>` : error.message;
}
