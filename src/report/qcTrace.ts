/** Per-session quality-control traces, as the preprocessing stage measures them. */
export interface SessionQcTrace {
  /** Acquisition time of each transient, minutes from infusion start. */
  timesMin: Float64Array;
  /** Frequency correction applied to each transient, Hz. */
  frequencyHz: Float64Array;
  /** Zero-order phase correction applied to each transient, degrees. */
  phaseDeg: Float64Array;
  /** 1 where the transient was rejected, 0 where it was kept. */
  rejected: Uint8Array;
  /** SNR of each window average (NAA height over noise SD). */
  windowSnr?: Float64Array;
  /** Linewidth of each window average, Hz. */
  windowFwhmHz?: Float64Array;
  /** Window centres, minutes from infusion start; without them windows are plotted by index. */
  windowCentresMin?: Float64Array;
}
