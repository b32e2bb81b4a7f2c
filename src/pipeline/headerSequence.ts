import type { SequenceName } from '../basis/pulseSequences.js';

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
