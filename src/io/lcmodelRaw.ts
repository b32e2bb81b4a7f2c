import type { MrsData } from '../types/mrsData.js';
import { InputFileError, MissingHeaderValueError } from '../util/errors.js';
import { conjugateInPlace } from './complexSamples.js';
import { parseNamelists } from './lcmodelNamelist.js';
import type { SuppliedMetadata } from './readOptions.js';
import { latin1, looksLikeText, parseNumberList } from './textNumbers.js';

/**
 * LCModel `.RAW` / `.H2O`: optional `$SEQPAR` (HZPPPM, ECHOT, SEQ), `$NMID` (FMTDAT …), then
 * re/im pairs. LCModel's sign convention is the mirror of ours, so samples are conjugated.
 * RAW files rarely carry the dwell time (it lives in the control file as DELTAT): `supplied` gives it when absent.
 */
export function readLcmodelRaw(bytes: Uint8Array, name: string, supplied: SuppliedMetadata = {}): MrsData {
  const fail = (problem: string): never => {
    throw new InputFileError(name, problem);
  };
  if (!looksLikeText(bytes)) fail('not an LCModel RAW file (binary content)');
  const text = latin1(bytes);
  const lists = parseNamelists(text);
  const nmid = lists.find((l) => l.name === 'NMID');
  if (!nmid && lists.some((l) => l.name === 'BASIS1')) fail('this is an LCModel basis file ($BASIS1), not data; use it as a basis (--basis or analysis.basis)');
  if (!nmid) fail('not an LCModel RAW file (no $NMID namelist)');
  const values = new Map<string, string>();
  for (const list of lists) for (const [k, v] of list.values) values.set(k, v);
  const numeric = (...keys: string[]): number | undefined => {
    for (const key of keys) {
      const value = Number(values.get(key)?.replace(/[dD]/, 'e'));
      if (values.has(key) && Number.isFinite(value)) return value;
    }
    return undefined;
  };

  const samples = parseNumberList(text.slice(Math.max(...lists.map((l) => l.end))));
  if (!samples) fail('data section contains something other than numbers');
  const pairs = samples as Float64Array;
  if (pairs.length < 2 || pairs.length % 2 !== 0) fail(`data section holds ${pairs.length} numbers, expected re/im pairs`);
  const points = pairs.length / 2;
  const declared = numeric('NUMBEROFPOINTS', 'NUNFIL');
  if (declared !== undefined && declared !== points) fail(`header declares ${declared} points, data holds ${points}`);

  const dwellTimeS = numeric('DELTAT', 'DWELLTIME') ?? supplied.dwellTimeS;
  if (!(dwellTimeS !== undefined && dwellTimeS > 0)) throw new MissingHeaderValueError(name, 'dwellTimeS', 'no dwell time in the RAW header (DELTAT)');
  const spectrometerFrequencyMHz = numeric('HZPPPM') ?? supplied.spectrometerFrequencyMHz;
  if (!(spectrometerFrequencyMHz !== undefined && spectrometerFrequencyMHz > 0)) {
    throw new MissingHeaderValueError(name, 'spectrometerFrequencyMHz', 'no spectrometer frequency in the RAW header (HZPPPM)');
  }
  const echoMs = numeric('ECHOT');
  const mrs: MrsData = {
    data: conjugateInPlace(Float64Array.from(pairs)),
    points,
    dwellTimeS: dwellTimeS as number,
    spectrometerFrequencyMHz: spectrometerFrequencyMHz as number,
    nucleus: supplied.nucleus ?? '1H',
    dims: [],
    echoTimeS: echoMs !== undefined ? echoMs / 1000 : (supplied.echoTimeS ?? null),
    repetitionTimeS: supplied.repetitionTimeS ?? null,
    transientTimesS: null,
    provenance: { format: 'lcmodel-raw', sourceName: name, processingApplied: [] },
  };
  const sequence = values.get('SEQ');
  if (sequence) mrs.sequenceName = sequence;
  return mrs;
}
