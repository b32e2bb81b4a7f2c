import type { MrsData } from '../types/mrsData.js';
import { InputFileError, MissingHeaderValueError } from '../util/errors.js';
import { conjugateInPlace } from './complexSamples.js';
import type { SuppliedMetadata } from './readOptions.js';
import { latin1, looksLikeText, parseNumberList } from './textNumbers.js';

export interface PlainTextOptions extends SuppliedMetadata {
  /**
   * Plain text carries no sign convention: spec2nii's text matches jMRUI (taken as is, the default),
   * while e.g. the ISMRM 2016 challenge text matches LCModel RAW (pass `conjugate: true`).
   */
  conjugate?: boolean;
}

/**
 * Columns of numbers: re im [re im …] per row, no header. Each re/im column pair is one FID; several
 * pairs become a DIM_USER_0 dim. Dwell time and spectrometer frequency must be supplied.
 */
export function readPlainText(bytes: Uint8Array, name: string, options: PlainTextOptions = {}): MrsData {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  if (!looksLikeText(bytes)) fail('not a text file (binary content)');
  const lines = latin1(bytes)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length === 0) fail('empty text file');
  const columns = lines[0].split(/[\s,]+/).length;
  if (columns < 2 || columns % 2 !== 0) fail(`first row has ${columns} columns, expected re/im pairs`);
  const numbers = parseNumberList(lines.join('\n'));
  if (!numbers) fail('contains something other than numbers (a header?)');
  const values = numbers as Float64Array;
  if (values.length !== columns * lines.length) fail(`rows do not all have ${columns} columns`);
  if (!(options.dwellTimeS && options.dwellTimeS > 0)) throw new MissingHeaderValueError(name, 'dwellTimeS', 'plain text has no dwell time');
  if (!(options.spectrometerFrequencyMHz && options.spectrometerFrequencyMHz > 0)) {
    throw new MissingHeaderValueError(name, 'spectrometerFrequencyMHz', 'plain text has no spectrometer frequency');
  }

  const points = lines.length;
  const fids = columns / 2;
  const data = new Float64Array(2 * points * fids);
  for (let f = 0; f < fids; f++) {
    for (let n = 0; n < points; n++) {
      data[2 * (f * points + n)] = values[n * columns + 2 * f];
      data[2 * (f * points + n) + 1] = values[n * columns + 2 * f + 1];
    }
  }
  if (options.conjugate) conjugateInPlace(data);
  return {
    data,
    points,
    dwellTimeS: options.dwellTimeS as number,
    spectrometerFrequencyMHz: options.spectrometerFrequencyMHz as number,
    nucleus: options.nucleus ?? '1H',
    dims: fids > 1 ? [{ tag: 'DIM_USER_0', size: fids }] : [],
    echoTimeS: options.echoTimeS ?? null,
    repetitionTimeS: options.repetitionTimeS ?? null,
    transientTimesS: null,
    provenance: { format: 'text', sourceName: name, processingApplied: [] },
  };
}
