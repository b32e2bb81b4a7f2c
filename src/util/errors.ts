/** Errors whose message is one line fit to show a user; the CLI prints the message, not the stack. */
export class GlutraceError extends Error {
  override name = 'GlutraceError';
}

/** A file that cannot be read as what it claims to be. */
export class InputFileError extends GlutraceError {
  override name = 'InputFileError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
  }
}

/** A header value a user may supply (SuppliedMetadata's field names); the CLI names its option for it. */
export type SuppliableHeaderField = 'spectrometerFrequencyMHz' | 'dwellTimeS' | 'echoTimeS' | 'repetitionTimeS';

/** A file that lacks a header value the reading or the requested step needs, and that a user could supply. */
export class MissingHeaderValueError extends InputFileError {
  override name = 'MissingHeaderValueError';
  constructor(
    file: string,
    readonly field: SuppliableHeaderField,
    problem: string,
  ) {
    super(file, problem);
  }
}

/** A manifest or config value that fails validation; `jsonPath` names the field, e.g. subjects[0].visits[1].water. */
export class ManifestError extends GlutraceError {
  override name = 'ManifestError';
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    readonly problem: string,
  ) {
    super(`${file}: ${jsonPath ? `${jsonPath}: ` : ''}${problem}`);
  }
}

/** Data that is readable but unusable for the requested step (NaNs, wrong shape, too few transients). */
export class DataError extends GlutraceError {
  override name = 'DataError';
}

/** The error classes that describe the input, not the machine: the same input fails the same way every time. */
const INPUT_ERROR_NAMES = ['InputFileError', 'MissingHeaderValueError', 'ManifestError', 'DataError'];

/**
 * True for an InputFileError, ManifestError or DataError, also one thrown in a worker thread: structured
 * cloning across the thread boundary keeps an error's message and stack but not its class, and the stack
 * begins with the class name.
 */
export function isInputError(error: unknown): boolean {
  if (error instanceof InputFileError || error instanceof ManifestError || error instanceof DataError) return true;
  if (!(error instanceof Error) || typeof error.stack !== 'string') return false;
  const header = /^(\w+)(?::|\n|$)/.exec(error.stack);
  return header !== null && INPUT_ERROR_NAMES.includes(header[1]);
}
