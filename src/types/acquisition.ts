/** One session's acquisition, as its metabolite file's header gave it: what a paper's methods must state. */
export interface SessionAcquisition {
  /** Reader that read the file, e.g. "nifti-mrs", "siemens-twix". */
  format: string;
  /** The header's sequence name (never subject identifiers), null when it has none. */
  sequenceName: string | null;
  spectrometerFrequencyMHz: number;
  /** From the header; null when it does not say (the frequency still fixes the field). */
  fieldStrengthT: number | null;
  echoTimeS: number | null;
  repetitionTimeS: number | null;
  /** e.g. "1H". */
  nucleus: string;
  points: number;
  dwellTimeS: number;
  /** FIDs after coil combination (transients, and any edit or other dimension). */
  transients: number;
  /** Receive channels combined (1 for data stored coil-combined). */
  coils: number;
  voxelSizeMm: [number, number, number] | null;
  waterReference: boolean;
}
