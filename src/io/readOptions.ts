/**
 * Values a user may supply for a file that lacks them (for example a NIfTI file without the NIfTI-MRS
 * header extension, or a 2-column text file). Values present in the file win over these.
 */
export interface SuppliedMetadata {
  spectrometerFrequencyMHz?: number;
  nucleus?: string;
  dwellTimeS?: number;
  echoTimeS?: number;
  repetitionTimeS?: number;
}
