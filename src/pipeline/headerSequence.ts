import type { SequenceName } from '../basis/pulseSequences.js';
import type { BasisSimulationOptions } from '../basis/simulateBasis.js';
import type { MrsData } from '../types/mrsData.js';

/**
 * The sequence to simulate a basis for, from a header's sequence name (Siemens "svs_st", "*svs_se",
 * "eja_svs_slaser", customer sequences such as "…uzay_steam_gui", Philips "PRESS", NIfTI-MRS SequenceName):
 * STEAM and semi-LASER names by their usual spellings, PRESS for anything else (spin echo, vendor
 * defaults, unknown or missing names).
 */
export function sequenceFromHeader(sequenceName: string | undefined): SequenceName {
  const name = (sequenceName ?? '').toLowerCase();
  if (/steam|(^|[^a-z])svs_st($|[^a-z])/.test(name)) return 'steam';
  if (/s(emi)?[-_ ]?laser/.test(name)) return 'slaser';
  return 'press';
}

/**
 * Basis simulation settings for one data file: its echo time, frequency and sampling, and the sequence named
 * in its header unless `sequence` is given. Null when the header has no echo time.
 */
export function basisSimulationForData(mrs: MrsData, sequence?: SequenceName): BasisSimulationOptions | null {
  if (mrs.echoTimeS === null) return null;
  return {
    sequence: sequence ?? sequenceFromHeader(mrs.sequenceName),
    echoTimeS: mrs.echoTimeS,
    spectrometerFrequencyMHz: mrs.spectrometerFrequencyMHz,
    points: mrs.points,
    dwellTimeS: mrs.dwellTimeS,
  };
}
