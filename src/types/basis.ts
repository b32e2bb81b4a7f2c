/** A basis set: one time-domain FID per metabolite, on a data set's time grid, NIfTI-MRS convention. */
export interface Basis {
  names: string[];
  /** Interleaved complex FIDs, each 2·points long, same order as `names`. */
  fids: Float64Array[];
  points: number;
  dwellTimeS: number;
  spectrometerFrequencyMHz: number;
  echoTimeS: number | null;
  /** Where it came from: a file path or "simulated: PRESS TE 30 ms …". */
  source: string;
}
