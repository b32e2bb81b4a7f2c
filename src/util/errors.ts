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
